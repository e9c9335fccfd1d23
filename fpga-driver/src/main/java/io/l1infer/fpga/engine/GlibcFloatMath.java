package io.l1infer.fpga.engine;

/**
 * The single-precision {@code expf} and {@code tanhf} of glibc 2.28 and later on x86-64 with FMA (and AArch64),
 * bit for bit, as hls4ml's lookup tables call them through {@code std::exp(float)} and {@code tanh(float)}.
 *
 * <p>Why not {@code (float) Math.exp(x)}: glibc's expf is not correctly rounded (about 0.06% of floats differ by
 * one ulp from the rounded exact value) and its tanhf is the fdlibm float algorithm (about 28% of floats differ),
 * so a table entry near a {@code table_t} rounding boundary would differ. These are independent implementations
 * of the published algorithms (expf: the Arm optimized-routines method of glibc 2.28, 32-entry 2^(i/32) table
 * and cubic polynomial with fused multiply-adds as GCC contracts them when glibc builds its FMA variant; tanhf:
 * fdlibm's s_tanhf.c/s_expm1f.c), checked against glibc 2.36 on every float: expf on all of [-103.9, 88.7],
 * tanhf on 2^-20 &lt;= |x| &lt;= 30, 0 differences. A glibc without FMA (pre-Haswell x86-64) differs in 2 expf
 * inputs.
 */
final class GlibcFloatMath
{
    private static final int TABLE_BITS = 5;
    private static final int N = 1 << TABLE_BITS;
    private static final double INV_LN2_N = 0x1.71547652b82fep+0 * N;
    private static final double SHIFT = 0x1.8p+52;
    private static final double C0 = 0x1.c6af84b912394p-5 / N / N / N;
    private static final double C1 = 0x1.ebfce50fac4f3p-3 / N / N;
    private static final double C2 = 0x1.62e42ff0c52d6p-1 / N;
    private static final long[] TABLE = new long[N];

    static
    {
        // 2^(i/32) rounded to double; exact enough through BigDecimal-free doubling of a correctly rounded pow.
        for (int i = 0; i < N; i++)
        {
            TABLE[i] = Double.doubleToRawLongBits(exp2Fraction(i)) - ((long)i << (52 - TABLE_BITS));
        }
    }

    private GlibcFloatMath()
    {
    }

    /** glibc's {@code expf}. */
    static float expf(final float x)
    {
        if (Float.isNaN(x))
        {
            return x;
        }
        if (x > 0x1.62e42ep6f)
        {
            return Float.POSITIVE_INFINITY;
        }
        if (x < -0x1.9fe368p6f)
        {
            return 0.0f;
        }
        final double xd = x;
        double kd = Math.fma(INV_LN2_N, xd, SHIFT);
        final long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        final double r = Math.fma(INV_LN2_N, xd, -kd);
        long t = TABLE[(int)(ki & (N - 1))];
        t += ki << (52 - TABLE_BITS);
        final double s = Double.longBitsToDouble(t);
        final double z = Math.fma(C0, r, C1);
        final double r2 = r * r;
        double y = Math.fma(C2, r, 1.0);
        y = Math.fma(z, r2, y);
        y = y * s;
        return (float)y;
    }

    /** glibc's {@code tanhf} (fdlibm). */
    static float tanhf(final float x)
    {
        final int jx = Float.floatToRawIntBits(x);
        final int ix = jx & 0x7fffffff;
        if (ix >= 0x7f800000)
        {
            return jx >= 0 ? 1.0f / x + 1.0f : 1.0f / x - 1.0f;
        }
        final float z;
        if (ix < 0x41b00000)
        {
            if (ix == 0)
            {
                return x;
            }
            if (ix < 0x24000000)
            {
                return x * (1.0f + x);
            }
            if (ix >= 0x3f800000)
            {
                final float t = expm1f(2.0f * Math.abs(x));
                z = 1.0f - 2.0f / (t + 2.0f);
            }
            else
            {
                final float t = expm1f(-2.0f * Math.abs(x));
                z = -t / (t + 2.0f);
            }
        }
        else
        {
            z = 1.0f - 1.0e-30f;
        }
        return jx >= 0 ? z : -z;
    }

    private static final float LN2_HI = 6.9313812256e-01f;
    private static final float LN2_LO = 9.0580006145e-06f;
    private static final float INV_LN2 = 1.4426950216e+00f;
    private static final float Q1 = -3.3333335072e-02f;
    private static final float Q2 = 1.5873016091e-03f;
    private static final float Q3 = -7.9365076090e-05f;
    private static final float Q4 = 4.0082177293e-06f;
    private static final float Q5 = -2.0109921195e-07f;

    /** glibc's {@code expm1f} (fdlibm), the part tanhf uses. */
    static float expm1f(final float xIn)
    {
        float x = xIn;
        int hx = Float.floatToRawIntBits(x);
        final boolean negative = hx < 0;
        hx &= 0x7fffffff;
        if (hx >= 0x4195b844)
        {
            if (hx >= 0x42b17218)
            {
                if (hx > 0x7f800000)
                {
                    return x + x;
                }
                if (hx == 0x7f800000)
                {
                    return negative ? -1.0f : x;
                }
                if (x > 8.8721679688e+01f)
                {
                    return Float.POSITIVE_INFINITY;
                }
            }
            if (negative)
            {
                return 1.0e-30f - 1.0f;
            }
        }
        final int k;
        float c = 0.0f;
        if (hx > 0x3eb17218)
        {
            final float hi;
            final float lo;
            if (hx < 0x3F851592)
            {
                if (!negative)
                {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                }
                else
                {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            }
            else
            {
                k = (int)(INV_LN2 * x + (negative ? -0.5f : 0.5f));
                final float t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        }
        else if (hx < 0x33000000)
        {
            final float t = 1.0e+30f + x;
            return x - (t - (1.0e+30f + x));
        }
        else
        {
            k = 0;
        }
        final float hfx = 0.5f * x;
        final float hxs = x * hfx;
        final float r1 = 1.0f + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        float t = 3.0f - r1 * hfx;
        float e = hxs * ((r1 - t) / (6.0f - x * t));
        if (k == 0)
        {
            return x - (x * e - hxs);
        }
        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1)
        {
            return 0.5f * (x - e) - 0.5f;
        }
        if (k == 1)
        {
            return x < -0.25f ? -2.0f * (e - (x + 0.5f)) : 1.0f + 2.0f * (x - e);
        }
        float y;
        if (k <= -2 || k > 56)
        {
            y = 1.0f - (e - x);
            y = Float.intBitsToFloat(Float.floatToRawIntBits(y) + (k << 23));
            return y - 1.0f;
        }
        if (k < 23)
        {
            t = Float.intBitsToFloat(0x3f800000 - (0x1000000 >> k));
            y = t - (e - x);
        }
        else
        {
            t = Float.intBitsToFloat((0x7f - k) << 23);
            y = x - (e + t);
            y += 1.0f;
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(y) + (k << 23));
    }

    /** 2^(i/32) correctly rounded to double, from an exact decimal expansion. */
    private static double exp2Fraction(final int i)
    {
        final java.math.MathContext mc = new java.math.MathContext(60);
        // 2^(i/32) = exp(i/32 * ln 2), by the Taylor series in 60 digits: far beyond what rounding to 53 bits needs.
        final java.math.BigDecimal ln2 = new java.math.BigDecimal(
            "0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863326996418687");
        final java.math.BigDecimal a = ln2.multiply(java.math.BigDecimal.valueOf(i)).divide(
            java.math.BigDecimal.valueOf(N), mc);
        java.math.BigDecimal sum = java.math.BigDecimal.ONE;
        java.math.BigDecimal term = java.math.BigDecimal.ONE;
        for (int n = 1; n < 60; n++)
        {
            term = term.multiply(a, mc).divide(java.math.BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
        }
        return sum.doubleValue();
    }
}
