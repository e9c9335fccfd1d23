package io.l1infer.daemon;

import io.l1infer.fpga.model.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Aeron (embedded driver) and a real Disruptor: N events in, N results out, each the engine's answer. */
class DaemonEndToEndTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyRealInputAsFeatureVectorGetsTheEnginesAnswer() throws IOException
    {
        final int[][] inputs = readRealInputs();
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of()));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = offline(daemon.model(), inputs);
            for (int e = 0; e < inputs.length; e++)
            {
                client.send(client.encodeFeatures(e, inputs[e]));
                client.poll();
            }
            client.awaitAnswers(inputs.length, 60_000);
            assertEquals(0, client.duplicates);
            assertEquals(inputs.length, client.answers.size());
            int batchedAboveOne = 0;
            for (int e = 0; e < inputs.length; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e + " rejected: " + a.reason());
                assertEquals(expected[e], a.raw()[0], "event " + e);
                assertEquals(expected[e] / 32768.0 * 200.0, a.values()[0], 1e-9, "pT of event " + e);
                assertTrue(a.batchSize() >= 1 && a.daemonNs() > 0);
                batchedAboveOne += a.batchSize() > 1 ? 1 : 0;
            }
            assertTrue(daemon.drainAndStop());
            System.out.println(daemon.report());
            System.out.println("events answered in batches larger than one: " + batchedAboveOne);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void combinedThreadAndInvokerDriverAnswerLikeTheEngine() throws IOException
    {
        final int[][] inputs = readRealInputs();
        final int events = 5000;
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of(
            "l1infer.agent.layout", "combined", "l1infer.driver.threading", "invoker", "l1infer.ingest.idle",
                "yield")));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            assertTrue(daemon.describe().contains("threads combined") && daemon.describe().contains("invoker"),
                daemon.describe());
            final int[] expected = offline(daemon.model(), inputs);
            client.sendFeatures(inputs, events);
            client.awaitAnswers(events, 60_000);
            for (int e = 0; e < events; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                assertEquals(expected[e], a.raw()[0], "event " + e);
            }
            assertTrue(daemon.drainAndStop());
        }
    }

    static int[] offline(final ModelBundle model, final int[][] inputs)
    {
        return ThesisInputs.offline(model, inputs);
    }

    static int[][] readRealInputs() throws IOException
    {
        return ThesisInputs.quantized();
    }
}
