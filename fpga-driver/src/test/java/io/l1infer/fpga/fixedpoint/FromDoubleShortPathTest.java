package io.l1infer.fpga.fixedpoint;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link FixedPointType#fromDouble}'s short path gives the general conversion's raw value for every type and double
 * (the general conversion is checked against ap_types itself by ApTypesOracleTest).
 */
class FromDoubleShortPathTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 11L);

    @Test
    void shortPathEqualsTheGeneralConversion()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final Quantization[] quantizations = Quantization.values();
        final Overflow[] overflows = Overflow.values();
        int compared = 0;
        for (int t = 0; t < 4_000; t++)
        {
            final boolean signed = random.nextBoolean();
            final int width = 1 + random.nextInt(64);
            final int integerBits = width - (random.nextInt(2 * width + 40) - width - 20);
            final Quantization q = random.nextInt(3) == 0 ? quantizations[random.nextInt(quantizations.length)] :
                Quantization.AP_TRN;
            Overflow o = random.nextInt(3) == 0 ? overflows[random.nextInt(overflows.length)] :
                random.nextBoolean() ? Overflow.AP_WRAP : Overflow.AP_SAT;
            if (!signed && o == Overflow.AP_WRAP_SM)
            {
                o = Overflow.AP_WRAP;
            }
            final int n = random.nextInt(4) == 0 ? random.nextInt(width + 1) : 0;
            final FixedPointType type = random.nextInt(10) == 0 ? FixedPointType.apInt(signed, width) :
                FixedPointType.of(signed, width, integerBits, q, o, n);
            for (int v = 0; v < 250; v++)
            {
                final double value = value(random, type);
                assertEquals(type.fromDoubleExactly(value), type.fromDouble(value),
                    () -> "seed " + SEED + ": " + type + " from " + value + " (" + Double.toHexString(value) + ")");
                compared++;
            }
        }
        assertEquals(1_000_000, compared);
    }

    @Test
    void nonFiniteValuesAreStillRefused()
    {
        final FixedPointType type = FixedPointType.apFixed(16, 6);
        assertThrows(IllegalArgumentException.class, () -> type.fromDouble(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> type.fromDouble(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> type.fromDouble(Double.NEGATIVE_INFINITY));
        assertEquals(0, type.fromDouble(-0.0));
        assertEquals(0, type.fromDouble(Double.MIN_VALUE));
    }

    /** A double near the type's range and grid: on a grid point, half a step off, just beside one, or anywhere. */
    private static double value(final SplittableRandom random, final FixedPointType type)
    {
        final double step = Math.scalb(1.0, -type.fractionBits());
        final double span = Math.scalb(1.0, type.integerBits() + 1);
        switch (random.nextInt(7))
        {
            case 0:
                return Math.rint((random.nextDouble() * 2 - 1) * span / step) * step;
            case 1:
                return (Math.rint((random.nextDouble() * 2 - 1) * span / step) + 0.5) * step;
            case 2:
                return Math.nextAfter(Math.rint((random.nextDouble() * 2 - 1) * span / step) * step,
                    random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
            case 3:
                return (random.nextDouble() * 2 - 1) * span * 4;
            case 4:
                return Math.scalb(random.nextDouble() * 2 - 1, random.nextInt(2100) - 1076);
            case 5:
                final double any = Double.longBitsToDouble(random.nextLong());
                return Double.isFinite(any) ? any : 0;
            default:
                return (random.nextDouble() * 2 - 1) * Math.scalb(step, random.nextInt(8));
        }
    }
}
