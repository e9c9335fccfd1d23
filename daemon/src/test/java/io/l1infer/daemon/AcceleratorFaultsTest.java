package io.l1infer.daemon;

import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.codec.sbe.ResultStatus;
import io.l1infer.fpga.engine.AcceleratorException;
import io.l1infer.fpga.engine.FailingAccelerator;
import io.l1infer.fpga.engine.FailingAcceleratorProvider;
import io.l1infer.fpga.engine.FixedPointEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults beyond a call that throws: a device that never completes a batch, a device missing at start. */
class AcceleratorFaultsTest
{
    private static final int EVENTS = 20_000;
    private static final long SEND_PERIOD_NS = 10_000; // 100 kHz, open loop

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void batchThatNeverCompletesFailsOverAtTheDeadlineAndEveryEventIsAnswered() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        final AtomicReference<FailingAccelerator> device = new AtomicReference<>();
        try (L1inferDaemon daemon = L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.accelerator.max.batch", "16", "l1infer.accelerator.timeout", "20ms",
                "l1infer.accelerator.warmup", "20000", "l1infer.failback.interval", "5ms")),
            model ->
            {
                // Warmed up as in production (the CPU engine that takes over too); launch 500 counts real batches.
                final FixedPointEmulator engine = new FixedPointEmulator(model, 16);
                device.set(new FailingAccelerator(engine, 500, FailingAccelerator.Stage.HANG,
                    FailingAccelerator.Persistence.PERMANENT));
                return FailingAcceleratorProvider.warmupUncounted(device.get(), engine);
            });
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
            sendOpenLoop(client, inputs);
            client.awaitAnswers(EVENTS, 90_000);
            assertEquals(EVENTS, client.answers.size());
            assertEquals(0, client.duplicates);
            int fallback = 0;
            for (int e = 0; e < EVENTS; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                assertEquals(expected[e % inputs.length], a.raw()[0], "event " + e);
                fallback += a.status() == ResultStatus.FALLBACK.value() ? 1 : 0;
            }
            assertTrue(device.get().hasFailed(), "the device never hung: fewer than 501 launches");
            assertTrue(daemon.hasFailedOver());
            assertTrue(fallback > 0 && fallback < EVENTS, "fallback answers: " + fallback);
            System.out.printf("hang at launch 500 -> first FALLBACK answer at the client: %.3f ms " +
                "(l1infer.accelerator.timeout 20 ms): %s (load average %.2f)%n",
                (client.firstFallbackArrivalNs - device.get().hungAtNs()) / 1e6,
                client.fallbackBreakdown(device.get().hungAtNs()),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertTrue(daemon.drainAndStop());
            final String report = daemon.report();
            System.out.println(report);
            assertEquals(1, BackPressureAndFailoverTest.counter(report, "accelerator batch timeouts"), report);
            assertEquals(1, BackPressureAndFailoverTest.counter(report, "failovers to CPU emulator"), report);
            assertEquals(1, BackPressureAndFailoverTest.counter(report, "accelerator errors"), report);
            // Fail-back polls the hung batch and never probes (or calls) a device that still holds it.
            assertEquals(0, BackPressureAndFailoverTest.counter(report, "failback probes"), report);
            assertEquals(501, device.get().launches(), "launches into the hung device");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void hungDeviceWithFailoverDisabledRejectsInsteadOfCallingItAgain() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        final AtomicReference<FailingAccelerator> device = new AtomicReference<>();
        try (L1inferDaemon daemon = L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.accelerator.max.batch", "16", "l1infer.accelerator.timeout", "5ms",
                "l1infer.failover.enabled", "false")),
            model ->
            {
                device.set(new FailingAccelerator(new FixedPointEmulator(model, 16), 10,
                    FailingAccelerator.Stage.HANG, FailingAccelerator.Persistence.PERMANENT));
                return device.get();
            });
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int events = 2000;
            client.sendFeatures(inputs, events);
            client.awaitAnswers(events, 90_000);
            assertEquals(events, client.answers.size());
            int rejected = 0;
            for (int e = 0; e < events; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                if (a.reject())
                {
                    assertEquals(RejectReason.ACCELERATOR_FAILURE, a.reason(), "event " + e);
                    rejected++;
                }
            }
            assertTrue(rejected > 0, "no event was rejected after the hang");
            // Launches after the hang would block in the hung device: the owner made none.
            assertEquals(11, device.get().launches(), "launches into the device");
            assertTrue(daemon.drainAndStop());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void missingDeviceWithRequiredFalseStartsDegradedOnTheEmulator() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        try (L1inferDaemon daemon = L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.accelerator", "opencl", "l1infer.opencl.device", "no-such-device",
                "l1infer.accelerator.required", "false")));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
            final int events = 1000;
            client.sendFeatures(inputs, events);
            client.awaitAnswers(events, 60_000);
            for (int e = 0; e < events; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                assertEquals(expected[e], a.raw()[0], "event " + e);
                assertEquals(ResultStatus.FALLBACK.value(), a.status(), "event " + e);
            }
            assertTrue(daemon.hasFailedOver());
            assertNotNull(daemon.degradedReason());
            assertTrue(daemon.degradedReason().contains("no-such-device") ||
                daemon.degradedReason().contains("OpenCL"), daemon.degradedReason());
            assertTrue(daemon.drainAndStop());
            assertEquals(1, BackPressureAndFailoverTest.counter(daemon.report(), "accelerator open failures"));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void missingDeviceWithRequiredTrueRefusesToStartNamingTheSetting()
    {
        final RuntimeException ex = assertThrows(RuntimeException.class, () -> L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.accelerator.required", "true")),
            model ->
            {
                throw new AcceleratorException("no OpenCL device matches device ~ 'no-such-device'");
            }).close());
        assertTrue(ex.getMessage().contains("l1infer.accelerator.required=true"), ex.getMessage());
        assertTrue(ex.getMessage().contains("no-such-device"), ex.getMessage());
    }

    private static void sendOpenLoop(final DaemonTestClient client, final int[][] inputs)
    {
        final long start = System.nanoTime();
        for (int e = 0; e < EVENTS; e++)
        {
            final long intended = start + e * SEND_PERIOD_NS;
            while (System.nanoTime() < intended)
            {
                client.poll();
            }
            client.send(client.encodeFeatures(e, inputs[e % inputs.length]));
        }
    }
}
