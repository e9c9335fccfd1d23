package io.l1infer.daemon;

import io.l1infer.codec.sbe.ResultStatus;
import io.l1infer.fpga.engine.FailingAccelerator;
import io.l1infer.fpga.engine.FixedPointEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** l1infer.failback.interval: a failed-over daemon probes its device and switches back only to one that answers. */
class FailbackTest
{
    private static final int EVENTS = 10_000;
    private static final long SEND_PERIOD_NS = 50_000; // 20 kHz: half a second of traffic

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deviceThatFailsForAWhileIsProbedAndTakesOverAgainOnceItAnswersEqual() throws IOException
    {
        // Launch 24 fails and every launch after it until 28: the failover at 24, probes 25, 26 and 27 fail,
        // probe 28 is answered in time and equal, and the device serves again.
        final String report = run(model -> new FailingAccelerator(new FixedPointEmulator(model, 16), 24,
            FailingAccelerator.Stage.LAUNCH, FailingAccelerator.Persistence.PERMANENT).healAt(28), true);
        assertEquals(1, BackPressureAndFailoverTest.counter(report, "failovers to CPU emulator"), report);
        assertEquals(4, BackPressureAndFailoverTest.counter(report, "failback probes"), report);
        assertEquals(3, BackPressureAndFailoverTest.counter(report, "failback probes failed"), report);
        assertEquals(1, BackPressureAndFailoverTest.counter(report, "failbacks to the accelerator"), report);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deviceThatAnswersDifferentlyIsNeverSwitchedBackTo() throws IOException
    {
        // Fails at its first launch; from launch 3 on it answers, one bit off in every event.
        final String report = run(model -> new FailingAccelerator(
            new BitFlipAccelerator(new FixedPointEmulator(model, 16), 1), 0,
            FailingAccelerator.Stage.LAUNCH, FailingAccelerator.Persistence.PERMANENT).healAt(3), false);
        final long probes = BackPressureAndFailoverTest.counter(report, "failback probes");
        assertTrue(probes >= 4, report);
        assertEquals(probes, BackPressureAndFailoverTest.counter(report, "failback probes failed"), report);
        assertEquals(0, BackPressureAndFailoverTest.counter(report, "failbacks to the accelerator"), report);
    }

    /** Send paced traffic, check every answer and the order of statuses; the daemon's counter report. */
    private static String run(
        final Function<io.l1infer.fpga.model.ModelBundle, io.l1infer.fpga.engine.Accelerator> device,
        final boolean expectFailback) throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of(
            "l1infer.accelerator.max.batch", "16", "l1infer.failback.interval", "30ms")), device);
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
            final long start = System.nanoTime();
            for (int e = 0; e < EVENTS; e++)
            {
                while (System.nanoTime() < start + e * SEND_PERIOD_NS)
                {
                    client.poll();
                }
                client.send(client.encodeFeatures(e, inputs[e % inputs.length]));
            }
            client.awaitAnswers(EVENTS, 90_000);
            assertEquals(EVENTS, client.answers.size());
            assertEquals(0, client.duplicates);
            // OK answers, then FALLBACK ones from the failover on, then (after a fail-back) OK ones to the end.
            int phase = 0;
            int fallbacks = 0;
            for (int e = 0; e < EVENTS; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                assertEquals(expected[e % inputs.length], a.raw()[0], "event " + e);
                final boolean fallback = a.status() == ResultStatus.FALLBACK.value();
                fallbacks += fallback ? 1 : 0;
                if (phase == 0 && fallback)
                {
                    phase = 1;
                }
                else if (phase == 1 && !fallback)
                {
                    phase = 2;
                }
                assertFalse(phase == 2 && fallback, "event " + e + ": FALLBACK after the fail-back");
            }
            assertTrue(fallbacks > 0, "no FALLBACK answer");
            assertEquals(expectFailback ? 2 : 1, phase, "phases of the answers' statuses");
            if (expectFailback)
            {
                assertNull(daemon.degradedReason());
                assertFalse(daemon.hasFailedOver());
            }
            else
            {
                assertTrue(daemon.degradedReason() != null, "no degraded reason");
            }
            assertTrue(daemon.drainAndStop());
            return daemon.report();
        }
    }
}
