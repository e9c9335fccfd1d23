package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;

/**
 * OpenCL C text for hls4ml's fixed-point conversions with every constant folded in at generation time: the same
 * rounding-then-overflow rules as {@link FixedPointType#convert}, written against the helpers of {@link #PRELUDE}.
 *
 * <p>OpenCL C inherits C's undefined signed overflow, so everything that must wrap is computed on unsigned types and
 * reinterpreted with {@code as_int}/{@code as_long}; right shifts of negative signed values are arithmetic in
 * OpenCL C (spec section 6.3, shift operators), which is the floor that AP_TRN needs.
 */
final class FixedPointCExpressions
{
    /** Helper functions every generated program starts with; all are called with literal shifts and limits. */
    static final String PRELUDE = ExactArithmeticC.PRELUDE + ExactConversionC.PRELUDE + """
        /* floor(v / 2^s), 0 < s < 63: an arithmetic shift (OpenCL C fills with the sign bit) */
        static inline long l1_floor_shift(long v, int s) { return v >> s; }
        /* AP_RND: round half up, 0 < s < 63 */
        static inline long l1_round_half_up(long v, int s)
        {
            return (v >> s) + (long)((as_ulong(v) >> (s - 1)) & 1UL);
        }
        /* AP_RND_CONV: round half to even, 0 < s < 63 */
        static inline long l1_round_half_even(long v, int s)
        {
            const long f = v >> s;
            const ulong r = as_ulong(v) & ((1UL << s) - 1UL);
            const ulong halfway = 1UL << (s - 1);
            return (r > halfway || (r == halfway && (f & 1L) != 0)) ? f + 1 : f;
        }
        /* v * 2^k modulo 2^64, 0 <= k < 64 */
        static inline long l1_shift_left_wrap(long v, int k) { return as_long(as_ulong(v) << k); }
        /* AP_WRAP to a signed W-bit value, 1 <= w <= 32 */
        static inline long l1_wrap_signed(long v, int w) { return as_long(as_ulong(v) << (64 - w)) >> (64 - w); }
        /* AP_WRAP to an unsigned W-bit value */
        static inline long l1_wrap_unsigned(long v, int w) { return as_long(as_ulong(v) & ((1UL << w) - 1UL)); }
        /* AP_SAT */
        static inline long l1_saturate(long v, long lo, long hi) { return v < lo ? lo : (v > hi ? hi : v); }
        /* AP_SAT of v * 2^k without overflowing: v above hi = floor(max / 2^k) saturates, and so on */
        static inline long l1_saturate_scaled(long v, long lo, long hi, long min, long max, long scale)
        {
            return v > hi ? max : (v < lo ? min : v * scale);
        }
        /* AP_WRAP of an int to a signed W-bit value, 1 <= w <= 32 */
        static inline int l1_wrap_signed32(uint v, int w) { return as_int(v << (32 - w)) >> (32 - w); }
        /* AP_WRAP of an int to an unsigned W-bit value, 1 <= w <= 31 */
        static inline int l1_wrap_unsigned32(uint v, int w) { return as_int(v & ((1u << w) - 1u)); }
        """;

    private FixedPointCExpressions()
    {
    }

    /** The C type generated code holds raw values of {@code t} in: {@code int} when they fit, else {@code long}. */
    static String valueType(final FixedPointType t)
    {
        return fitsInt(t) ? "int" : "long";
    }

    static boolean fitsInt(final FixedPointType t)
    {
        return t.width() <= (t.isSigned() ? 32 : 31);
    }

    /**
     * An expression of {@link #valueType(FixedPointType) target's value type}: the exact value {@code value} (an
     * {@code int} or {@code long} expression) of C++ type {@code source} converted to {@code target}. The short
     * forms below serve the modes they were written for (AP_TRN, AP_RND, AP_RND_CONV with AP_WRAP or AP_SAT, no
     * saturation bits, ap_fixed targets of at most 32 bits, sources of at most 62 bits), where Xilinx's rules are
     * plain rounding then wrap or clamp; everything else goes through the general {@link ExactConversionC}.
     */
    static String convert(final String value, final ExactType source, final FixedPointType target)
    {
        if (shortFormApplies(source, target))
        {
            return source.width() <= 32 ? convertInt("(int)(" + value + ")", source.fractionBits(), target) :
                convertLong("(long)(" + value + ")", source.fractionBits(), target);
        }
        return "(" + valueType(target) + ")" + ExactConversionC.convertLong(value, source, ConversionTarget.of(target));
    }

    /** The same for an exact 128-bit value {@code hi}:{@code lo} (two {@code ulong} expressions). */
    static String convertWide(final String hi, final String lo, final ExactType source, final FixedPointType target)
    {
        return "(" + valueType(target) + ")" + ExactConversionC.convert(hi, lo, source, ConversionTarget.of(target));
    }

    private static boolean shortFormApplies(final ExactType source, final FixedPointType target)
    {
        final Quantization q = target.quantization();
        final Overflow o = target.overflow();
        return !ConversionTarget.isInteger(target) && ConversionTarget.saturationBits(target) == 0 &&
            (q == Quantization.AP_TRN || q == Quantization.AP_RND || q == Quantization.AP_RND_CONV) &&
            (o == Overflow.AP_WRAP || o == Overflow.AP_SAT) && fitsInt(target) && source.width() <= 62 &&
            (source.width() > 32 || source.signed() || source.width() <= 31);
    }

    /**
     * An {@code int} expression: the exact value {@code value} (a C {@code long} expression, |value| &lt; 2^62)
     * with {@code fromFraction} fraction bits converted to {@code target}, rounding first, then overflow.
     */
    static String convertLong(final String value, final int fromFraction, final FixedPointType target)
    {
        final int shift = fromFraction - target.fractionBits();
        if (shift <= 0)
        {
            final int k = -shift;
            if (target.overflow() == Overflow.AP_SAT)
            {
                // v * 2^k > max exactly when v > floor(max / 2^k); v * 2^k < min when v < ceil(min / 2^k).
                final int capped = Math.min(k, 62);
                final long hi = target.maxRaw() >> capped;
                final long lo = -((-target.minRaw()) >> capped);
                final long scale = k <= 62 ? 1L << k : 0L;
                return "(int)l1_saturate_scaled(" + value + ", " + longLiteral(lo) + ", " + longLiteral(hi) + ", " +
                    longLiteral(target.minRaw()) + ", " + longLiteral(target.maxRaw()) + ", " +
                    longLiteral(scale) + ")";
            }
            final String shifted = k == 0 ? value : k < 64 ? "l1_shift_left_wrap(" + value + ", " + k + ")" : "0L";
            return "(int)" + overflow(shifted, target);
        }
        return "(int)" + overflow(quantize(value, shift, target.quantization()), target);
    }

    /**
     * An {@code int} expression converting the exact {@code int} value {@code value} (with {@code fromFraction}
     * fraction bits) to {@code target}: 32-bit operations when the conversion truncates and wraps (the shifted
     * value's low W bits are exact modulo 2^32 for any shift of less than 32 either way), otherwise
     * {@link #convertLong}.
     */
    static String convertInt(final String value, final int fromFraction, final FixedPointType target)
    {
        final int shift = fromFraction - target.fractionBits();
        final int w = target.width();
        if (target.quantization() == Quantization.AP_TRN && target.overflow() == Overflow.AP_WRAP &&
            shift > -32 && shift < 32)
        {
            final String shifted = shift == 0 ? "as_uint(" + value + ")" :
                shift > 0 ? "as_uint((" + value + ") >> " + shift + ")" :
                "(as_uint(" + value + ") << " + -shift + ")";
            if (target.isSigned())
            {
                return w == 32 ? "as_int(" + shifted + ")" : "l1_wrap_signed32(" + shifted + ", " + w + ")";
            }
            return "l1_wrap_unsigned32(" + shifted + ", " + w + ")";
        }
        return convertLong("(long)(" + value + ")", fromFraction, target);
    }

    /** A {@code long} expression applying only the overflow step of {@code target} to an on-grid value. */
    static String overflow(final String value, final FixedPointType target)
    {
        if (target.overflow() == Overflow.AP_SAT)
        {
            return "l1_saturate(" + value + ", " + longLiteral(target.minRaw()) + ", " +
                longLiteral(target.maxRaw()) + ")";
        }
        return (target.isSigned() ? "l1_wrap_signed(" : "l1_wrap_unsigned(") + value + ", " + target.width() + ")";
    }

    private static String quantize(final String value, final int shift, final Quantization q)
    {
        if (shift >= 63)
        {
            // |value| < 2^62 <= 2^(shift-1): floor is 0 or -1, and both roundings give 0.
            return q == Quantization.AP_TRN ? "((" + value + ") < 0 ? -1L : 0L)" : "0L";
        }
        return switch (q)
        {
            case AP_TRN -> "l1_floor_shift(" + value + ", " + shift + ")";
            case AP_RND -> "l1_round_half_up(" + value + ", " + shift + ")";
            case AP_RND_CONV -> "l1_round_half_even(" + value + ", " + shift + ")";
            default -> throw new IllegalArgumentException("OpenCL generator: quantization " + q + " not supported");
        };
    }

    /** A C {@code long} literal, including Long.MIN_VALUE (which C can only spell as an expression). */
    static String longLiteral(final long v)
    {
        if (v == Long.MIN_VALUE)
        {
            return "(-9223372036854775807L - 1L)";
        }
        return v < 0 ? "(" + v + "L)" : v + "L";
    }

    /** A C {@code int} literal, including Integer.MIN_VALUE (which C can only spell as an expression). */
    static String intLiteral(final int v)
    {
        if (v == Integer.MIN_VALUE)
        {
            return "(-2147483647 - 1)";
        }
        return v < 0 ? "(" + v + ")" : Integer.toString(v);
    }

    /** A C {@code uint} literal holding the two's-complement bits of {@code v}. */
    static String uintLiteral(final int v)
    {
        return Integer.toUnsignedString(v) + "u";
    }
}
