package io.l1infer.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded mix of simulated muon segments and malformed messages ({@link MalformedInputMix}) to a daemon in this
 * JVM, with Agrona's bounds checks on (as the tests run): every valid one gets the engine's answer, every malformed
 * one a Reject with the right reason, and the daemon keeps running.
 */
class MalformedInputTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 4242L);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void validEventsAreAnsweredAndEveryMalformedMessageRejectedWithItsReason()
    {
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of()));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final MalformedInputMix mix = new MalformedInputMix(SEED, 3000);
            mix.send(client, daemon.model());
            mix.verify(client);
            assertTrue(daemon.drainAndStop());
            System.out.println(daemon.report());
        }
    }
}
