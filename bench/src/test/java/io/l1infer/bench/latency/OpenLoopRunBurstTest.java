package io.l1infer.bench.latency;

import io.l1infer.client.ClientOptions;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.SettingsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bursts: the events of a burst share the intended time of its first, bursts stay at the average rate. */
class OpenLoopRunBurstTest
{
    @Test
    void aBurstOfOneSpacesEveryEventEvenly()
    {
        assertEquals(1_000L, OpenLoopRun.intendedNs(1_000L, 0, 1_000, 1));
        assertEquals(1_000L + 1_000_000L, OpenLoopRun.intendedNs(1_000L, 1, 1_000, 1));
        assertEquals(1_000L + 333_333L, OpenLoopRun.intendedNs(1_000L, 1, 3_000, 1));
        assertEquals(1_000L + 7_000_000_000L, OpenLoopRun.intendedNs(1_000L, 700_000, 100_000, 1));
    }

    @Test
    void theEventsOfABurstShareTheFirstOnesTime()
    {
        // 4 events every 4 ms at 1 kHz on average.
        for (int i = 0; i < 4; i++)
        {
            assertEquals(0L, OpenLoopRun.intendedNs(0L, i, 1_000, 4));
        }
        for (int i = 4; i < 8; i++)
        {
            assertEquals(4_000_000L, OpenLoopRun.intendedNs(0L, i, 1_000, 4));
        }
        assertEquals(20_000_000_000L, OpenLoopRun.intendedNs(0L, 2_000_003, 100_000, 100));
    }

    @Test
    void aBurstOutsideItsRangeIsRefused()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new OpenLoopRun.Spec("b", 1_000, 0, 1_000_000L, 0, 1_000_000L, false, 0));
        assertThrows(IllegalArgumentException.class,
            () -> new OpenLoopRun.Spec("b", 1_000, 0, 1_000_000L, 0, 1_000_000L, false, 1_000_001));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyEventOfEveryBurstIsAnswered()
    {
        final DaemonConfig config = DaemonConfig.load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .overrides(Map.of("l1infer.aeron.dir", "/dev/shm/l1infer-bench-burst-" + ProcessHandle.current().pid()))
            .home(Path.of("..").toAbsolutePath().normalize()).build());
        try (BenchSession session = BenchSession.open(BenchTarget.start(BenchTarget.Kind.ECHO, config),
            new ClientOptions(), null, 15_000_000_000L))
        {
            // Bursts of 50 every 5 ms, 300 ms measured: 60 bursts, the last one whole.
            final RunResult run = session.run(ToyWorkload.generate(1000, 5), new OpenLoopRun.Spec("burst", 10_000,
                100_000_000L, 300_000_000L, 1_000_000_000L, 5_000_000_000L, false, 50));
            assertEquals(3_000, run.sent());
            assertEquals(3_000, run.received());
            assertEquals(0, run.lost());
            assertFalse(run.fellBehind());
            assertEquals(3_000, run.histogram().getTotalCount());
        }
    }
}
