package io.l1infer.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteSizeTextTest
{
    @Test
    void readsBytesAndBinarySuffixes()
    {
        assertEquals(65_536L, ByteSizeText.parseBytes("65536"));
        assertEquals(65_536L, ByteSizeText.parseBytes("64k"));
        assertEquals(65_536L, ByteSizeText.parseBytes("64K"));
        assertEquals(16L << 20, ByteSizeText.parseBytes("16m"));
        assertEquals(1L << 30, ByteSizeText.parseBytes("1G"));
    }

    @Test
    void writesTheLargestExactSuffix()
    {
        assertEquals("16m", ByteSizeText.format(16L << 20));
        assertEquals("1536k", ByteSizeText.format(1536L << 10));
        assertEquals("1000", ByteSizeText.format(1000));
        assertEquals("1g", ByteSizeText.format(1L << 30));
    }

    @Test
    void formatParsesBackToTheSameValue()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++)
        {
            final long bytes = (long)random.nextInt(1 << 20) << random.nextInt(31);
            assertEquals(bytes, ByteSizeText.parseBytes(ByteSizeText.format(bytes)),
                "seed " + seed + ", bytes " + bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "k", "1.5m", "-1k", "16mb", "16 MiB", "0x10", "99999999999999999999g" })
    void refusesTextThatIsNotASize(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> ByteSizeText.parseBytes(text), text);
    }
}
