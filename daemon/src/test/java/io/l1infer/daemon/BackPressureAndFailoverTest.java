package io.l1infer.daemon;

import io.l1infer.codec.sbe.ResultStatus;
import io.l1infer.fpga.engine.FailingAccelerator;
import io.l1infer.fpga.engine.FixedPointEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing is lost when the accelerator is slower than the publisher, or when it fails mid-stream. */
class BackPressureAndFailoverTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fastPublisherAgainstSlowAcceleratorLosesNothing() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        final int events = 4000;
        try (L1inferDaemon daemon = L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.ring.size", "64", "l1infer.accelerator.max.batch", "8",
                // a small term so the ingest stream itself fills up and the publisher sees back pressure
                "l1infer.driver.term.length", "64k")),
            model -> new SlowAccelerator(new FixedPointEmulator(model, 8), 200_000L));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
            for (int e = 0; e < events; e++)
            {
                client.send(client.encodeFeatures(e, inputs[e]));
            }
            client.awaitAnswers(events, 90_000);
            assertEquals(events, client.answers.size());
            for (int e = 0; e < events; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                assertEquals(expected[e], a.raw()[0], "event " + e);
            }
            assertTrue(client.backPressured > 0, "the publisher never saw back pressure");
            assertTrue(daemon.drainAndStop());
            final String report = daemon.report();
            System.out.println(report + "publisher back-pressured offers: " + client.backPressured);
            assertTrue(counter(report, "ring full aborts") > 0, report);
            assertEquals(0, counter(report, "undeliverable results"), report);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void acceleratorFailingMidStreamFailsOverOnceAndAnswersEveryEvent() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        final int events = 3000;
        try (L1inferDaemon daemon = L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.accelerator.max.batch", "16")),
            model -> new FailingAccelerator(new FixedPointEmulator(model, 16), 24, FailingAccelerator.Stage.LAUNCH,
                FailingAccelerator.Persistence.PERMANENT));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
            client.sendFeatures(inputs, events);
            client.awaitAnswers(events, 90_000);
            assertEquals(events, client.answers.size());
            assertEquals(0, client.duplicates);
            int fallback = 0;
            for (int e = 0; e < events; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                assertEquals(expected[e], a.raw()[0], "event " + e);
                fallback += a.status() == ResultStatus.FALLBACK.value() ? 1 : 0;
            }
            assertTrue(daemon.hasFailedOver());
            assertTrue(fallback > 0 && fallback < events, "fallback answers: " + fallback);
            assertTrue(daemon.drainAndStop());
            final String report = daemon.report();
            System.out.println(report);
            assertEquals(1, counter(report, "failovers to CPU emulator"), report);
            assertEquals(1, counter(report, "accelerator errors"), report);
        }
    }

    static long counter(final String report, final String label)
    {
        for (final String line : report.split("\n"))
        {
            if (line.endsWith("l1infer: " + label))
            {
                return Long.parseLong(line.trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no counter '" + label + "' in report:\n" + report);
    }
}
