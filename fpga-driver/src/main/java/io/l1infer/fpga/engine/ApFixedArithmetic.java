package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * The few {@code ap_fixed} C-simulation operations hls4ml's activations use beyond plain conversions, on raw values
 * with their fraction bits: the integer conversion of {@code x * n / d}, bit slices, {@code to_float()}, exact
 * comparisons, and conversion of a float or double that may be infinite.
 */
final class ApFixedArithmetic
{
    private ApFixedArithmetic()
    {
    }

    /**
     * {@code int(x * multiplier / divisor)} for {@code x} an {@code ap_fixed} (raw, fraction bits f) and C integer
     * constants, as ap_types computes it: the product is exact, {@code operator/} divides the raw values truncating
     * toward zero (the divisor has no fraction bits, so the quotient keeps f), and the int conversion
     * ({@code to_int}, "Cnative") truncates toward zero and keeps the low 32 bits. Two truncations toward zero in a
     * row equal one of the whole quotient.
     */
    static int intOfScaledQuotient(final long raw, final int f, final long multiplier, final long divisor)
    {
        final java.math.BigInteger p = java.math.BigInteger.valueOf(raw).multiply(
            java.math.BigInteger.valueOf(multiplier));
        final java.math.BigInteger d = java.math.BigInteger.valueOf(divisor);
        if (f >= 0)
        {
            return p.divide(d.shiftLeft(f)).intValue();
        }
        // No fraction bits: the raw quotient is truncated first, then scaled by 2^-f to an integer.
        return p.divide(d).shiftLeft(-f).intValue();
    }

    /** Fast exact form of {@link #intOfScaledQuotient} when nothing overflows a long. */
    static int intOfScaledQuotientFast(final long raw, final int f, final long multiplier, final long divisor)
    {
        if (f >= 0 && f < 40 && Math.abs(raw) < (1L << 31) && Math.abs(multiplier) < (1L << 31) &&
            Math.abs(divisor) < (1L << 20))
        {
            return (int)((raw * multiplier) / (divisor << f));
        }
        return intOfScaledQuotient(raw, f, multiplier, divisor);
    }

    /** {@code x(W-1, W-n)}: the top n bits of the W-bit two's complement pattern, as an unsigned index. */
    static int topBits(final long raw, final FixedPointType type, final int n)
    {
        return (int)((raw >> (type.width() - n)) & ((1L << n) - 1));
    }

    /** The value whose top n bits are i and the rest zero ({@code x(0); x(W-1, W-n) = i}), as a raw value. */
    static long fromTopBits(final int i, final FixedPointType type, final int n)
    {
        final int w = type.width();
        long pattern = ((long)i & ((1L << n) - 1)) << (w - n);
        if (type.isSigned() && w < 64 && ((pattern >> (w - 1)) & 1) != 0)
        {
            pattern -= 1L << w;
        }
        return pattern;
    }

    /** {@code (float) x}: ap_fixed's {@code to_float()}, round to nearest even of the exact value. */
    static float toFloat(final long raw, final int f)
    {
        if (raw == 0)
        {
            return 0.0f;
        }
        if (Math.abs(raw) < (1L << 53))
        {
            // Exact in double, so one rounding to float, as to_float does.
            return (float)Math.scalb((double)raw, -f);
        }
        final java.math.BigDecimal exact = new java.math.BigDecimal(java.math.BigInteger.valueOf(raw)).multiply(
            java.math.BigDecimal.valueOf(2).pow(Math.max(0, -f))).divide(
            java.math.BigDecimal.valueOf(2).pow(Math.max(0, f)));
        return Float.parseFloat(exact.toPlainString());
    }

    /** Sign of a - b for two exact fixed-point values. */
    static int compare(final long a, final int fa, final long b, final int fb)
    {
        final int f = Math.max(fa, fb);
        final int sa = f - fa;
        final int sb = f - fb;
        if (fitsShift(a, sa) && fitsShift(b, sb))
        {
            return Long.compare(a << sa, b << sb);
        }
        return java.math.BigInteger.valueOf(a).shiftLeft(sa).compareTo(java.math.BigInteger.valueOf(b).shiftLeft(sb));
    }

    private static boolean fitsShift(final long v, final int s)
    {
        return s < 62 && Math.abs(v) < (1L << (62 - s));
    }

    /** A C float or double assigned to an {@code ap_fixed}: the double constructor, infinities included. */
    static long fromDouble(final FixedPointType type, final double value)
    {
        if (Double.isInfinite(value))
        {
            // ap_fixed_base(double) reads inf as 2^1024: it wraps to 0 (no bit of it lands in W) or saturates,
            // which 2^900 (still finite after scaling by 2^F) does identically.
            return type.fromDouble(Math.copySign(0x1p900, value));
        }
        return type.fromDouble(value);
    }

    /** A C {@code int}, the source type of {@code res = 1}, {@code res = MAX_INT} and the like. */
    static final FixedPointType C_INT = FixedPointType.apInt(true, 32);

    /** Exact raw product, refused at load when it could leave the range {@link FixedPointType#convert} takes. */
    static void requireProductFits(final String layer, final FixedPointType a, final FixedPointType b)
    {
        if (a.width() + b.width() > 62)
        {
            throw new IllegalArgumentException(layer + ": product of " + a + " and " + b +
                " is wider than 62 bits, not supported by the activation kernels yet");
        }
    }
}
