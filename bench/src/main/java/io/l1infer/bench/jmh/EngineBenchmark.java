package io.l1infer.bench.jmh;

import io.l1infer.bench.onnx.OnnxPeer;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * One batch of real events through the bit-exact engine or through ONNX Runtime running the same weights in
 * float32, on the calling thread: the score is nanoseconds per batch (per JMH operation), which
 * {@link EngineBenchmarkReport} divides by the batch size to get nanoseconds per event.
 *
 * <p>An operation is what the daemon's accelerator owner does per batch: write the batch's inputs into the
 * engine's own buffers (raw fixed-point values for the emulator, floats for ONNX Runtime), run it, and read every
 * output. Successive operations walk through the 14,248 real events of {@code data/muon-pt-thesis/inputs.csv} (the
 * 27-input models) or as many seeded events ({@link BenchmarkModels#inputs}), so every batch holds different data.
 * Both engines see the same input values: the features quantized to the model's input type.
 *
 * <p>Run from the project directory (after {@code mvn -B -q -o install -DskipTests}):
 * {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-modules jdk.incubator.vector
 * -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main EngineBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * -rf json -rff engine.json}; JMH's forks inherit these JVM options (without the Vector API module the engine
 * runs its scalar path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineBenchmark
{
    /** The bit-exact CPU engine, {@link FixedPointEmulator}. */
    public static final String EMULATOR = "emulator";
    /** ONNX Runtime in float32, {@link OnnxPeer}. */
    public static final String ONNX = "onnx";

    @Param({BenchmarkModels.THESIS, BenchmarkModels.RANDOM, BenchmarkModels.TAGGER, BenchmarkModels.WIDE})
    public String model;

    @Param({"1", "16", "64", "256"})
    public int batch;

    @Param({EMULATOR, ONNX})
    public String engine;

    private FixedPointEmulator emulator;
    private BatchBuffers buffers;
    private OnnxPeer onnx;
    private int inputSize;
    private int outputSize;
    private int events;
    private int[] rawInputs;
    private float[] floatInputs;
    private int cursor;

    /** Load the model and the real inputs, quantize the inputs once, and open the engine under test. */
    @Setup(Level.Trial)
    public void open()
    {
        final ModelBundle bundle = BenchmarkModels.model(model);
        inputSize = bundle.input().size();
        outputSize = bundle.output().size();
        final double[][] features = BenchmarkModels.inputs(model);
        events = features.length;
        if (events < batch)
        {
            throw new IllegalArgumentException("only " + events + " events, fewer than batch " + batch);
        }
        if (features[0].length != inputSize)
        {
            throw new IllegalArgumentException("model '" + bundle.name() + "' takes " + inputSize +
                " inputs, its events have " + features[0].length + " features");
        }
        final FixedPointType inType = bundle.input().type();
        rawInputs = new int[events * inputSize];
        floatInputs = new float[events * inputSize];
        for (int e = 0; e < events; e++)
        {
            for (int f = 0; f < inputSize; f++)
            {
                final int raw = (int)inType.fromDouble(features[e][f]);
                rawInputs[e * inputSize + f] = raw;
                floatInputs[e * inputSize + f] = (float)inType.toDouble(raw);
            }
        }
        switch (engine)
        {
            case EMULATOR ->
            {
                emulator = new FixedPointEmulator(bundle, batch);
                buffers = emulator.buffers(0);
            }
            case ONNX -> onnx = new OnnxPeer(bundle, batch);
            default -> throw new IllegalArgumentException("unknown engine '" + engine + "' (expected " + EMULATOR +
                " or " + ONNX + ")");
        }
        cursor = 0;
    }

    /** Release the engine. */
    @TearDown(Level.Trial)
    public void close()
    {
        if (emulator != null)
        {
            emulator.close();
        }
        if (onnx != null)
        {
            onnx.close();
        }
    }

    /** One batch: inputs in, inference, every output read; returns a checksum so nothing is dead code. */
    @Benchmark
    public long inferBatch()
    {
        final int first = cursor;
        cursor = first + 2 * batch <= events ? first + batch : 0;
        return emulator != null ? emulatorBatch(first) : onnxBatch(first);
    }

    private long emulatorBatch(final int first)
    {
        final BatchBuffers buf = buffers;
        final int[] in = rawInputs;
        final int n = batch;
        final int width = inputSize;
        for (int b = 0; b < n; b++)
        {
            buf.putInputs(b, in, (first + b) * width); // as the daemon's accelerator owner writes them
        }
        emulator.infer(0, n);
        long sum = 0;
        for (int b = 0; b < n; b++)
        {
            for (int o = 0; o < outputSize; o++)
            {
                sum += buf.getOutput(b, o);
            }
        }
        return sum;
    }

    private long onnxBatch(final int first)
    {
        final OnnxPeer peer = onnx;
        final float[] in = floatInputs;
        final int n = batch;
        final int width = inputSize;
        for (int b = 0; b < n; b++)
        {
            final int base = (first + b) * width;
            for (int f = 0; f < width; f++)
            {
                peer.putInput(b, f, in[base + f]);
            }
        }
        peer.run(n);
        double sum = 0;
        for (int b = 0; b < n; b++)
        {
            for (int o = 0; o < outputSize; o++)
            {
                sum += peer.getOutput(b, o);
            }
        }
        return Double.doubleToRawLongBits(sum);
    }
}
