package io.l1infer.config;

import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfiguredIdleStrategyTest
{
    @ParameterizedTest
    @CsvSource({
        "busy-spin, org.agrona.concurrent.BusySpinIdleStrategy",
        "noop, org.agrona.concurrent.NoOpIdleStrategy",
        "yield, org.agrona.concurrent.YieldingIdleStrategy",
        "backoff, org.agrona.concurrent.BackoffIdleStrategy",
        "sleep:100us, org.agrona.concurrent.SleepingIdleStrategy",
        "spin, org.agrona.concurrent.BusySpinIdleStrategy",
        "sleep-ns, org.agrona.concurrent.SleepingIdleStrategy",
        "sleep-ms, org.agrona.concurrent.SleepingMillisIdleStrategy",
        "org.agrona.concurrent.NoOpIdleStrategy, org.agrona.concurrent.NoOpIdleStrategy",
        "org.agrona.concurrent.BusySpinIdleStrategy, org.agrona.concurrent.BusySpinIdleStrategy",
        "org.agrona.concurrent.YieldingIdleStrategy, org.agrona.concurrent.YieldingIdleStrategy",
        "org.agrona.concurrent.SleepingIdleStrategy, org.agrona.concurrent.SleepingIdleStrategy",
        "org.agrona.concurrent.BackoffIdleStrategy, org.agrona.concurrent.BackoffIdleStrategy",
    })
    void buildsOurAndAeronsNamedStrategies(final String text, final String type)
    {
        final ConfiguredIdleStrategy parsed = ConfiguredIdleStrategy.parse(text);
        assertEquals(type, parsed.newStrategy().getClass().getName(), text);
        assertEquals(text, parsed.toString());
        assertEquals(parsed, ConfiguredIdleStrategy.parse(parsed.toString()), text);
    }

    @Test
    void plainBackoffIsAgronasDefaultsAndEachThreadGetsItsOwn()
    {
        final ConfiguredIdleStrategy backoff = ConfiguredIdleStrategy.parse("backoff");
        assertEquals(backoff, ConfiguredIdleStrategy.parse("backoff:10:5:1000:1ms"));
        assertEquals("backoff", ConfiguredIdleStrategy.parse("backoff:10:5:1us:1000000").toString());
        final IdleStrategy first = backoff.newStrategy();
        assertNotSame(first, backoff.newStrategy());
        final String state = first.toString();
        assertTrue(state.contains("maxSpins=10") && state.contains("maxYields=5") &&
            state.contains("minParkPeriodNs=1000") && state.contains("maxParkPeriodNs=1000000"), state);
    }

    @Test
    void backoffParametersTakeNanosecondsOrDurations()
    {
        final ConfiguredIdleStrategy spec = ConfiguredIdleStrategy.parse("backoff:100:10:1000:100us");
        assertEquals("backoff:100:10:1us:100us", spec.toString());
        final String state = spec.newStrategy().toString();
        assertTrue(state.contains("maxSpins=100") && state.contains("maxYields=10") &&
            state.contains("minParkPeriodNs=1000") && state.contains("maxParkPeriodNs=100000"), state);
        assertEquals("backoff:0:0:1ns:1ns", ConfiguredIdleStrategy.parse("backoff:0:0:1:1ns").toString());
    }

    @Test
    void textParsesBackToTheSameStrategy()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++)
        {
            final long minPark = 1 + random.nextInt(1_000_000);
            final long maxPark = minPark + random.nextInt(1_000_000);
            final String backoff = "backoff:" + random.nextInt(10_000) + ":" + random.nextInt(10_000) + ":" +
                minPark + ":" + maxPark;
            final ConfiguredIdleStrategy parsed = ConfiguredIdleStrategy.parse(backoff);
            assertEquals(parsed, ConfiguredIdleStrategy.parse(parsed.toString()), "seed " + seed + ": " + backoff);
            final String sleep = "sleep:" + (1 + random.nextInt(1 << 29)) + "ns";
            final ConfiguredIdleStrategy sleeping = ConfiguredIdleStrategy.parse(sleep);
            assertEquals(sleeping, ConfiguredIdleStrategy.parse(sleeping.toString()), "seed " + seed + ": " + sleep);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "BACKOFF", "busy_spin", "yield:1", "sleep", "sleep:", "sleep:0ms", "sleep:2s", "sleep:10",
        "backoff:1:2:3", "backoff:1:2:3:4:5", "backoff:-1:5:1000:2000", "backoff:1:5:0:2000",
        "backoff:1:5:2000:1000", "backoff:1:5:1000:2s", "backoff:x:5:1000:2000", "backoff:1:5:1000:1mss",
        "controllable", "org.agrona.concurrent.ControllableIdleStrategy", "java.lang.String", "no.such.Strategy" })
    void refusesTextOutsideTheGrammar(final String text)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ConfiguredIdleStrategy.parse(text), text);
        assertTrue(ex.getMessage().startsWith("must "), ex.getMessage());
    }
}
