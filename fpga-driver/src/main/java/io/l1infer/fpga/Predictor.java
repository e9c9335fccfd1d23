package io.l1infer.fpga;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.opencl.OpenClAccelerator;
import io.l1infer.fpga.opencl.OpenClDeviceSelector;
import io.l1infer.fpga.opencl.OpenClKernelSource;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One-call inference of a model from host code, the Java counterpart of PYNQ's {@code nn.call(inp, out)}: floats in,
 * floats out (converted as hls4ml's C simulation converts them, see {@link CsimFloats}), or raw values in batches,
 * on the bit-exact CPU emulator or an OpenCL device. Not thread-safe: one thread uses an instance.
 */
public final class Predictor implements AutoCloseable
{
    /** Which engine computes. */
    public enum Engine
    {
        /** The bit-exact CPU emulation of the hls4ml fixed-point arithmetic. */
        EMULATOR,
        /** The generated OpenCL kernel on the first OpenCL device with a compiler (PoCL, a GPU). */
        OPENCL
    }

    /** Events per accelerator call when none is given. */
    public static final int DEFAULT_MAX_BATCH = 256;

    private final Accelerator accelerator;
    private final ModelBundle model;
    private final FixedPointType inputType;
    private final FixedPointType outputType;
    private final int inputSize;
    private final int outputSize;
    private final long[] rawIn;
    private final long[] rawOut;

    private Predictor(final Accelerator accelerator)
    {
        this.accelerator = accelerator;
        this.model = accelerator.model();
        this.inputType = model.input().type();
        this.outputType = model.output().type();
        this.inputSize = model.input().size();
        this.outputSize = model.output().size();
        this.rawIn = new long[inputSize];
        this.rawOut = new long[outputSize];
    }

    /**
     * Load a model (an l1infer bundle, or whatever else {@link ModelBundle#load} accepts) and open an engine for it.
     *
     * @throws io.l1infer.fpga.model.ModelLoadException       when the model cannot be loaded, naming why.
     * @throws io.l1infer.fpga.engine.AcceleratorException when the OpenCL device cannot be opened.
     */
    public static Predictor open(final Path modelOrProject, final Engine engine)
    {
        return open(ModelBundle.load(modelOrProject), engine, DEFAULT_MAX_BATCH);
    }

    /** A predictor of a loaded model; {@code maxBatch} events per accelerator call at most. */
    public static Predictor open(final ModelBundle model, final Engine engine, final int maxBatch)
    {
        Objects.requireNonNull(engine, "engine");
        return engine == Engine.EMULATOR ? emulator(model, maxBatch) :
            openCl(model, new OpenClDeviceSelector("", "", OpenClDeviceSelector.DeviceTypeFilter.ALL, 0), maxBatch);
    }

    /** A predictor on the CPU emulator. */
    public static Predictor emulator(final ModelBundle model, final int maxBatch)
    {
        return new Predictor(new FixedPointEmulator(model, checkBatch(maxBatch)));
    }

    /** A predictor on the generated OpenCL kernel of the device {@code selector} picks. */
    public static Predictor openCl(final ModelBundle model, final OpenClDeviceSelector selector, final int maxBatch)
    {
        return new Predictor(OpenClAccelerator.open(model, selector, null, OpenClKernelSource.DEFAULT_KERNEL_NAME,
            checkBatch(maxBatch), 1));
    }

    private static int checkBatch(final int maxBatch)
    {
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        return maxBatch;
    }

    public ModelBundle model()
    {
        return model;
    }

    public int inputSize()
    {
        return inputSize;
    }

    public int outputSize()
    {
        return outputSize;
    }

    /** The engine: the emulator and its path, or the OpenCL device. */
    public String description()
    {
        return accelerator.description();
    }

    /**
     * One event, floats to floats, into a caller's array: nothing is allocated.
     *
     * @param in  {@link #inputSize()} values.
     * @param out receives {@link #outputSize()} values.
     * @throws IllegalArgumentException when a length is wrong or an input is NaN or infinite.
     */
    public void predict(final float[] in, final float[] out)
    {
        checkLength("inputs", in.length, inputSize);
        checkLength("outputs", out.length, outputSize);
        for (int f = 0; f < inputSize; f++)
        {
            rawIn[f] = toRaw(in[f], 0, f);
        }
        predictRaw(rawIn, 1, rawOut);
        for (int o = 0; o < outputSize; o++)
        {
            out[o] = CsimFloats.toFloat(outputType, rawOut[o]);
        }
    }

    /** One event, floats to a new array of floats. */
    public float[] predict(final float[] in)
    {
        final float[] out = new float[outputSize];
        predict(in, out);
        return out;
    }

    /** Several events, one row each, in batches of at most the engine's batch size. */
    public float[][] predict(final float[][] in)
    {
        final int events = in.length;
        final long[] raw = new long[Math.multiplyExact(events, inputSize)];
        for (int e = 0; e < events; e++)
        {
            checkLength("inputs of event " + e, in[e].length, inputSize);
            for (int f = 0; f < inputSize; f++)
            {
                raw[e * inputSize + f] = toRaw(in[e][f], e, f);
            }
        }
        final long[] rawResults = new long[Math.multiplyExact(events, outputSize)];
        predictRaw(raw, events, rawResults);
        final float[][] out = new float[events][outputSize];
        for (int e = 0; e < events; e++)
        {
            for (int o = 0; o < outputSize; o++)
            {
                out[e][o] = CsimFloats.toFloat(outputType, rawResults[e * outputSize + o]);
            }
        }
        return out;
    }

    /**
     * Raw fixed-point values in and out, event-major: event e's input f at {@code in[e * inputSize() + f]}, its
     * output o written to {@code out[e * outputSize() + o]}. Allocates nothing.
     *
     * @param events how many events {@code in} holds.
     * @throws IllegalArgumentException when an array is too short or a raw input is outside the input type's range.
     */
    public void predictRaw(final long[] in, final int events, final long[] out)
    {
        if (events < 0 || in.length < (long)events * inputSize || out.length < (long)events * outputSize)
        {
            throw new IllegalArgumentException(events + " events need " + (long)events * inputSize +
                " inputs and " + (long)events * outputSize + " outputs, got arrays of " + in.length + " and " +
                out.length);
        }
        final BatchBuffers buffers = accelerator.buffers(0);
        final int batch = accelerator.maxBatchSize();
        for (int first = 0; first < events; first += batch)
        {
            final int n = Math.min(batch, events - first);
            for (int b = 0; b < n; b++)
            {
                final int base = (first + b) * inputSize;
                for (int f = 0; f < inputSize; f++)
                {
                    final long raw = in[base + f];
                    if (!inputType.containsRaw(raw))
                    {
                        throw new IllegalArgumentException("event " + (first + b) + " input " + f + ": raw " + raw +
                            " is outside [" + inputType.minRaw() + ", " + inputType.maxRaw() + "] of " + inputType);
                    }
                    buffers.putInputLong(b, f, raw);
                }
            }
            accelerator.infer(0, n);
            for (int b = 0; b < n; b++)
            {
                final int base = (first + b) * outputSize;
                for (int o = 0; o < outputSize; o++)
                {
                    out[base + o] = buffers.getOutputLong(b, o);
                }
            }
        }
    }

    private long toRaw(final float value, final int event, final int input)
    {
        if (!Float.isFinite(value))
        {
            throw new IllegalArgumentException("event " + event + " input " + input + ": " + value +
                " has no value in " + inputType);
        }
        return CsimFloats.toRaw(inputType, value);
    }

    private static void checkLength(final String what, final int length, final int expected)
    {
        if (length != expected)
        {
            throw new IllegalArgumentException(what + ": expected " + expected + " values, got " + length);
        }
    }

    /** Release the engine (the OpenCL context and buffers); idempotent. */
    @Override
    public void close()
    {
        accelerator.close();
    }
}
