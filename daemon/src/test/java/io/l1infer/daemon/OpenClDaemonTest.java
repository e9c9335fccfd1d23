package io.l1infer.daemon;

import io.l1infer.codec.sbe.ResultStatus;
import io.l1infer.fpga.engine.FailingAccelerator;
import io.l1infer.fpga.opencl.OpenClAccelerator;
import io.l1infer.fpga.opencl.OpenClDevices;
import io.l1infer.fpga.opencl.OpenClDeviceSelector;
import io.l1infer.fpga.opencl.OpenClKernelSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon on a real OpenCL device (PoCL in CI): answers equal the CPU engine's, and a device that fails on batch
 * k mid-stream is failed over once with every event still answered. With CI=true a missing device fails.
 */
class OpenClDaemonTest
{
    @BeforeAll
    static void requireDevice()
    {
        String reason = null;
        try
        {
            if (OpenClDevices.list().isEmpty())
            {
                reason = "no OpenCL device";
            }
        }
        catch (final RuntimeException | LinkageError ex)
        {
            reason = ex.toString();
        }
        if (reason != null)
        {
            final String message = "OpenCL unavailable (install pocl-opencl-icd and ocl-icd-opencl-dev): " + reason;
            if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim()))
            {
                Assertions.fail("CI=true requires an OpenCL device. " + message);
            }
            Assumptions.abort(message);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void openClDaemonAnswersLikeTheEngine() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        final int events = 5000;
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of("l1infer.accelerator", "opencl",
            "l1infer.accelerator.max.batch", "64")));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
            client.sendFeatures(inputs, events);
            client.awaitAnswers(events, 120_000);
            for (int e = 0; e < events; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                assertEquals(expected[e], a.raw()[0], "event " + e);
                assertEquals(ResultStatus.OK.value(), a.status());
            }
            assertFalse(daemon.hasFailedOver());
            assertTrue(daemon.drainAndStop());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void deviceFailingOnBatchKIsFailedOverOnceAndEveryEventAnswered() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        final int events = 4000;
        try (L1inferDaemon daemon = L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.accelerator.max.batch", "32")),
            model -> new FailingAccelerator(OpenClAccelerator.open(model, OpenClDeviceSelector.any(), null,
                OpenClKernelSource.DEFAULT_KERNEL_NAME, 32, 2), 20, FailingAccelerator.Stage.AWAIT,
                FailingAccelerator.Persistence.PERMANENT));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
            client.sendFeatures(inputs, events);
            client.awaitAnswers(events, 120_000);
            assertEquals(events, client.answers.size());
            assertEquals(0, client.duplicates);
            int ok = 0;
            int fallback = 0;
            for (int e = 0; e < events; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                assertEquals(expected[e], a.raw()[0], "event " + e);
                ok += a.status() == ResultStatus.OK.value() ? 1 : 0;
                fallback += a.status() == ResultStatus.FALLBACK.value() ? 1 : 0;
            }
            assertTrue(ok > 0 && fallback > 0, "ok " + ok + ", fallback " + fallback);
            assertTrue(daemon.drainAndStop());
            final String report = daemon.report();
            System.out.println(report + "answered by OpenCL " + ok + ", by the CPU fallback " + fallback);
            assertEquals(1, BackPressureAndFailoverTest.counter(report, "failovers to CPU emulator"), report);
        }
    }
}
