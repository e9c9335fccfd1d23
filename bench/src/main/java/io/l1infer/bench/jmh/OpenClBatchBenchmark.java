package io.l1infer.bench.jmh;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.opencl.MappedBufferPolicy;
import io.l1infer.fpga.opencl.OpenClAccelerator;
import io.l1infer.fpga.opencl.OpenClDevice;
import io.l1infer.fpga.opencl.OpenClDeviceSelector;
import io.l1infer.fpga.opencl.OpenClKernelSource;
import io.l1infer.fpga.opencl.OpenClProgram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Per-batch time of the thesis model on the OpenCL accelerator (PoCL here) and on the CPU FixedPointEmulator in
 * the same run, for batch sizes 1..1024: a straight-line fit of time against batch size gives the per-batch
 * overhead (intercept) and the per-event cost (slope). {@code singleEvent} is the like-for-like of the seed
 * talk's 87.19 us/inference: write one event's inputs, run, read the output.
 *
 * <p>Run from the repository root: {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
 * -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main OpenClBatch -f 1 -wi 3 -i 5}.
 * System properties: {@code l1infer.model} (default models/muon-pt-thesis), {@code l1infer.opencl.platform} and
 * {@code l1infer.opencl.device} (name substrings, default any).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class OpenClBatchBenchmark
{
    private static final int MAX_BATCH = 1024;
    private static final long SEED = 20261124L;

    /** One engine with every buffer set filled with the same seeded inputs. */
    @State(Scope.Thread)
    public static class Engine
    {
        @Param({"opencl", "emulator"})
        public String engine;

        /** Only for opencl: PERSISTENT (default choice on CPU devices) or REMAP_EACH_BATCH (the spec's way). */
        @Param({"PERSISTENT"})
        public String mapping;

        Accelerator accelerator;
        int inputSize;
        /** The set {@link #batchPipelined} left in flight, or -1. */
        int inFlight = -1;

        @Setup(Level.Trial)
        public void open()
        {
            final ModelBundle model = ModelBundle.load(Path.of(System.getProperty("l1infer.model",
                "models/muon-pt-thesis")));
            if ("emulator".equals(engine))
            {
                accelerator = new FixedPointEmulator(model, MAX_BATCH);
            }
            else
            {
                final OpenClDevice device = new OpenClDeviceSelector(
                    System.getProperty("l1infer.opencl.platform", ""), System.getProperty("l1infer.opencl.device", ""),
                    OpenClDeviceSelector.DeviceTypeFilter.ALL, 0).select();
                try (OpenClProgram program = OpenClProgram.fromSource(device,
                    OpenClKernelSource.program(OpenClKernelSource.DEFAULT_KERNEL_NAME, model), ""))
                {
                    accelerator = new OpenClAccelerator(program, OpenClKernelSource.DEFAULT_KERNEL_NAME, model,
                        MAX_BATCH, 2, MappedBufferPolicy.valueOf(mapping));
                }
            }
            inputSize = model.input().size();
            final SplittableRandom r = new SplittableRandom(SEED);
            for (int set = 0; set < accelerator.bufferSetCount(); set++)
            {
                final BatchBuffers buf = accelerator.buffers(set);
                for (int e = 0; e < MAX_BATCH; e++)
                {
                    for (int f = 0; f < inputSize; f++)
                    {
                        // ap_fixed<16,6> raw values of moderate size, like the scaled thesis features.
                        buf.putInput(e, f, r.nextInt(-4096, 4096));
                    }
                }
            }
        }

        @TearDown(Level.Trial)
        public void close()
        {
            accelerator.close();
        }
    }

    /** The batch size under test. */
    @State(Scope.Thread)
    public static class Batch
    {
        @Param({"1", "4", "16", "64", "256", "1024"})
        public int size;
    }

    /** Inputs already in the buffer: launch, wait, touch the last output. */
    @Benchmark
    public int batch(final Engine e, final Batch b)
    {
        final Accelerator acc = e.accelerator;
        acc.launch(0, b.size);
        acc.await(0);
        return acc.buffers(0).getOutput(b.size - 1, 0);
    }

    /**
     * Two buffer sets in flight: each operation launches one set and then awaits the other, so the time per
     * operation is the steady-state time per batch when the device always has the next batch queued (the owner
     * would fill one set while the device runs the other). For the emulator (one set, synchronous) it is
     * {@link #batch}. The set left in flight at the end is abandoned to {@link Accelerator#close()}.
     */
    @Benchmark
    public int batchPipelined(final Engine e, final Batch b)
    {
        final Accelerator acc = e.accelerator;
        if (acc.bufferSetCount() < 2)
        {
            return batch(e, b);
        }
        if (e.inFlight < 0)
        {
            acc.launch(0, b.size);
            e.inFlight = 0;
        }
        final int next = e.inFlight ^ 1;
        acc.launch(next, b.size);
        acc.await(e.inFlight);
        e.inFlight = next;
        return acc.buffers(next).getOutput(0, 0);
    }

    /** One event end to end: write its inputs, run a batch of one, read the output. */
    @Benchmark
    public int singleEvent(final Engine e, final SingleEvent s)
    {
        final Accelerator acc = e.accelerator;
        final BatchBuffers buf = acc.buffers(0);
        final int[] in = s.inputs;
        for (int f = 0; f < in.length; f++)
        {
            buf.putInput(0, f, in[f]);
        }
        acc.launch(0, 1);
        acc.await(0);
        return buf.getOutput(0, 0);
    }

    /** One event's raw inputs. */
    @State(Scope.Thread)
    public static class SingleEvent
    {
        int[] inputs;

        @Setup(Level.Trial)
        public void create(final Engine e)
        {
            final SplittableRandom r = new SplittableRandom(SEED + 1);
            inputs = new int[e.inputSize];
            for (int f = 0; f < inputs.length; f++)
            {
                inputs[f] = r.nextInt(-4096, 4096);
            }
        }
    }
}
