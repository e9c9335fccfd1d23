package io.l1infer.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntRangeTest
{
    @Test
    void readsRangesAndSingleValues()
    {
        assertEquals(new IntRange(-2, 2), IntRange.parse("-2..2"));
        assertEquals(new IntRange(-2, -1), IntRange.parse("-2..-1"));
        assertEquals(new IntRange(1, 12), IntRange.parse(" 1 .. 12 "));
        assertEquals(new IntRange(5, 5), IntRange.parse("5"));
    }

    @Test
    void containsItsBoundsAndNothingOutside()
    {
        final IntRange sectors = new IntRange(1, 12);
        assertTrue(sectors.contains(1));
        assertTrue(sectors.contains(12));
        assertFalse(sectors.contains(0));
        assertFalse(sectors.contains(13));
        assertTrue(sectors.contains(new IntRange(3, 4)));
        assertFalse(sectors.contains(new IntRange(0, 4)));
        assertEquals(12, sectors.size());
        assertEquals(1L << 32, new IntRange(Integer.MIN_VALUE, Integer.MAX_VALUE).size());
    }

    @Test
    void textParsesBackToTheSameRange()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++)
        {
            final int a = random.nextInt();
            final int b = random.nextInt();
            final IntRange range = new IntRange(Math.min(a, b), Math.max(a, b));
            assertEquals(range, IntRange.parse(range.toString()), "seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "..", "1..", "..2", "2..1", "1...2", "a..b", "1-2", "1..2..3" })
    void refusesTextThatIsNotAnOrderedRange(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> IntRange.parse(text), text);
    }
}
