package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.AcceleratorException;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.RandomModelGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors name the call and the CL error; resources are released; the hot path does not allocate. */
class OpenClAcceleratorLifecycleTest
{
    private static final long SEED = 4242L;
    private static final ModelBundle MODEL =
        RandomModelGenerator.generate(new int[] {6, 9, 4, 2}, 0.5, FixedPointType.apFixed(16, 6), SEED);
    private static OpenClDevice device;
    private static OpenClProgram program;

    @BeforeAll
    static void build()
    {
        device = OpenClTestDevices.require();
        program = OpenClProgram.fromSource(device, OpenClKernelSource.program("small_model", MODEL), "");
    }

    @AfterAll
    static void release()
    {
        if (program != null)
        {
            program.close();
        }
    }

    private static OpenClDeviceSelector testDeviceSelector()
    {
        return new OpenClDeviceSelector(device.platformName(), device.name(),
            OpenClDeviceSelector.DeviceTypeFilter.ALL, 0);
    }

    @Test
    void garbageBinaryGivesAnErrorNamingTheCallTheFileAndTheClError(@TempDir final Path dir) throws IOException
    {
        final Path binary = dir.resolve("not-really.xclbin");
        final byte[] junk = new byte[4096];
        new SplittableRandom(SEED).nextBytes(junk);
        Files.write(binary, junk);
        final AcceleratorException ex = assertThrows(AcceleratorException.class, () -> OpenClAccelerator.open(
            MODEL, testDeviceSelector(), binary, OpenClKernelSource.DEFAULT_KERNEL_NAME, 16, 2));
        final String m = ex.getMessage();
        assertTrue(m.contains("clCreateProgramWithBinary(" + binary + ") failed: CL_") ||
            m.contains("clBuildProgram(" + binary + ") failed: CL_"), m);
    }

    @Test
    void missingOrEmptyBinaryFileIsNamed(@TempDir final Path dir) throws IOException
    {
        final Path missing = dir.resolve("missing.xclbin");
        final AcceleratorException notThere = assertThrows(AcceleratorException.class, () -> OpenClAccelerator.open(
            MODEL, testDeviceSelector(), missing, OpenClKernelSource.DEFAULT_KERNEL_NAME, 16, 2));
        assertTrue(notThere.getMessage().contains("cannot read OpenCL binary " + missing), notThere.getMessage());
        final Path empty = Files.createFile(dir.resolve("empty.xclbin"));
        final AcceleratorException isEmpty = assertThrows(AcceleratorException.class, () -> OpenClAccelerator.open(
            MODEL, testDeviceSelector(), empty, OpenClKernelSource.DEFAULT_KERNEL_NAME, 16, 2));
        assertTrue(isEmpty.getMessage().contains(empty + " is empty"), isEmpty.getMessage());
    }

    @Test
    void noMatchingDeviceListsWhatIsAvailable()
    {
        final AcceleratorException ex = assertThrows(AcceleratorException.class, () -> new OpenClDeviceSelector(
            "no such platform", "", OpenClDeviceSelector.DeviceTypeFilter.ALL, 0).select());
        assertTrue(ex.getMessage().startsWith("no OpenCL device matches platform ~ 'no such platform'"),
            ex.getMessage());
        assertTrue(ex.getMessage().contains(device.describe()), ex.getMessage());
    }

    @Test
    void openBuildsTheGeneratedKernelOnTheSelectedDevice()
    {
        try (OpenClAccelerator acc = OpenClAccelerator.open(MODEL, testDeviceSelector(), null,
            OpenClKernelSource.DEFAULT_KERNEL_NAME, 32, 3);
             FixedPointEmulator cpu = new FixedPointEmulator(MODEL, 32))
        {
            assertEquals(3, acc.bufferSetCount());
            assertEquals(MappedBufferPolicy.PERSISTENT, acc.mapping(), "PoCL is a CPU device");
            assertTrue(acc.description().contains(device.name()), acc.description());
            final SplittableRandom r = new SplittableRandom(SEED);
            for (int set = 0; set < 3; set++)
            {
                fill(acc.buffers(set), cpu.buffers(0), 32, r);
                acc.launch(set, 32);
                acc.await(set);
                cpu.infer(0, 32);
                for (int b = 0; b < 32; b++)
                {
                    for (int o = 0; o < 2; o++)
                    {
                        assertEquals(cpu.buffers(0).getOutput(b, o), acc.buffers(set).getOutput(b, o),
                            "set " + set + ", event " + b + " (seed " + SEED + ")");
                    }
                }
            }
        }
    }

    @Test
    void compileErrorCarriesTheBuildLog()
    {
        final AcceleratorException ex = assertThrows(AcceleratorException.class,
            () -> OpenClProgram.fromSource(device, "__kernel void broken(__global int *out) { out[0] = nope; }", ""));
        final String m = ex.getMessage();
        assertTrue(m.startsWith("clBuildProgram(generated OpenCL C) failed: CL_BUILD_PROGRAM_FAILURE (-11)"), m);
        assertTrue(m.contains("build log:") && m.contains("nope"), m);
    }

    @Test
    void unknownKernelNameIsNamed()
    {
        final AcceleratorException ex = assertThrows(AcceleratorException.class, () -> new OpenClAccelerator(
            program, "no_such_kernel", MODEL, 8, 2, MappedBufferPolicy.PERSISTENT));
        assertTrue(ex.getMessage().startsWith("clCreateKernel('no_such_kernel') failed: CL_INVALID_KERNEL_NAME"),
            ex.getMessage());
    }

    @Test
    void joclExceptionsModeStillGivesAcceleratorExceptions()
    {
        org.jocl.CL.setExceptionsEnabled(true);
        try
        {
            final AcceleratorException ex = assertThrows(AcceleratorException.class, () -> new OpenClAccelerator(
                program, "no_such_kernel", MODEL, 8, 2, MappedBufferPolicy.PERSISTENT));
            assertTrue(ex.getMessage().contains("CL_INVALID_KERNEL_NAME"), ex.getMessage());
            try (OpenClAccelerator acc =
                new OpenClAccelerator(program, "small_model", MODEL, 8, 2, MappedBufferPolicy.PERSISTENT))
            {
                acc.infer(0, 8);
            }
        }
        finally
        {
            org.jocl.CL.setExceptionsEnabled(false);
        }
    }

    @Test
    void misuseIsRefusedClearlyAndCloseIsIdempotent()
    {
        final OpenClAccelerator acc =
            new OpenClAccelerator(program, "small_model", MODEL, 8, 2, MappedBufferPolicy.PERSISTENT);
        assertThrows(IllegalArgumentException.class, () -> acc.launch(2, 1));
        assertThrows(IllegalArgumentException.class, () -> acc.launch(0, 9));
        assertThrows(IllegalArgumentException.class, () -> acc.launch(0, -1));
        acc.launch(0, 0); // an empty batch is legal and completes at once
        acc.await(0);
        acc.await(1); // nothing in flight: returns
        acc.launch(1, 8);
        final IllegalStateException busy = assertThrows(IllegalStateException.class, () -> acc.launch(1, 8));
        assertTrue(busy.getMessage().contains("buffer set 1 is still in flight"), busy.getMessage());
        acc.close(); // with set 1 still in flight
        acc.close();
        final AcceleratorException closed = assertThrows(AcceleratorException.class, () -> acc.launch(0, 1));
        assertEquals("launch: OpenCL accelerator is closed", closed.getMessage());
    }

    @Test
    void launchAndAwaitAllocateNothingWithPersistentMapping()
    {
        final long perBatch = allocatedBytesPerBatch(MappedBufferPolicy.PERSISTENT);
        System.out.println("PERSISTENT mapping: " + perBatch + " bytes allocated per launch/await");
        assertEquals(0, perBatch, "bytes allocated per batch with persistent mapping");
    }

    @Test
    void remappingAllocatesOnlyWhatJoclAllocatesPerMapAndUnmap()
    {
        // JOCL 2.0.5 returns each clEnqueueMapBuffer result as a new direct ByteBuffer, and each
        // clEnqueueUnmapMemObject creates a cl_event and hands a Runnable to its reference-release thread pool:
        // about 320 bytes per batch here, none of it ours.
        final long perBatch = allocatedBytesPerBatch(MappedBufferPolicy.REMAP_EACH_BATCH);
        System.out.println("REMAP_EACH_BATCH mapping: " + perBatch + " bytes allocated per launch/await");
        assertTrue(perBatch > 0 && perBatch <= 512, "bytes per batch: " + perBatch);
    }

    private static long allocatedBytesPerBatch(final MappedBufferPolicy policy)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        try (OpenClAccelerator acc = new OpenClAccelerator(program, "small_model", MODEL, 16, 2, policy))
        {
            final SplittableRandom r = new SplittableRandom(SEED);
            for (int set = 0; set < 2; set++)
            {
                for (int b = 0; b < 16; b++)
                {
                    for (int f = 0; f < 6; f++)
                    {
                        acc.buffers(set).putInput(b, f, r.nextInt(-2000, 2000));
                    }
                }
            }
            pipeline(acc, 3000); // warm up the JIT
            final int batches = 2000;
            final long before = threads.getThreadAllocatedBytes(thread);
            pipeline(acc, batches);
            final long after = threads.getThreadAllocatedBytes(thread);
            return (after - before) / batches;
        }
    }

    /** Two sets alternating, one launched while the other is awaited, as the daemon's owner thread does. */
    private static void pipeline(final OpenClAccelerator acc, final int batches)
    {
        acc.launch(0, 16);
        for (int k = 0; k < batches; k++)
        {
            final int set = k & 1;
            acc.launch(set ^ 1, 16);
            acc.await(set);
        }
        acc.await(batches & 1);
    }

    private static void fill(final BatchBuffers a, final BatchBuffers b, final int n, final SplittableRandom r)
    {
        for (int e = 0; e < n; e++)
        {
            for (int f = 0; f < MODEL.input().size(); f++)
            {
                final int raw = r.nextInt(-3000, 3000);
                a.putInput(e, f, raw);
                b.putInput(e, f, raw);
            }
        }
    }

    @Test
    void deviceListingShowsPlatformAndOpenClVersions()
    {
        final List<String> lines = OpenClDevices.describe();
        assertTrue(lines.stream().anyMatch(l -> l.contains(device.platformName()) &&
            l.contains(device.platformVersion()) && l.contains(device.version())), lines.toString());
    }
}
