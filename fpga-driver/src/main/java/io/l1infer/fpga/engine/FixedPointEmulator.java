package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import static io.l1infer.fpga.engine.LayerKernel.TILE;

/**
 * The bit-exact CPU emulation of an hls4ml model: the daemon's embedded accelerator and the golden reference for
 * the OpenCL path. Synchronous, one buffer set, no allocation per call; events run in tiles of
 * {@value LayerKernel#TILE}, feature-major, so the JIT vectorises the per-event loops.
 */
public final class FixedPointEmulator implements Accelerator
{
    private final ModelBundle model;
    private final int maxBatchSize;
    private final BatchBuffers buffers;
    private final LayerKernel[] kernels;
    private final KernelScratch scratch;
    private final int[] tileA;
    private final int[] tileB;
    private final int inputSize;
    private final int outputSize;
    private final boolean finalInA;
    private int launchedSet = -1;
    private boolean closed;

    /**
     * @param model        a loaded bundle.
     * @param maxBatchSize most events per launch (the buffer capacity).
     * @throws IllegalArgumentException when a layer needs intermediates wider than supported.
     */
    public FixedPointEmulator(final ModelBundle model, final int maxBatchSize)
    {
        if (maxBatchSize < 1)
        {
            throw new IllegalArgumentException("maxBatchSize must be >= 1: " + maxBatchSize);
        }
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

        kernels = new LayerKernel[model.layers().size()];
        FixedPointType type = inType;
        for (int i = 0; i < kernels.length; i++)
        {
            final Layer layer = model.layers().get(i);
            kernels[i] = kernelFor(layer, type);
            type = layer.resultType();
        }
        final int width = model.maxWidth();
        scratch = new KernelScratch(width);
        tileA = new int[width * TILE];
        tileB = new int[width * TILE];
        finalInA = kernels.length % 2 == 0;
    }

    private static int align(final int bytes)
    {
        return Math.max(64, (bytes + 63) & ~63);
    }

    private static LayerKernel kernelFor(final Layer layer, final FixedPointType inputType)
    {
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
        return "fixed-point emulator (CPU, bit-exact hls4ml C simulation) of " + model;
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
        for (int first = 0; first < batchSize; first += TILE)
        {
            runTile(first, Math.min(TILE, batchSize - first));
        }
        launchedSet = set;
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
        final int[] a = tileA;
        for (int b = 0; b < n; b++)
        {
            final int event = first + b;
            for (int f = 0; f < inputSize; f++)
            {
                a[f * TILE + b] = buf.getInput(event, f);
            }
        }
        int[] in = tileA;
        int[] out = tileB;
        for (final LayerKernel kernel : kernels)
        {
            kernel.run(in, out, n, scratch);
            final int[] t = in;
            in = out;
            out = t;
        }
        final int[] result = finalInA ? tileA : tileB;
        for (int b = 0; b < n; b++)
        {
            final int event = first + b;
            for (int o = 0; o < outputSize; o++)
            {
                buf.putOutput(event, o, result[o * TILE + b]);
            }
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
