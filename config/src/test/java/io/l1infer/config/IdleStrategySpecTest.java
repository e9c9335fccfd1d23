package io.l1infer.config;

import io.l1infer.config.IdleStrategySpec.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdleStrategySpecTest
{
    @Test
    void readsEveryKind()
    {
        assertEquals(Kind.BUSY_SPIN, IdleStrategySpec.parse("busy-spin").kind());
        assertEquals(Kind.NOOP, IdleStrategySpec.parse("noop").kind());
        assertEquals(Kind.YIELD, IdleStrategySpec.parse("yield").kind());
        assertEquals(new IdleStrategySpec(Kind.SLEEP, 0, 0, 0, 0, 100_000), IdleStrategySpec.parse("sleep:100us"));
    }

    @Test
    void plainBackoffUsesAgronaDefaults()
    {
        final IdleStrategySpec spec = IdleStrategySpec.parse("backoff");
        assertEquals(new IdleStrategySpec(Kind.BACKOFF, 10, 5, 1_000, 1_000_000, 0), spec);
        assertEquals("backoff", spec.toString());
    }

    @Test
    void backoffParametersTakeNanosecondsOrDurations()
    {
        assertEquals(new IdleStrategySpec(Kind.BACKOFF, 100, 10, 1_000, 100_000, 0),
            IdleStrategySpec.parse("backoff:100:10:1000:100us"));
        assertEquals(new IdleStrategySpec(Kind.BACKOFF, 0, 0, 1, 1, 0),
            IdleStrategySpec.parse("backoff:0:0:1:1ns"));
    }

    @Test
    void textParsesBackToTheSameSpec()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++)
        {
            final long minPark = 1 + random.nextInt(1_000_000);
            final long maxPark = minPark + random.nextInt(1_000_000);
            final IdleStrategySpec backoff = new IdleStrategySpec(
                Kind.BACKOFF, random.nextInt(10_000), random.nextInt(10_000), minPark, maxPark, 0);
            assertEquals(backoff, IdleStrategySpec.parse(backoff.toString()), "seed " + seed);
            final IdleStrategySpec sleep = new IdleStrategySpec(Kind.SLEEP, 0, 0, 0, 0, 1 + random.nextInt(1 << 29));
            assertEquals(sleep, IdleStrategySpec.parse(sleep.toString()), "seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "spin", "BACKOFF", "busy_spin", "yield:1", "sleep", "sleep:", "sleep:0ms", "sleep:2s", "sleep:10",
        "backoff:1:2:3", "backoff:1:2:3:4:5", "backoff:-1:5:1000:2000", "backoff:1:5:0:2000",
        "backoff:1:5:2000:1000", "backoff:1:5:1000:2s", "backoff:x:5:1000:2000", "backoff:1:5:1000:1mss" })
    void refusesTextOutsideTheGrammar(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> IdleStrategySpec.parse(text), text);
    }
}
