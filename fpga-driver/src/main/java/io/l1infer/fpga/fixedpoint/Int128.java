package io.l1infer.fpga.fixedpoint;

/**
 * Exact 128-bit two's-complement arithmetic on a pair of longs (high word, low word), for conversions of exact
 * products of 64-bit types; static and allocation-free so that per-event code can use it.
 */
public final class Int128
{
    private Int128()
    {
    }

    /** High word of the exact product a*b (the low word is {@code a * b}). */
    public static long mulHigh(final long a, final long b)
    {
        return Math.multiplyHigh(a, b);
    }

    /** High word of the exact sum of two longs (the low word is {@code a + b}). */
    public static long addHigh(final long a, final long b)
    {
        final long lo = a + b;
        return (a >> 63) + (b >> 63) + (Long.compareUnsigned(lo, a) < 0 ? 1 : 0);
    }

    /** High word of hi:lo + b (the low word is {@code lo + b}). */
    public static long addHigh(final long hi, final long lo, final long b)
    {
        final long sum = lo + b;
        return hi + (b >> 63) + (Long.compareUnsigned(sum, lo) < 0 ? 1 : 0);
    }

    /** Low word of hi:lo &gt;&gt; s (arithmetic), 0 &lt; s; shifts of 128 or more give the sign. */
    public static long sarLow(final long hi, final long lo, final int s)
    {
        if (s < 64)
        {
            return s == 0 ? lo : (lo >>> s) | (hi << (64 - s));
        }
        return s < 128 ? hi >> (s - 64) : hi >> 63;
    }

    /** Low word of hi:lo &gt;&gt;&gt; s (logical: hi:lo read as unsigned), 0 &lt;= s; 128 or more give 0. */
    public static long shrLow(final long hi, final long lo, final int s)
    {
        if (s < 64)
        {
            return s == 0 ? lo : (lo >>> s) | (hi << (64 - s));
        }
        return s < 128 ? hi >>> (s - 64) : 0;
    }

    /** High word of hi:lo &gt;&gt;&gt; s (logical), 0 &lt;= s. */
    public static long shrHigh(final long hi, final int s)
    {
        return s < 64 ? hi >>> s : 0;
    }

    /**
     * High word of the exact product of two raw values, each read as unsigned when its flag says so (a 64-bit
     * unsigned type): the signed high word plus the other factor for each factor whose top bit is set, since
     * u = s + 2^64 there. Two unsigned factors give an unsigned 128-bit product (up to 2^128 - 2^65 + 1).
     */
    public static long mulHigh(final long a, final boolean aUnsigned, final long b, final boolean bUnsigned)
    {
        long hi = Math.multiplyHigh(a, b);
        if (aUnsigned && a < 0)
        {
            hi += b;
        }
        if (bUnsigned && b < 0)
        {
            hi += a;
        }
        return hi;
    }

    /** High word of hi:lo &gt;&gt; s (arithmetic), 0 &lt;= s. */
    public static long sarHigh(final long hi, final int s)
    {
        return s < 64 ? hi >> s : hi >> 63;
    }

    /** High word of hi:lo &lt;&lt; k for 0 &lt; k &lt; 128 (bits shifted past 128 are lost). */
    public static long shlHigh(final long hi, final long lo, final int k)
    {
        if (k < 64)
        {
            return k == 0 ? hi : (hi << k) | (lo >>> (64 - k));
        }
        return lo << (k - 64);
    }

    /** Low word of lo &lt;&lt; k for 0 &lt;= k (0 from 64 on). */
    public static long shlLow(final long lo, final int k)
    {
        return k < 64 ? lo << k : 0;
    }

    /** Bit i (0-based, any i &gt;= 0; beyond 127 the sign) of hi:lo. */
    public static boolean bit(final long hi, final long lo, final int i)
    {
        if (i < 64)
        {
            return ((lo >>> i) & 1) != 0;
        }
        return i < 128 ? ((hi >>> (i - 64)) & 1) != 0 : hi < 0;
    }

    /** True when any of bits 0 .. n-1 of hi:lo (sign-extended beyond 127) is set. */
    public static boolean lowBitsNonZero(final long hi, final long lo, final int n)
    {
        if (n <= 0)
        {
            return false;
        }
        if (n < 64)
        {
            return (lo & ((1L << n) - 1)) != 0;
        }
        if (n == 64)
        {
            return lo != 0;
        }
        if (n < 128)
        {
            return lo != 0 || (hi & ((1L << (n - 64)) - 1)) != 0;
        }
        return lo != 0 || hi != 0;
    }

    /** How far hi:lo can be shifted left without changing its value's sign or losing bits. */
    public static int headroom(final long hi, final long lo)
    {
        final long sign = hi >> 63;
        final int highRun = Long.numberOfLeadingZeros(hi ^ sign);
        if (highRun < 64)
        {
            return highRun - 1;
        }
        // The high word is all sign: continue into the low word (its top bit must match the sign too).
        return 63 + Long.numberOfLeadingZeros(lo ^ sign);
    }
}
