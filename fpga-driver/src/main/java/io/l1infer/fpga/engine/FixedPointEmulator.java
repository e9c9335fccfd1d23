package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * The bit-exact CPU emulation of an hls4ml model: the daemon's embedded accelerator and the golden reference for
 * the OpenCL path. Synchronous, one buffer set, no allocation per call. Models whose every type the int kernels
 * handle exactly ({@link IntKernelTypes}) run on them: small batches, layers that need 64-bit or per-step saturating
 * arithmetic, and JVMs without the Vector API event by event on scalar kernels, other batches in tiles, one SIMD lane
 * per event ({@link VectorTileRunner}). Every other model runs event by event on the exact general path
 * ({@link WideLayerKernel}, 64-bit values, 128-bit products).
 */
public final class FixedPointEmulator implements Accelerator
{
    /**
     * Batches smaller than this run event by event on any machine: a tile computes a whole vector of lanes. A tile
     * of up to one vector of events costs about as much as lanes / 2 single events (thesis model, JMH: AVX2's 8
     * lanes about 3-4, AVX-512's 16 lanes 4.3-4.5 us per tile of 2-16 events against 0.58 us per single event), so
     * the bound grows with the vector length ({@link #singleEventBelow}).
     */
    static final int SINGLE_EVENT_BELOW_MIN = 3;

    private final ModelBundle model;
    private final int maxBatchSize;
    private final BatchBuffers buffers;
    /** Null on the general path. */
    private final LayerKernel[] kernels;
    /** Null on the int path. */
    private final WideLayerKernel[] wideKernels;
    private final long[] wideA;
    private final long[] wideB;
    /** Why the general path runs the model (empty on the int path), for the description. */
    private final String generalPathReason;
    /** Null when the scalar path runs everything. */
    private final VectorTileRunner tileRunner;
    private final VectorEventRunner eventRunner;
    /** Batches smaller than this run event by event ({@link #SINGLE_EVENT_BELOW_MIN}). */
    private final int singleEventBelow;
    private final int tileSize;
    private final int[] vectorA;
    private final int[] vectorB;
    private final int inputSize;
    private final int outputSize;
    private final boolean finalInA;
    /** The last layer's output may be held reduced (see {@link LayerKernel}); shift it back when writing. */
    private final int outputZeros;
    private boolean closed;

    /**
     * @param model        a loaded bundle.
     * @param maxBatchSize most events per launch (the buffer capacity).
     * @throws IllegalArgumentException naming the layer when it cannot be computed exactly.
     */
    public FixedPointEmulator(final ModelBundle model, final int maxBatchSize)
    {
        this(model, maxBatchSize, true);
    }

    /**
     * @param allowVector false forces the scalar path for every batch (tests compare both paths).
     */
    public FixedPointEmulator(final ModelBundle model, final int maxBatchSize, final boolean allowVector)
    {
        Accelerator.requireMaxBatchSize(maxBatchSize);
        this.model = model;
        this.maxBatchSize = maxBatchSize;
        this.inputSize = model.input().size();
        this.outputSize = model.output().size();
        final FixedPointType inType = model.input().type();
        final FixedPointType outType = model.output().type();

        final int inBytes = ElementLayout.bytesPerElement(inType) * inputSize * maxBatchSize;
        final int outBytes = ElementLayout.bytesPerElement(outType) * outputSize * maxBatchSize;
        buffers = new BatchBuffers(
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(inBytes), 64)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(outBytes), 64)),
            maxBatchSize, inputSize, inType, outputSize, outType);

        final int width = model.maxWidth();
        // The int kernels are exact only for the types IntKernelTypes lists (their proofs assume ap_fixed of <= 32
        // bits, N = 0, three Q and two O modes); everything else, and a batchnorm wider than 62 bits, takes the
        // exact general path instead of being refused.
        final List<String> unsupported = IntKernelTypes.unsupportedOnCpu(model);
        String reason = unsupported.isEmpty() ? "" : String.join(", ", unsupported);
        LayerKernel[] intKernels = null;
        if (unsupported.isEmpty())
        {
            try
            {
                intKernels = intKernels(model);
            }
            catch (final IllegalArgumentException needsMoreThan62Bits)
            {
                reason = needsMoreThan62Bits.getMessage();
            }
        }
        kernels = intKernels;
        generalPathReason = reason;
        if (kernels == null)
        {
            wideKernels = new WideLayerKernel[model.layers().size()];
            FixedPointType type = inType;
            for (int i = 0; i < wideKernels.length; i++)
            {
                wideKernels[i] = LayerKernels.wide(model.layers().get(i), type);
                type = wideKernels[i].outputType();
            }
            wideA = new long[width];
            wideB = new long[width];
            outputZeros = 0;
            tileRunner = null;
            eventRunner = null;
            tileSize = 0;
            singleEventBelow = 0;
            vectorA = null;
            vectorB = null;
            finalInA = wideKernels.length % 2 == 0;
            return;
        }
        wideKernels = null;
        wideA = null;
        wideB = null;
        FixedPointType held = inType;
        for (final LayerKernel kernel : kernels)
        {
            held = kernel.outputType();
        }
        outputZeros = outType.fractionBits() - held.fractionBits();
        boolean vectorForms = allowVector && VectorSupport.isAvailable();
        for (final LayerKernel kernel : kernels)
        {
            vectorForms &= kernel.hasVectorForm();
        }
        tileRunner = vectorForms ? new VectorTileRunner(kernels, inputSize, width) : null;
        eventRunner = vectorForms ? new VectorEventRunner(kernels, inputSize, width) : null;
        tileSize = vectorForms ? VectorTileRunner.TILE : 0;
        singleEventBelow = vectorForms ?
            Math.max(SINGLE_EVENT_BELOW_MIN, VectorTileRunner.SPECIES.length() / 2 - 1) : 0;
        vectorA = new int[width];
        vectorB = new int[width];
        finalInA = kernels.length % 2 == 0;
    }

    private static int align(final int bytes)
    {
        return Math.max(64, (bytes + 63) & ~63);
    }

    /** The int kernels, valid only for models {@link IntKernelTypes} accepts; a too-wide batchnorm throws. */
    private static LayerKernel[] intKernels(final ModelBundle model)
    {
        final LayerKernel[] k = new LayerKernel[model.layers().size()];
        FixedPointType held = model.input().type();
        FixedPointType declared = held;
        for (int i = 0; i < k.length; i++)
        {
            final Layer layer = model.layers().get(i);
            // An activation of nnet_activation.h computes on long raws of its declared input type; the int lanes
            // around it may hold that input reduced (see LayerKernel).
            k[i] = layer instanceof ElementwiseLayer e ?
                new IntLaneActivationKernel(ActivationFunctions.create(e, declared), e.size(), held, declared) :
                kernelFor(layer, held);
            held = k[i].outputType();
            declared = layer.resultType();
        }
        return k;
    }

    private static LayerKernel kernelFor(final Layer layer, final FixedPointType inputType)
    {
        // The same dispatch as LayerKernels.wide on purpose: this one picks the narrow int kernels, that one the
        // exact general-path kernels.
        if (layer instanceof DenseLayer d)
        {
            return new DenseKernel(d, inputType);
        }
        if (layer instanceof BatchNormLayer bn)
        {
            return new BatchNormKernel(bn, inputType);
        }
        if (layer instanceof ReluLayer r)
        {
            return new ActivationKernel(r.size(), true, inputType, r.resultType());
        }
        final LinearLayer l = (LinearLayer)layer;
        return new ActivationKernel(l.size(), false, inputType, l.resultType());
    }

    @Override
    public ModelBundle model()
    {
        return model;
    }

    @Override
    public String description()
    {
        final String path = kernels == null ? "exact general path (" + generalPathReason + ")" :
            tileRunner != null ? "SIMD tiles of " + tileSize : "scalar";
        return "fixed-point emulator (CPU, bit-exact hls4ml C simulation, " + path + ") of " + model;
    }

    @Override
    public int maxBatchSize()
    {
        return maxBatchSize;
    }

    @Override
    public int bufferSetCount()
    {
        return 1;
    }

    @Override
    public BatchBuffers buffers(final int set)
    {
        checkSet(set);
        return buffers;
    }

    @Override
    public void launch(final int set, final int batchSize)
    {
        checkSet(set);
        if (batchSize < 0 || batchSize > maxBatchSize)
        {
            throw new IllegalArgumentException("batch size " + batchSize + " outside 0.." + maxBatchSize);
        }
        if (closed)
        {
            throw new AcceleratorException("launch: emulator is closed");
        }
        if (kernels == null)
        {
            for (int event = 0; event < batchSize; event++)
            {
                runWide(event);
            }
            return;
        }
        if (tileRunner == null || batchSize < singleEventBelow)
        {
            for (int event = 0; event < batchSize; event++)
            {
                runSingle(event);
            }
            return;
        }
        for (int first = 0; first < batchSize; first += tileSize)
        {
            runTile(first, Math.min(tileSize, batchSize - first));
        }
    }

    @Override
    public void await(final int set)
    {
        checkSet(set);
    }

    @Override
    public void close()
    {
        closed = true;
    }

    private void runTile(final int first, final int n)
    {
        final BatchBuffers buf = buffers;
        final int[][] rows = tileRunner.inputRows();
        final int[] event = vectorB;
        for (int b = 0; b < n; b++)
        {
            buf.getInputs(first + b, event);
            for (int f = 0; f < inputSize; f++)
            {
                rows[f][b] = event[f];
            }
        }
        final int[][] result = tileRunner.run(n);
        final int z = outputZeros;
        for (int o = 0; o < outputSize; o++)
        {
            final int[] row = result[o];
            for (int b = 0; b < n; b++)
            {
                buf.putOutput(first + b, o, row[b] << z);
            }
        }
    }

    private void runSingle(final int event)
    {
        if (eventRunner != null)
        {
            buffers.getInputs(event, eventRunner.input());
            final int[] result = eventRunner.run();
            for (int o = 0; o < outputSize; o++)
            {
                buffers.putOutput(event, o, result[o] << outputZeros);
            }
            return;
        }
        final BatchBuffers buf = buffers;
        buf.getInputs(event, vectorA);
        int[] in = vectorA;
        int[] out = vectorB;
        for (final LayerKernel kernel : kernels)
        {
            kernel.run(in, out);
            final int[] t = in;
            in = out;
            out = t;
        }
        final int[] result = finalInA ? vectorA : vectorB;
        for (int o = 0; o < outputSize; o++)
        {
            buf.putOutput(event, o, result[o] << outputZeros);
        }
    }

    private void runWide(final int event)
    {
        final BatchBuffers buf = buffers;
        buf.getInputsLong(event, wideA);
        long[] in = wideA;
        long[] out = wideB;
        for (final WideLayerKernel kernel : wideKernels)
        {
            kernel.run(in, out);
            final long[] t = in;
            in = out;
            out = t;
        }
        final long[] result = finalInA ? wideA : wideB;
        for (int o = 0; o < outputSize; o++)
        {
            buf.putOutputLong(event, o, result[o]);
        }
    }

    private static void checkSet(final int set)
    {
        if (set != 0)
        {
            throw new IllegalArgumentException("buffer set " + set + " does not exist (the emulator has one)");
        }
    }
}
