package io.l1infer.fpga.opencl;

import java.math.BigInteger;

/**
 * OpenCL C for the general ap_fixed / ap_int conversion: any source of up to 128 bits (a C++ product or sum type),
 * any target of up to 64 bits, every quantization mode, every overflow mode with saturation bits, and ap_int's
 * round-toward-zero, as Xilinx's {@code ap_fixed_base::operator=} and {@code to_ap_int_base} compute it.
 *
 * <p>The exact source value is two 64-bit words (hi:lo), two's complement when the source type is signed and plain
 * binary when not (an unsigned 64 x 64-bit product needs all 128 bits). Everything is on {@code ulong}, where C
 * defines wrap-around, and every shift amount is a literal guarded by the branch that uses it, so the compiler folds
 * each call to the few operations its constants need and no shift is ever 64 or more.
 */
final class ExactConversionC
{
    /** Xilinx's {@code ap_q_mode} order (ap_decl.h); the numbers are only ever literals passed to the prelude. */
    static final String[] QUANTIZATION = {
        "AP_RND", "AP_RND_ZERO", "AP_RND_MIN_INF", "AP_RND_INF", "AP_RND_CONV", "AP_TRN", "AP_TRN_ZERO"};
    /** Xilinx's {@code ap_o_mode} order. */
    static final String[] OVERFLOW = {"AP_SAT", "AP_SAT_ZERO", "AP_SAT_SYM", "AP_WRAP", "AP_WRAP_SM"};

    static final int TRN = 5;
    static final int TRN_ZERO = 6;
    static final int SAT = 0;
    static final int WRAP = 3;
    static final int WRAP_SM = 4;

    /** The helpers; appended to {@link FixedPointCExpressions#PRELUDE}. */
    static final String PRELUDE = """
        /* bit k (0 <= k) of the exact value hi:lo whose bits above 127 are all 'ext' */
        static inline int l1x_bit(const ulong hi, const ulong lo, const ulong ext, const int k)
        {
            return k < 64 ? (int)((lo >> k) & 1UL) : (k < 128 ? (int)((hi >> (k - 64)) & 1UL) : (int)(ext & 1UL));
        }
        /* whether any of bits 0 .. k-1 is set (bits above 127 are copies of bit 127 or zero) */
        static inline int l1x_low_any(const ulong hi, const ulong lo, const int k)
        {
            return k <= 0 ? 0 : (k < 64 ? (lo & ((1UL << k) - 1UL)) != 0UL : (k == 64 ? lo != 0UL :
                (k < 128 ? (lo != 0UL || (hi & ((1UL << (k - 64)) - 1UL)) != 0UL) : (lo != 0UL || hi != 0UL))));
        }
        /* a <= b for signed 128-bit values */
        static inline int l1x_le(const ulong ahi, const ulong alo, const ulong bhi, const ulong blo)
        {
            return as_long(ahi) < as_long(bhi) || (ahi == bhi && alo <= blo);
        }
        /* bits lo_bit .. hi_bit set (0 <= lo_bit <= hi_bit + 1, hi_bit < 64) */
        static inline ulong l1x_bits(const int lo_bit, const int hi_bit)
        {
            return lo_bit > hi_bit ? 0UL :
                ((hi_bit == 63 ? ~0UL : ((1UL << (hi_bit + 1)) - 1UL)) & ~((1UL << lo_bit) - 1UL));
        }
        /*
         * The raw value (sign-extended for a signed target, zero-extended otherwise) of the exact source hi:lo
         * (signed when s2) converted to a w-bit target whose fraction bits are the source's minus sh: quantization
         * q when sh > 0, then overflow o with n saturation bits. ld is the source bit Xilinx's AP_WRAP_SM reads
         * (-1: none). Bounds: the target's min and max when sh > 0, else ceil(min / 2^-sh) and floor(max / 2^-sh).
         */
        static inline long l1x_convert(const ulong hi, const ulong lo, const int s2, const int sh, const int w,
            const int s, const int q, const int o, const int n, const int ld,
            const ulong minhi, const ulong minlo, const ulong maxhi, const ulong maxlo)
        {
            const ulong ext = s2 ? as_ulong(as_long(hi) >> 63) : 0UL;
            const int neg = ext != 0UL;
            ulong qhi;
            ulong qlo;
            int qneg;
            int over;
            int under;
            if (sh > 0)
            {
                if (sh < 64) { qlo = (lo >> sh) | (hi << (64 - sh)); qhi = (hi >> sh) | (ext << (64 - sh)); }
                else if (sh == 64) { qlo = hi; qhi = ext; }
                else if (sh < 128) { qlo = (hi >> (sh - 64)) | (ext << (128 - sh)); qhi = ext; }
                else { qlo = ext; qhi = ext; }
                const int qb = l1x_bit(hi, lo, ext, sh - 1);
                const int r = l1x_low_any(hi, lo, sh - 1);
                int inc;
                switch (q)
                {
                    case 0: inc = qb; break;
                    case 1: inc = qb && (neg || r); break;
                    case 2: inc = qb && r; break;
                    case 3: inc = qb && (!neg || r); break;
                    case 4: inc = qb && (((int)qlo & 1) || r); break;
                    case 6: inc = neg && (qb || r); break;
                    default: inc = 0; break;
                }
                qlo += (ulong)inc;
                qhi += (ulong)(inc && qlo == 0UL);
                qneg = as_long(qhi) < 0L;
                over = !l1x_le(qhi, qlo, maxhi, maxlo);
                under = !l1x_le(minhi, minlo, qhi, qlo);
            }
            else
            {
                qlo = -sh < 64 ? lo << -sh : 0UL;
                qneg = neg;
                const int big = !s2 && as_long(hi) < 0L; /* unsigned 2^127 or more: above every bound */
                over = big || !l1x_le(hi, lo, maxhi, maxlo);
                under = !big && !l1x_le(minhi, minlo, hi, lo);
            }
            const ulong mask = w == 64 ? ~0UL : (1UL << w) - 1UL;
            const ulong top = 1UL << (w - 1);
            ulong v = qlo & mask;
            if (o == 2 && s2 && s && qneg && (v & (mask >> 1)) == 0UL)
            {
                under = 1;
            }
            if (over || under)
            {
                if (o == 3)
                {
                    if (n > 0 && s)
                    {
                        v = qneg ? (v | top) : (v & ~top);
                        const ulong m = l1x_bits(w - n, w - 2);
                        v = qneg ? (v & ~m) : (v | m);
                    }
                    else if (n > 0)
                    {
                        v |= l1x_bits(w - n, w - 1);
                    }
                }
                else if (o == 1)
                {
                    v = 0UL;
                }
                else if (o == 4)
                {
                    const int ro = (v & top) != 0UL;
                    if (n == 0)
                    {
                        const int lD = ld >= 0 ? l1x_bit(hi, lo, ext, ld) : 0;
                        if (lD != ro) { v = ~v & mask; }
                    }
                    else
                    {
                        if (n == 1 && qneg != ro) { v = ~v & mask; }
                        else if (n > 1)
                        {
                            const int lno = (int)((v >> (w - n)) & 1UL);
                            if (lno == qneg) { v = ~v & mask; }
                            const ulong m = l1x_bits(w - n, w - 2);
                            v = qneg ? (v & ~m) : (v | m);
                        }
                        v = qneg ? (v | top) : (v & ~top);
                    }
                }
                else if (s)
                {
                    v = over ? top - 1UL : (top | (o == 2 && w > 1 ? 1UL : 0UL));
                }
                else
                {
                    v = over ? mask : 0UL;
                }
            }
            return s && w < 64 ? as_long(v << (64 - w)) >> (64 - w) : as_long(v);
        }
        """;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private ExactConversionC()
    {
    }

    /**
     * A C {@code long} expression: the exact value {@code hi}:{@code lo} (two {@code ulong} expressions) of C++ type
     * {@code source} converted to {@code target}.
     */
    static String convert(final String hi, final String lo, final ExactType source, final ConversionTarget target)
    {
        if (source.width() > ExactType.MAX_WIDTH)
        {
            throw new IllegalArgumentException("exact " + source + " is wider than the " + ExactType.MAX_WIDTH +
                " bits the OpenCL kernel holds");
        }
        final int sh = source.fractionBits() - target.fractionBits();
        final int w = target.width();
        final int pos1 = sh + w;
        // Xilinx reads the bit just above the target's sign from the source itself, only when the source has it.
        final int ld = pos1 >= 0 && pos1 < source.width() ? pos1 : -1;
        // to_ap_int_base of a source with I = 0 starts from 0 and adds 1 in a 1-bit signed ap_int when the value is
        // negative: -1, i.e. floor, not truncation toward zero. (I < 0 starts from an uninitialised value: refused.)
        final int q;
        if (target.apInt() && source.integerBits() <= 0)
        {
            if (source.integerBits() < 0)
            {
                throw new IllegalArgumentException("conversion of " + source + " to ap_int: Xilinx's to_ap_int_base " +
                    "leaves the result uninitialised for negative integer bits");
            }
            q = TRN;
        }
        else
        {
            q = target.quantization();
        }
        final BigInteger min = target.min();
        final BigInteger max = target.max();
        final BigInteger lower;
        final BigInteger upper;
        if (sh > 0)
        {
            lower = min;
            upper = max;
        }
        else
        {
            // v * 2^k within [min, max] exactly when v within [ceil(min / 2^k), floor(max / 2^k)].
            final int k = -sh;
            lower = min.negate().shiftRight(k).negate();
            upper = max.shiftRight(k);
        }
        return "l1x_convert(" + hi + ", " + lo + ", " + (source.signed() ? 1 : 0) + ", " + sh + ", " + w + ", " +
            (target.signed() ? 1 : 0) + ", " + q + ", " + target.overflow() + ", " +
            target.saturationBits() + ", " + ld + ", " + high(lower) + ", " + low(lower) + ", " + high(upper) + ", " +
            low(upper) + ")";
    }

    /**
     * The same from a {@code long} expression holding the exact value (sign-extended; a wider source type than 64
     * bits is fine when the caller knows the value fits).
     */
    static String convertLong(final String value, final ExactType source, final ConversionTarget target)
    {
        final String v = "as_ulong((long)(" + value + "))";
        final String hi = source.signed() ? "as_ulong((long)(" + value + ") >> 63)" : "0UL";
        return convert(hi, v, source, target);
    }

    private static String high(final BigInteger v)
    {
        return ulongLiteral(v.shiftRight(64));
    }

    private static String low(final BigInteger v)
    {
        return ulongLiteral(v);
    }

    /** The low 64 bits of {@code v} as a C {@code ulong} literal. */
    static String ulongLiteral(final BigInteger v)
    {
        return "0x" + v.mod(TWO_64).toString(16) + "UL";
    }
}
