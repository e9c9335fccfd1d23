package io.l1infer.fpga.fixedpoint;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable Xilinx {@code ap_fixed<W,I,Q,O>} / {@code ap_ufixed<W,I,Q,O>} type with the conversions hls4ml's
 * C simulation applies, on raw two's-complement integers held in {@code long}.
 *
 * <p>Supported: 1 &lt;= W &lt;= 32 for ap_fixed and W &lt;= 31 for ap_ufixed (so every raw value fits an {@code int}
 * and an exact product of two fits a {@code long}), fraction bits F = W - I within [-32, 62]. Anything else is
 * rejected by {@link #parse(String)} with the reason.
 */
public final class FixedPointType
{
    /** Largest supported total width: raw values always fit in a Java {@code int}. */
    public static final int MAX_WIDTH = 32;
    /** Fraction bits accepted, wide enough for every real hls4ml model and narrow enough for exact long maths. */
    public static final int MIN_FRACTION_BITS = -32;
    public static final int MAX_FRACTION_BITS = 62;

    private static final Pattern SYNTAX = Pattern.compile(
        "\\s*(ap_fixed|ap_ufixed)\\s*<\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*(?:,\\s*([A-Za-z_0-9]+)\\s*)?(?:,\\s*([A-Za-z_0-9]+)\\s*)?(?:,\\s*(\\d+)\\s*)?>\\s*");

    private final boolean signed;
    private final int width;
    private final int integerBits;
    private final int fractionBits;
    private final Quantization quantization;
    private final Overflow overflow;
    private final long minRaw;
    private final long maxRaw;

    private FixedPointType(
        final boolean signed,
        final int width,
        final int integerBits,
        final Quantization quantization,
        final Overflow overflow)
    {
        this.signed = signed;
        this.width = width;
        this.integerBits = integerBits;
        this.fractionBits = width - integerBits;
        this.quantization = quantization;
        this.overflow = overflow;
        this.minRaw = signed ? -(1L << (width - 1)) : 0L;
        this.maxRaw = signed ? (1L << (width - 1)) - 1 : (1L << width) - 1;
    }

    /**
     * Create a type after checking its parameters.
     *
     * @throws IllegalArgumentException naming the parameter that is out of range.
     */
    public static FixedPointType of(
        final boolean signed,
        final int width,
        final int integerBits,
        final Quantization quantization,
        final Overflow overflow)
    {
        final int maxWidth = signed ? MAX_WIDTH : MAX_WIDTH - 1;
        if (width < 1 || width > maxWidth)
        {
            throw new IllegalArgumentException("width W=" + width + " outside supported 1.." + maxWidth +
                (signed ? "" : " for ap_ufixed"));
        }
        final int f = width - integerBits;
        if (f < MIN_FRACTION_BITS || f > MAX_FRACTION_BITS)
        {
            throw new IllegalArgumentException("fraction bits W-I=" + f + " outside supported " +
                MIN_FRACTION_BITS + ".." + MAX_FRACTION_BITS);
        }
        return new FixedPointType(
            signed, width, integerBits, Objects.requireNonNull(quantization), Objects.requireNonNull(overflow));
    }

    /** Shorthand for a signed type with AP_TRN and AP_WRAP, hls4ml's defaults. */
    public static FixedPointType apFixed(final int width, final int integerBits)
    {
        return of(true, width, integerBits, Quantization.AP_TRN, Overflow.AP_WRAP);
    }

    /**
     * Parse the C++ spelling, e.g. {@code ap_fixed<16,6>} or {@code ap_ufixed<8,3,AP_RND_CONV,AP_SAT>}.
     * A fifth template argument (saturation bits N) is accepted only as 0, its default.
     *
     * @throws IllegalArgumentException with a message naming what is wrong.
     */
    public static FixedPointType parse(final String text)
    {
        if (text == null)
        {
            throw new IllegalArgumentException("missing fixed-point type");
        }
        final Matcher m = SYNTAX.matcher(text);
        if (!m.matches())
        {
            throw new IllegalArgumentException("unparsable fixed-point type '" + text +
                "' (expected ap_fixed<W,I[,Q[,O]]> or ap_ufixed<...>)");
        }
        final boolean signed = m.group(1).equals("ap_fixed");
        final int width;
        final int integerBits;
        try
        {
            width = Integer.parseInt(m.group(2));
            integerBits = Integer.parseInt(m.group(3));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("fixed-point type '" + text + "': W or I is not a small integer");
        }
        final Quantization q = m.group(4) == null ? Quantization.AP_TRN : Quantization.parse(m.group(4), text);
        final Overflow o = m.group(5) == null ? Overflow.AP_WRAP : Overflow.parse(m.group(5), text);
        if (m.group(6) != null && !m.group(6).equals("0"))
        {
            throw new IllegalArgumentException("fixed-point type '" + text +
                "': saturation bits N other than 0 are not supported");
        }
        try
        {
            return of(signed, width, integerBits, q, o);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("fixed-point type '" + text + "': " + ex.getMessage(), ex);
        }
    }

    public boolean isSigned()
    {
        return signed;
    }

    public int width()
    {
        return width;
    }

    public int integerBits()
    {
        return integerBits;
    }

    public int fractionBits()
    {
        return fractionBits;
    }

    public Quantization quantization()
    {
        return quantization;
    }

    public Overflow overflow()
    {
        return overflow;
    }

    public long minRaw()
    {
        return minRaw;
    }

    public long maxRaw()
    {
        return maxRaw;
    }

    /** True when a raw integer is a value of this type. */
    public boolean containsRaw(final long raw)
    {
        return raw >= minRaw && raw <= maxRaw;
    }

    /** The value a raw integer stands for. */
    public double toDouble(final long raw)
    {
        return Math.scalb((double)raw, -fractionBits);
    }

    /**
     * Convert a C {@code double} the way {@code ap_fixed}'s constructor does in C simulation: the exact binary value
     * of the double is quantized with Q, then overflow O is applied.
     *
     * @throws IllegalArgumentException for NaN or infinite input, which has no fixed-point value.
     */
    public long fromDouble(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException("cannot convert " + value + " to " + this);
        }
        // Scaling by a power of two is exact unless it underflows to subnormal, which for |F| <= 62 and values a
        // model can hold does not lose anything that quantization would not drop anyway.
        final double scaled = Math.scalb(value, fractionBits);
        if (Math.abs(scaled) >= 0x1p62)
        {
            // Already an integer (a double this large has no fraction bits); only overflow matters.
            return applyOverflowToHuge(scaled);
        }
        final double floor = Math.floor(scaled);
        final double fraction = scaled - floor; // exact: the fraction bits of 'scaled'
        long q = (long)floor;
        switch (quantization)
        {
            case AP_TRN:
                break;
            case AP_RND:
                if (fraction >= 0.5)
                {
                    q++;
                }
                break;
            case AP_RND_CONV:
                if (fraction > 0.5 || (fraction == 0.5 && (q & 1) != 0))
                {
                    q++;
                }
                break;
            default:
                throw new IllegalStateException(quantization.name());
        }
        return applyOverflow(q);
    }

    private long applyOverflowToHuge(final double scaled)
    {
        if (overflow == Overflow.AP_SAT)
        {
            return scaled < 0 ? minRaw : maxRaw;
        }
        // The low W <= 32 bits of an integer of magnitude >= 2^62 held in a double: its ulp is >= 2^10, so
        // compute them through BigDecimal only in this rare case.
        final long low = new java.math.BigDecimal(scaled).toBigIntegerExact().longValue();
        return applyOverflow(low);
    }

    /**
     * Convert a raw value with {@code fromFractionBits} fraction bits to this type: quantization Q first, then
     * overflow O. The input must satisfy |raw| &lt; 2^62 (always true for exact products and sums of supported
     * types).
     */
    public long convert(final long raw, final int fromFractionBits)
    {
        final int shift = fromFractionBits - fractionBits;
        if (shift <= 0)
        {
            return applyOverflow(shiftLeftForOverflow(raw, -shift));
        }
        return applyOverflow(quantizeShiftRight(raw, shift, quantization));
    }

    /** Overflow step O on an integer already on this type's grid. */
    public long applyOverflow(final long value)
    {
        if (overflow == Overflow.AP_WRAP)
        {
            return signed ? (value << (64 - width)) >> (64 - width) : value & maxRaw;
        }
        return value < minRaw ? minRaw : Math.min(value, maxRaw);
    }

    /**
     * Divide by 2^shift with the rounding of {@code q}; shift > 0, |raw| &lt; 2^62.
     */
    static long quantizeShiftRight(final long raw, final int shift, final Quantization q)
    {
        if (shift >= 63)
        {
            // |raw / 2^shift| < 1/2: floor is 0 or -1; both roundings give 0 (a tie at exactly -1/2 goes to 0).
            return q == Quantization.AP_TRN ? (raw < 0 ? -1 : 0) : 0;
        }
        final long floor = raw >> shift;
        if (q == Quantization.AP_TRN)
        {
            return floor;
        }
        final long remainder = raw - (floor << shift); // in [0, 2^shift)
        final long half = 1L << (shift - 1);
        if (q == Quantization.AP_RND)
        {
            return remainder >= half ? floor + 1 : floor;
        }
        if (remainder > half || (remainder == half && (floor & 1) != 0))
        {
            return floor + 1;
        }
        return floor;
    }

    /**
     * raw * 2^shift for the overflow step: exact when it fits; otherwise a value that overflows identically
     * (wrap keeps the low 64 >= W bits, which a Java shift keeps; saturation only needs the sign and "too big").
     */
    private long shiftLeftForOverflow(final long raw, final int shift)
    {
        if (shift == 0 || raw == 0)
        {
            return raw;
        }
        if (overflow == Overflow.AP_WRAP)
        {
            return shift >= 64 ? 0 : raw << shift;
        }
        if (shift >= 62 || Math.abs(raw) > (Long.MAX_VALUE >> shift))
        {
            return raw < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return raw << shift;
    }

    /** The C++ spelling with all four parameters, e.g. {@code ap_fixed<16,6,AP_TRN,AP_WRAP>}. */
    public String toCppString()
    {
        return (signed ? "ap_fixed<" : "ap_ufixed<") + width + "," + integerBits + "," + quantization + "," +
            overflow + ">";
    }

    /** The short C++ spelling, omitting default modes. */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(signed ? "ap_fixed<" : "ap_ufixed<")
            .append(width).append(',').append(integerBits);
        if (quantization != Quantization.AP_TRN || overflow != Overflow.AP_WRAP)
        {
            sb.append(',').append(quantization);
        }
        if (overflow != Overflow.AP_WRAP)
        {
            sb.append(',').append(overflow);
        }
        return sb.append('>').toString();
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof FixedPointType))
        {
            return false;
        }
        final FixedPointType that = (FixedPointType)o;
        return signed == that.signed && width == that.width && integerBits == that.integerBits &&
            quantization == that.quantization && overflow == that.overflow;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(signed, width, integerBits, quantization, overflow);
    }

    /** Locale-independent upper-case helper for mode names. */
    static String upper(final String s)
    {
        return s.toUpperCase(Locale.ROOT);
    }
}
