package io.l1infer.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationTextTest
{
    @Test
    void readsEveryUnit()
    {
        assertEquals(7L, DurationText.parseNanos("7ns"));
        assertEquals(10_000L, DurationText.parseNanos("10us"));
        assertEquals(500_000_000L, DurationText.parseNanos("500ms"));
        assertEquals(2_000_000_000L, DurationText.parseNanos("2s"));
        assertEquals(180_000_000_000L, DurationText.parseNanos("3m"));
        assertEquals(3_600_000_000_000L, DurationText.parseNanos("1h"));
        assertEquals(0L, DurationText.parseNanos("0s"));
    }

    @Test
    void writesTheLargestExactUnit()
    {
        assertEquals("10s", DurationText.format(10_000_000_000L));
        assertEquals("1500ms", DurationText.format(1_500_000_000L));
        assertEquals("1001ns", DurationText.format(1_001L));
        assertEquals("2m", DurationText.format(120_000_000_000L));
        assertEquals("0ns", DurationText.format(0L));
    }

    @Test
    void formatParsesBackToTheSameValue()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final long[] units = { 1L, 1_000L, 1_000_000L, 1_000_000_000L };
        for (int i = 0; i < 10_000; i++)
        {
            final long nanos = (random.nextInt(1_000_000)) * units[random.nextInt(units.length)];
            assertEquals(nanos, DurationText.parseNanos(DurationText.format(nanos)),
                "seed " + seed + ", nanos " + nanos);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "10", "ms", "1.5s", "-1s", "10 sec", "5x", "s10", "10S", "99999999999999999999ns" })
    void refusesTextThatIsNotADuration(final String text)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> DurationText.parseNanos(text), text);
        assertTrue(ex.getMessage().startsWith("must be"), ex.getMessage());
    }

    @Test
    void refusesOverflow()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> DurationText.parseNanos("9999999999h"));
        assertTrue(ex.getMessage().contains("fits in a long"), ex.getMessage());
    }
}
