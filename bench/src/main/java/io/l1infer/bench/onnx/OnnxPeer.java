package io.l1infer.bench.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.model.ModelBundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * ONNX Runtime (CPU, one intra-op thread, sequential execution, all graph optimisations) running a model's
 * float32 graph from {@link OnnxGraphBuilder}: the peer the bit-exact engine is measured against, used the way a
 * careful Java user would use it.
 *
 * <p>The caller writes features into a pre-allocated direct float buffer in place ({@link #putInput}), calls
 * {@link #run}, and reads outputs in place ({@link #getOutput}). For each batch size the first {@code run} wraps
 * the first {@code n} events of both buffers in {@link OnnxTensor}s with {@code OnnxTensor.createTensor} (a direct
 * native-order buffer is wrapped, not copied) and keeps them; later runs at that size reuse them, and the outputs
 * are written into the pinned output tensor, so no result tensor is created either.
 *
 * <p>What ONNX Runtime 1.23 still allocates on every {@code run} (read from its Java bytecode): {@code
 * OrtSession.run} builds five small arrays (input names and handles; output names, values and handles) and
 * iterators over the two maps; the JNI call returns a new {@code boolean[]} of ownership flags; and the returned
 * {@code OrtSession.Result} holds a new {@code LinkedHashMap} and {@code ArrayList}, closed here at once (it does
 * not close the pinned output, which it does not own). On the native side the CPU execution provider takes
 * intermediate tensors from its arena, which is reused from run to run. None of this is under the caller's
 * control. Not thread-safe: one thread only.
 */
public final class OnnxPeer implements AutoCloseable
{
    private final ModelBundle model;
    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final int maxBatchSize;
    private final int inputSize;
    private final int outputSize;
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final BatchBinding[] bindings;
    private boolean closed;

    /** The tensors and maps that bind the first {@code n} events of the buffers, made once per batch size. */
    private record BatchBinding(
        OnnxTensor input, OnnxTensor output, Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputs)
    {
    }

    /**
     * Build the model's float32 graph and open an ONNX Runtime session on it.
     *
     * @param model        the model whose weights to run in float32.
     * @param maxBatchSize most events per {@link #run}.
     * @throws OnnxPeerException when ONNX Runtime rejects the graph or cannot create the session.
     */
    public OnnxPeer(final ModelBundle model, final int maxBatchSize)
    {
        Accelerator.requireMaxBatchSize(maxBatchSize);
        this.model = model;
        this.maxBatchSize = maxBatchSize;
        this.inputSize = model.input().size();
        this.outputSize = model.output().size();
        this.input = directFloats(maxBatchSize * inputSize);
        this.output = directFloats(maxBatchSize * outputSize);
        this.bindings = new BatchBinding[maxBatchSize + 1];
        this.environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = null;
        try
        {
            opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(OnnxGraphBuilder.build(model), opts);
        }
        catch (final OrtException ex)
        {
            if (opts != null)
            {
                opts.close();
            }
            throw new OnnxPeerException("ONNX Runtime session for model '" + model.name() + "': " +
                ex.getMessage(), ex);
        }
        this.options = opts;
    }

    private static FloatBuffer directFloats(final int count)
    {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public ModelBundle model()
    {
        return model;
    }

    /** ONNX Runtime's version and the session settings, for reports. */
    public String description()
    {
        return "ONNX Runtime " + environment.getVersion() +
            " (CPU, float32, 1 intra-op thread, sequential, ALL_OPT) of " + model;
    }

    public int maxBatchSize()
    {
        return maxBatchSize;
    }

    public int inputSize()
    {
        return inputSize;
    }

    public int outputSize()
    {
        return outputSize;
    }

    /** Write feature {@code index} of event {@code event} in place. */
    public void putInput(final int event, final int index, final float value)
    {
        input.put(event * inputSize + index, value);
    }

    /** Read output {@code index} of event {@code event} of the last {@link #run}. */
    public float getOutput(final int event, final int index)
    {
        return output.get(event * outputSize + index);
    }

    /**
     * Run the first {@code batchSize} events of the input buffer; their outputs are readable when this returns.
     *
     * @throws OnnxPeerException when ONNX Runtime fails.
     */
    public void run(final int batchSize)
    {
        if (batchSize < 1 || batchSize > maxBatchSize)
        {
            throw new IllegalArgumentException("batch size " + batchSize + " outside 1.." + maxBatchSize);
        }
        if (closed)
        {
            throw new IllegalStateException("ONNX peer of model '" + model.name() + "' is closed");
        }
        BatchBinding binding = bindings[batchSize];
        if (binding == null)
        {
            binding = bind(batchSize);
            bindings[batchSize] = binding;
        }
        try
        {
            // The outputs land in the pinned tensor's memory, i.e. in 'output'; the result owns nothing to free,
            // but closing it keeps that true should ONNX Runtime ever hand back a value of its own.
            session.run(binding.inputs(), binding.outputs()).close();
        }
        catch (final OrtException ex)
        {
            throw new OnnxPeerException("ONNX Runtime run of model '" + model.name() + "' at batch size " +
                batchSize + ": " + ex.getMessage(), ex);
        }
    }

    private BatchBinding bind(final int batchSize)
    {
        OnnxTensor in = null;
        try
        {
            in = OnnxTensor.createTensor(environment, window(input, batchSize * inputSize),
                new long[] {batchSize, inputSize});
            final OnnxTensor out = OnnxTensor.createTensor(environment, window(output, batchSize * outputSize),
                new long[] {batchSize, outputSize});
            return new BatchBinding(in, out,
                Map.of(OnnxGraphBuilder.INPUT_NAME, in), Map.of(OnnxGraphBuilder.OUTPUT_NAME, out));
        }
        catch (final OrtException ex)
        {
            if (in != null)
            {
                in.close();
            }
            throw new OnnxPeerException("ONNX Runtime tensors for model '" + model.name() + "' at batch size " +
                batchSize + ": " + ex.getMessage(), ex);
        }
    }

    /** The first {@code count} floats of {@code buffer}, sharing its memory. */
    private static FloatBuffer window(final FloatBuffer buffer, final int count)
    {
        return buffer.duplicate().position(0).limit(count).slice();
    }

    /** Release the tensors, the session and its options; idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final BatchBinding binding : bindings)
        {
            if (binding != null)
            {
                binding.input().close();
                binding.output().close();
            }
        }
        try
        {
            session.close();
        }
        catch (final OrtException ex)
        {
            throw new OnnxPeerException("closing ONNX Runtime session of model '" + model.name() + "': " +
                ex.getMessage(), ex);
        }
        finally
        {
            options.close();
        }
    }
}
