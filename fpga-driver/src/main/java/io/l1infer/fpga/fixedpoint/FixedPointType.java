package io.l1infer.fpga.fixedpoint;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable Xilinx {@code ap_fixed<W,I,Q,O,N>} / {@code ap_ufixed<...>} / {@code ap_int<W>} / {@code ap_uint<W>}
 * type with the conversions of the ap_types headers hls4ml's C simulation compiles, on raw two's-complement
 * integers held in {@code long}.
 *
 * <p>Supported: 1 &lt;= W &lt;= 64, signed and unsigned; a raw value is held in a {@code long}, a 64-bit unsigned
 * one as its 64 bits (read as unsigned wherever its value matters: {@link #rawHigh}, {@link #rawValue},
 * {@link #toDouble}; {@link #maxRaw} is then -1, the pattern of 2^64 - 1), fraction bits F = W - I within
 * [{@value #MIN_FRACTION_BITS}, {@value #MAX_FRACTION_BITS}], saturation bits 0 &lt;= N &lt;= W.
 *
 * <p>Conversion semantics (checked bit for bit against the headers by {@code ApTypesOracleTest}): for an exact value
 * v = raw * 2^-F2, let t = floor(v * 2^F) and q = t + inc, inc in {0, 1} chosen by Q from the first dropped bit,
 * whether any later dropped bit is set, the sign of v and the low bit of t. If q lies in [min, max] it is the result
 * (AP_SAT_SYM also turns q = min into -max when the source has at least the target's integer bits; -max means min
 * for a 1-bit signed type, as in ap_types). Otherwise O
 * decides: AP_WRAP keeps q mod 2^W and, with N &gt; 0, forces the top N bits (signed: the sign bit to the sign of q,
 * the next N-1 bits to its complement; unsigned: all N bits to one); AP_SAT clamps, AP_SAT_ZERO gives 0,
 * AP_SAT_SYM clamps to +-max; a signed AP_WRAP_SM takes q mod 2^W and, with N = 0, when its sign bit differs from
 * bit W of t, complements it and sets the sign bit to bit W of t (N = 1: complement when the sign bit is not q's
 * sign, then set it to q's sign; N &gt; 1: complement when bit W-N equals q's sign, then force the top N bits as
 * for AP_WRAP); ap_ufixed with AP_WRAP_SM is refused, as ap_types refuses it at run time. ap_int / ap_uint targets
 * take the value's integer part toward zero (ap_types' {@code to_ap_int_base} in its C-native form) and keep its
 * low W bits.
 */
public final class FixedPointType
{
    /** Largest supported width of a signed type: raw values fit a Java {@code long}. */
    public static final int MAX_WIDTH = 64;
    /** Largest supported width of an unsigned type: a 64-bit raw value is held as its bits in a {@code long}. */
    public static final int MAX_UNSIGNED_WIDTH = 64;
    /** Fraction bits accepted: far beyond any real hls4ml model, and shifts of exact values stay well defined. */
    public static final int MIN_FRACTION_BITS = -128;
    public static final int MAX_FRACTION_BITS = 128;

    private static final Pattern FIXED_SYNTAX = Pattern.compile(
        "\\s*(ap_fixed|ap_ufixed)\\s*<\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*(?:,\\s*([A-Za-z_0-9]+)\\s*)?" +
            "(?:,\\s*([A-Za-z_0-9]+)\\s*)?(?:,\\s*([A-Za-z_0-9+-]+)\\s*)?>\\s*");
    private static final Pattern INT_SYNTAX = Pattern.compile("\\s*(ap_int|ap_uint)\\s*<\\s*(-?\\d+)\\s*>\\s*");

    private final boolean signed;
    private final boolean integer;
    private final int width;
    private final int integerBits;
    private final int fractionBits;
    private final Quantization quantization;
    private final Overflow overflow;
    private final int saturationBits;
    private final long minRaw;
    private final long maxRaw;
    private final long mask;
    private final boolean unsigned64;
    /** 2^fractionBits, exact, for {@link #fromDouble}'s short path; 0 where that path does not apply. */
    private final double gridScale;

    private FixedPointType(
        final boolean signed,
        final boolean integer,
        final int width,
        final int integerBits,
        final Quantization quantization,
        final Overflow overflow,
        final int saturationBits)
    {
        this.signed = signed;
        this.integer = integer;
        this.width = width;
        this.integerBits = integerBits;
        this.fractionBits = width - integerBits;
        this.quantization = quantization;
        this.overflow = overflow;
        this.saturationBits = saturationBits;
        this.mask = width == 64 ? -1L : (1L << width) - 1;
        this.minRaw = signed ? -1L << (width - 1) : 0L;
        this.maxRaw = signed ? ~minRaw : mask;
        this.unsigned64 = !signed && width == 64;
        // The short path of fromDouble: truncation, and an overflow it can finish itself.
        final boolean shortPath = !integer && !unsigned64 && quantization == Quantization.AP_TRN &&
            (overflow == Overflow.AP_SAT || overflow == Overflow.AP_WRAP && saturationBits == 0) &&
            fractionBits > -1000 && fractionBits < 1000;
        this.gridScale = shortPath ? Math.scalb(1.0, fractionBits) : 0;
    }

    /**
     * Create an ap_fixed / ap_ufixed type with N = 0 after checking its parameters.
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
        return of(signed, width, integerBits, quantization, overflow, 0);
    }

    /**
     * Create an ap_fixed / ap_ufixed type with saturation bits N after checking its parameters.
     *
     * @throws IllegalArgumentException naming the parameter that is out of range.
     */
    public static FixedPointType of(
        final boolean signed,
        final int width,
        final int integerBits,
        final Quantization quantization,
        final Overflow overflow,
        final int saturationBits)
    {
        checkWidth(signed, width, signed ? "ap_fixed" : "ap_ufixed");
        final long f = (long)width - integerBits;
        if (f < MIN_FRACTION_BITS || f > MAX_FRACTION_BITS)
        {
            throw new IllegalArgumentException("fraction bits W-I=" + f + " outside supported " +
                MIN_FRACTION_BITS + ".." + MAX_FRACTION_BITS);
        }
        if (!signed && overflow == Overflow.AP_WRAP_SM)
        {
            throw new IllegalArgumentException("ap_ufixed with AP_WRAP_SM is not a valid type: ap_types stops the " +
                "C simulation with 'cannot support AP_WRAP_SM'");
        }
        if (saturationBits < 0 || saturationBits > width)
        {
            throw new IllegalArgumentException("saturation bits N=" + saturationBits + " outside 0..W=" + width);
        }
        return new FixedPointType(signed, false, width, integerBits, Objects.requireNonNull(quantization),
            Objects.requireNonNull(overflow), saturationBits);
    }

    /** {@code ap_int<W>} (signed) or {@code ap_uint<W>}: an integer that wraps, converted into toward zero. */
    public static FixedPointType apInt(final boolean signed, final int width)
    {
        checkWidth(signed, width, signed ? "ap_int" : "ap_uint");
        return new FixedPointType(signed, true, width, width, Quantization.AP_TRN, Overflow.AP_WRAP, 0);
    }

    /** Shorthand for a signed type with AP_TRN and AP_WRAP, hls4ml's defaults. */
    public static FixedPointType apFixed(final int width, final int integerBits)
    {
        return of(true, width, integerBits, Quantization.AP_TRN, Overflow.AP_WRAP);
    }

    private static void checkWidth(final boolean signed, final int width, final String kind)
    {
        final int maxWidth = signed ? MAX_WIDTH : MAX_UNSIGNED_WIDTH;
        if (width < 1 || width > maxWidth)
        {
            throw new IllegalArgumentException("width W=" + width + " outside supported 1.." + maxWidth + " for " +
                kind);
        }
    }

    /**
     * Parse the C++ spelling as hls4ml writes it, e.g. {@code ap_fixed<16,6>},
     * {@code ap_ufixed<8,3,AP_RND_CONV,AP_SAT>}, {@code ap_fixed<18,8,AP_RND,AP_SAT,0>}, {@code ap_int<8>} or
     * {@code ap_uint<1>}.
     *
     * @throws IllegalArgumentException with a message naming the text and what is wrong.
     */
    public static FixedPointType parse(final String text)
    {
        if (text == null)
        {
            throw new IllegalArgumentException("missing fixed-point type");
        }
        final Matcher im = INT_SYNTAX.matcher(text);
        if (im.matches())
        {
            try
            {
                return apInt(im.group(1).equals("ap_int"), smallInt(im.group(2), text, "W"));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(withText(text, ex), ex);
            }
        }
        final Matcher m = FIXED_SYNTAX.matcher(text);
        if (!m.matches())
        {
            throw new IllegalArgumentException("unparsable fixed-point type '" + text +
                "' (expected ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<...>, ap_int<W> or ap_uint<W>)");
        }
        final boolean signed = m.group(1).equals("ap_fixed");
        final int width = smallInt(m.group(2), text, "W");
        final int integerBits = smallInt(m.group(3), text, "I");
        final Quantization q = m.group(4) == null ? Quantization.AP_TRN : Quantization.parse(m.group(4), text);
        final Overflow o = m.group(5) == null ? Overflow.AP_WRAP : Overflow.parse(m.group(5), text);
        final int n = m.group(6) == null ? 0 : saturationBits(m.group(6), text);
        try
        {
            return of(signed, width, integerBits, q, o, n);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(withText(text, ex), ex);
        }
    }

    private static String withText(final String text, final IllegalArgumentException ex)
    {
        return "fixed-point type '" + text + "': " + ex.getMessage();
    }

    private static int smallInt(final String digits, final String text, final String what)
    {
        try
        {
            return Integer.parseInt(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("fixed-point type '" + text + "': " + what +
                " is not a small integer");
        }
    }

    private static int saturationBits(final String word, final String text)
    {
        if (!word.matches("\\+?\\d{1,3}"))
        {
            throw new IllegalArgumentException("fixed-point type '" + text + "': saturation bits N '" + word +
                "' is not a non-negative integer");
        }
        return Integer.parseInt(word.startsWith("+") ? word.substring(1) : word);
    }

    public boolean isSigned()
    {
        return signed;
    }

    /** True for {@code ap_int} / {@code ap_uint}: conversions into it go toward zero and wrap. */
    public boolean isInteger()
    {
        return integer;
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

    /** The fifth template argument N (0 unless written). */
    public int saturationBits()
    {
        return saturationBits;
    }

    public long minRaw()
    {
        return minRaw;
    }

    /** The largest raw value; for a 64-bit unsigned type the pattern of 2^64 - 1, i.e. -1 (see {@link #rawValue}). */
    public long maxRaw()
    {
        return maxRaw;
    }

    /** True for a 64-bit unsigned type, whose raw values are the unsigned reading of a {@code long}'s bits. */
    public boolean isUnsigned64()
    {
        return unsigned64;
    }

    /**
     * The high word of a raw value of this type as an exact 128-bit two's-complement integer (the low word is the
     * raw value itself): its sign extension, or 0 for a 64-bit unsigned type.
     */
    public long rawHigh(final long raw)
    {
        return unsigned64 ? 0 : raw >> 63;
    }

    /** The integer a raw value of this type stands for (unsigned for a 64-bit unsigned type). */
    public BigInteger rawValue(final long raw)
    {
        final BigInteger v = BigInteger.valueOf(raw);
        return unsigned64 && raw < 0 ? v.add(BigInteger.ONE.shiftLeft(64)) : v;
    }

    /**
     * True when converting into this type is "floor onto the grid, keep the low W bits": an ap_fixed with AP_TRN
     * and AP_WRAP and N = 0. Only such conversions are ring homomorphisms modulo 2^W, which the fast int kernels use.
     */
    public boolean isTruncatingWrap()
    {
        return !integer && quantization == Quantization.AP_TRN && isPlainWrap();
    }

    /** True when overflow keeps the low W bits and nothing else (AP_WRAP with N = 0, and every ap_int). */
    public boolean isPlainWrap()
    {
        return overflow == Overflow.AP_WRAP && saturationBits == 0;
    }

    /** True when a raw integer is a value of this type. */
    public boolean containsRaw(final long raw)
    {
        return unsigned64 || (raw >= minRaw && raw <= maxRaw);
    }

    /** The value a raw integer stands for (rounded to a double). */
    public double toDouble(final long raw)
    {
        if (unsigned64 && raw < 0)
        {
            // the unsigned 64-bit value, rounded once: halve it (keeping the low bit as a sticky bit), then scale
            return Math.scalb((double)((raw >>> 1) | (raw & 1)), 1 - fractionBits);
        }
        return Math.scalb((double)raw, -fractionBits);
    }

    /**
     * Convert a C {@code double} as the type's constructor does in C simulation: an ap_fixed quantizes the double's
     * exact binary value with Q, then applies O; an ap_int takes it toward zero and keeps the low W bits, except that
     * ap_types gives +1 for a negative double of magnitude below 1/4 (kept: it is what the C simulation computes).
     *
     * @throws IllegalArgumentException for NaN or infinite input, which has no fixed-point value.
     */
    public long fromDouble(final double value)
    {
        // Short path (a daemon converts every built feature): for a normal double whose scaled value is normal and
        // below 2^62, the product by 2^F is exact and floor is AP_TRN, so the result is the general path's bit for
        // bit (FromDoubleShortPathTest); NaN, infinities, zero, subnormals and huge values take the general path.
        final double scaled = value * gridScale;
        final double magnitude = Math.abs(scaled);
        if (magnitude < 0x1p62 && magnitude >= Double.MIN_NORMAL && Math.abs(value) >= Double.MIN_NORMAL)
        {
            final long q = (long)Math.floor(scaled);
            if (q >= minRaw && q <= maxRaw)
            {
                return q;
            }
            return overflow == Overflow.AP_SAT ? (q < 0 ? minRaw : maxRaw) : wrap(q);
        }
        return fromDoubleExactly(value);
    }

    /** {@link #fromDouble} without its short path: the double's bits converted as ap_types does. */
    long fromDoubleExactly(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException("cannot convert " + value + " to " + this);
        }
        final long bits = Double.doubleToRawLongBits(value);
        if ((bits & Long.MAX_VALUE) == 0)
        {
            return 0;
        }
        final boolean negative = bits < 0;
        // ap_types reads the exponent field as is and always sets the implicit bit, subnormals included.
        final int exp = (int)((bits >>> 52) & 0x7FF) - 1023;
        final long magnitude = (bits & ((1L << 52) - 1)) | (1L << 52);
        if (integer)
        {
            return fromDoubleToInteger(negative, exp, magnitude);
        }
        // The mantissa as a 54-bit signed integer with 52 - exp fraction bits and exp + 2 integer bits.
        final long man = negative ? -magnitude : magnitude;
        return convertWide(man >> 63, man, 52 - exp, exp + 2, true);
    }

    private long fromDoubleToInteger(final boolean negative, final int exp, final long magnitude)
    {
        final int shift = 52 - exp;
        long v;
        if (shift == 0)
        {
            v = magnitude;
        }
        else if (shift > 0)
        {
            // ap_types shifts the positive magnitude and, past 54 bits, takes -1 for a negative value before
            // negating it: a negative double below 2^-2 in magnitude becomes +1.
            v = shift < 54 ? magnitude >> shift : negative ? -1 : 0;
        }
        else
        {
            v = -shift < width ? magnitude << -shift : 0;
        }
        v = wrap(v);
        return negative ? wrap(-v) : v;
    }

    /**
     * Convert a raw value with {@code fromFractionBits} fraction bits to this type (Q, then O), for a source with
     * at least as many integer bits as this type and any signedness that holds the value (exact products and sums).
     * Prefer {@link #convert(long, FixedPointType)} when the source is a declared type.
     */
    public long convert(final long raw, final int fromFractionBits)
    {
        return convert64(raw, fromFractionBits, Integer.MAX_VALUE, true);
    }

    /** Convert a raw value of type {@code from} to this type, exactly as ap_types' assignment does. */
    public long convert(final long raw, final FixedPointType from)
    {
        if (from.unsigned64)
        {
            return convertWide(0, raw, from.fractionBits, from.integerBits, false);
        }
        return convert64(raw, from.fractionBits, from.integerBits, from.signed);
    }

    /** Overflow step O on an integer already on this type's grid. */
    public long applyOverflow(final long value)
    {
        return convert64(value, fractionBits, Integer.MAX_VALUE, true);
    }

    /**
     * Convert the exact 128-bit value {@code hi:lo} with {@code fromFraction} fraction bits, from a source format
     * with {@code fromIntegerBits} integer bits ({@link Integer#MAX_VALUE} when unbounded, as for an exact product or
     * sum held whole) and the given signedness: two's complement for a signed source, unsigned (0 .. 2^128 - 1, the
     * exact product of two 64-bit unsigned values included) for an unsigned one. No allocation.
     *
     * @throws IllegalArgumentException converting into an ap_int from a source with fewer than 0 integer bits,
     *                                  where ap_types reads an uninitialised value (check at load, see
     *                                  {@link #checkConvertibleFrom(int, String)}).
     */
    public long convertWide(
        final long hi, final long lo, final int fromFraction, final int fromIntegerBits, final boolean fromSigned)
    {
        if (!fromSigned && hi < 0)
        {
            return convertUnsignedHuge(hi, lo, fromFraction, fromIntegerBits);
        }
        if (integer)
        {
            return toInteger(hi, lo, fromFraction, fromIntegerBits);
        }
        if (hi == lo >> 63)
        {
            return convert64(lo, fromFraction, fromIntegerBits, fromSigned);
        }
        return convertGeneral(hi, lo, fromFraction, fromIntegerBits, fromSigned, false);
    }

    /**
     * The common case, a value that fits a long, kept small so the JIT inlines it into kernels: |value| &lt; 2^62
     * means floor + 1 and the left shifts taken here cannot overflow; anything else goes to the general code, which
     * gives the same results (ApTypesOracleTest covers both).
     */
    private long convert64(
        final long value, final int fromFraction, final int fromIntegerBits, final boolean fromSigned)
    {
        if (integer)
        {
            return toInteger(value >> 63, value, fromFraction, fromIntegerBits);
        }
        if (unsigned64)
        {
            // the bounds below compare signed longs, which a 64-bit unsigned range does not fit
            return convertGeneral(value >> 63, value, fromFraction, fromIntegerBits, fromSigned, false);
        }
        final int shift = fromFraction - fractionBits;
        final long q;
        if (shift > 0 && shift < 63 && (value >> 62 == 0 || value >> 62 == -1))
        {
            final long floor = value >> shift;
            q = quantization == Quantization.AP_TRN ? floor : floor + increment(value, shift, floor);
        }
        else if (shift <= 0 && shift > -63 && fitsShiftedLeft(value, -shift))
        {
            q = value << -shift;
        }
        else
        {
            return convertGeneral(value >> 63, value, fromFraction, fromIntegerBits, fromSigned, false);
        }
        if (q >= minRaw && q <= maxRaw)
        {
            if (q == minRaw && overflow == Overflow.AP_SAT_SYM)
            {
                return convertGeneral(value >> 63, value, fromFraction, fromIntegerBits, fromSigned, false);
            }
            return q;
        }
        if (overflow == Overflow.AP_SAT)
        {
            return q < 0 ? minRaw : maxRaw;
        }
        if (overflow == Overflow.AP_WRAP && saturationBits == 0)
        {
            return wrap(q);
        }
        return convertGeneral(value >> 63, value, fromFraction, fromIntegerBits, fromSigned, false);
    }

    /** True when value * 2^k is exact in a long and below 2^62 in magnitude (Math.abs would fail on MIN_VALUE). */
    private static boolean fitsShiftedLeft(final long value, final int k)
    {
        final long shifted = value << k;
        return shifted >> k == value && (shifted >> 62 == 0 || shifted >> 62 == -1);
    }

    /** The rounding increment (0 or 1) of Q for a 64-bit value dropping 0 &lt; shift &lt; 63 bits onto floor. */
    private long increment(final long value, final int shift, final long floor)
    {
        final long half = 1L << (shift - 1);
        final boolean halfBit = (value & half) != 0;
        if (!halfBit && quantization != Quantization.AP_TRN_ZERO)
        {
            return 0;
        }
        final boolean rest = (value & (half - 1)) != 0;
        final boolean negative = value < 0;
        final boolean up = switch (quantization)
        {
            case AP_RND -> true;
            case AP_RND_ZERO -> negative || rest;
            case AP_RND_MIN_INF -> rest;
            case AP_RND_INF -> !negative || rest;
            case AP_RND_CONV -> (floor & 1) != 0 || rest;
            case AP_TRN_ZERO -> negative && (halfBit || rest);
            default -> false;
        };
        return up ? 1 : 0;
    }

    /**
     * The general conversion; {@code huge} reads hi:lo as an unsigned value of 2^127 or more (only with a right
     * shift, see {@link #convertUnsignedHuge}), which the logical shifts below bring into the signed range.
     */
    private long convertGeneral(
        final long hi,
        final long lo,
        final int fromFraction,
        final int fromIntegerBits,
        final boolean fromSigned,
        final boolean huge)
    {
        final int shift = fromFraction - fractionBits;
        final boolean negativeSource = !huge && hi < 0;
        final long tHi;
        final long tLo;
        final long qHi;
        final long qLo;
        boolean increment = false;
        if (shift > 0)
        {
            final int s = Math.min(shift, 129);
            tLo = huge ? Int128.shrLow(hi, lo, s) : Int128.sarLow(hi, lo, s);
            tHi = huge ? Int128.shrHigh(hi, s) : Int128.sarHigh(hi, s);
            if (quantization != Quantization.AP_TRN)
            {
                final boolean half = !(huge && s > 128) && Int128.bit(hi, lo, s - 1);
                final boolean rest = Int128.lowBitsNonZero(hi, lo, s - 1);
                increment = switch (quantization)
                {
                    case AP_RND -> half;
                    case AP_RND_ZERO -> half && (negativeSource || rest);
                    case AP_RND_MIN_INF -> half && rest;
                    case AP_RND_INF -> half && (!negativeSource || rest);
                    case AP_RND_CONV -> half && ((tLo & 1) != 0 || rest);
                    case AP_TRN_ZERO -> negativeSource && (half || rest);
                    default -> false;
                };
            }
            qLo = increment ? tLo + 1 : tLo;
            qHi = increment && tLo == -1 ? tHi + 1 : tHi;
        }
        else
        {
            final int k = -shift;
            if (k == 0 || (hi == 0 && lo == 0))
            {
                tHi = hi;
                tLo = lo;
            }
            else if (k <= Int128.headroom(hi, lo))
            {
                tHi = Int128.shlHigh(hi, lo, k);
                tLo = Int128.shlLow(lo, k);
            }
            else
            {
                // Out of every supported range (|t| >= 2^126 > 2^64): keep the sign and the low 65 bits, which is
                // all that overflow handling reads, on a stand-in of magnitude ~2^100.
                final long low = k >= 64 ? 0 : lo << k;
                final long bit64 = k > 64 ? 0 : k == 64 ? lo & 1 : (Int128.shlHigh(hi, lo, k) & 1);
                tLo = low;
                tHi = (negativeSource ? -(1L << 36) : 1L << 36) | bit64;
            }
            qHi = tHi;
            qLo = tLo;
        }
        final boolean fits = unsigned64 ? qHi == 0 : qHi == qLo >> 63;
        if (fits && (unsigned64 || (qLo >= minRaw && qLo <= maxRaw)))
        {
            if (overflow == Overflow.AP_SAT_SYM && signed && qLo == minRaw && fromSigned &&
                (long)integerBits <= (long)fromIntegerBits)
            {
                return symmetricMin();
            }
            return qLo;
        }
        return overflowed(qHi < 0, qLo, Int128.bit(tHi, tLo, width));
    }

    /**
     * An unsigned source value of 2^127 or more (only the exact product of two 64-bit unsigned values, or a sum with
     * one, reaches it), which the two's-complement reading of hi:lo would take for negative.
     */
    private long convertUnsignedHuge(final long hi, final long lo, final int fromFraction, final int fromIntegerBits)
    {
        if (integer)
        {
            checkConvertibleFrom(fromIntegerBits, null);
            if (fromFraction <= 0)
            {
                return wrap(-fromFraction >= 64 ? 0 : lo << -fromFraction);
            }
            return wrap(fromIntegerBits == 0 ? 0 : Int128.shrLow(hi, lo, Math.min(fromFraction, 128)));
        }
        if (fromFraction > fractionBits)
        {
            return convertGeneral(hi, lo, fromFraction, fromIntegerBits, false, true);
        }
        // t = v * 2^k >= 2^127 lies above every target: O decides from the low bits of t (q = t, positive).
        final int k = fractionBits - fromFraction;
        final long tLo = Int128.shlLow(lo, k);
        final long tHi = k == 0 ? hi : k < 128 ? Int128.shlHigh(hi, lo, k) : 0;
        return overflowed(false, tLo, Int128.bit(tHi, tLo, width));
    }

    /** Overflow handling of a quantized q outside [min, max]: {@code negative} is q's sign, bitW bit W of t. */
    private long overflowed(final boolean negative, final long qLo, final boolean bitW)
    {
        switch (overflow)
        {
            case AP_SAT:
                return negative ? minRaw : maxRaw;
            case AP_SAT_ZERO:
                return 0;
            case AP_SAT_SYM:
                return negative ? (signed ? symmetricMin() : 0) : maxRaw;
            case AP_WRAP:
                return saturationBits == 0 ? wrap(qLo) : fromPattern(forceTopBits(qLo & mask, negative));
            default:
                break;
        }
        // AP_WRAP_SM, signed only (see of)
        long u = qLo & mask;
        final long signBit = 1L << (width - 1);
        final boolean ro = (u & signBit) != 0;
        if (saturationBits == 0)
        {
            if (bitW != ro)
            {
                u = ~u & mask;
                u = bitW ? u | signBit : u & ~signBit;
            }
        }
        else if (saturationBits == 1)
        {
            if (negative != ro)
            {
                u = ~u & mask;
            }
            u = negative ? u | signBit : u & ~signBit;
        }
        else
        {
            final boolean lNo = (u & (1L << (width - saturationBits))) != 0;
            if (lNo == negative)
            {
                u = ~u & mask;
            }
            u = forceTopBits(u, negative);
        }
        return fromPattern(u);
    }

    /**
     * AP_SAT_SYM's negative bound: ap_types' overflow_adjust sets the pattern of min and then bit 0, which is -max,
     * except for a 1-bit signed type, where bit 0 is the sign bit and the result stays min (-1).
     */
    private long symmetricMin()
    {
        return width == 1 ? minRaw : -maxRaw;
    }

    /** AP_WRAP with N bits: signed, sign bit = q's sign and the N-1 below it its complement; unsigned, N ones. */
    private long forceTopBits(final long pattern, final boolean negative)
    {
        final long topN = mask & ~(width - saturationBits == 64 ? 0 : (1L << (width - saturationBits)) - 1);
        if (!signed)
        {
            return pattern | topN;
        }
        final long signBit = 1L << (width - 1);
        final long below = topN & ~signBit;
        return negative ? (pattern & ~below) | signBit : (pattern | below) & ~signBit;
    }

    private long fromPattern(final long pattern)
    {
        return signed && width < 64 ? (pattern << (64 - width)) >> (64 - width) : pattern;
    }

    private long wrap(final long value)
    {
        return signed ? (width == 64 ? value : (value << (64 - width)) >> (64 - width)) : value & mask;
    }

    /** ap_int_base(ap_fixed_base): to_ap_int_base's integer part toward zero, then the low W bits. */
    private long toInteger(final long hi, final long lo, final int fromFraction, final int fromIntegerBits)
    {
        checkConvertibleFrom(fromIntegerBits, null);
        if (fromFraction <= 0)
        {
            return wrap(-fromFraction >= 64 ? 0 : lo << -fromFraction);
        }
        final boolean negative = hi < 0;
        final boolean dropped = Int128.lowBitsNonZero(hi, lo, Math.min(fromFraction, 129));
        if (fromIntegerBits == 0)
        {
            // ap_types holds the integer part in a 1-bit signed ap_int set to 0, and its C-native correction
            // (+1 for a negative value with fraction bits) makes it -1.
            return wrap(negative && dropped ? -1 : 0);
        }
        final long t = Int128.sarLow(hi, lo, Math.min(fromFraction, 129));
        return wrap(negative && dropped ? t + 1 : t);
    }

    /**
     * Refuse converting into this ap_int from a source with negative integer bits: ap_types' to_ap_int_base then
     * returns an uninitialised value, which no emulation can reproduce.
     *
     * @param what the layer or value, for the message (may be null).
     */
    public void checkConvertibleFrom(final int fromIntegerBits, final String what)
    {
        if (integer && fromIntegerBits < 0)
        {
            throw new IllegalArgumentException((what == null ? "" : what + ": ") + "converting a value with " +
                fromIntegerBits + " integer bits into " + this + " reads an uninitialised value in ap_types' " +
                "to_ap_int_base; not supported");
        }
    }

    /** The C++ spelling with all parameters, e.g. {@code ap_fixed<16,6,AP_TRN,AP_WRAP,0>} or {@code ap_int<8>}. */
    public String toCppString()
    {
        if (integer)
        {
            return toString();
        }
        return (signed ? "ap_fixed<" : "ap_ufixed<") + width + "," + integerBits + "," + quantization + "," +
            overflow + "," + saturationBits + ">";
    }

    /** The short C++ spelling, omitting default modes; {@link #parse} reads it back to an equal type. */
    @Override
    public String toString()
    {
        if (integer)
        {
            return (signed ? "ap_int<" : "ap_uint<") + width + ">";
        }
        final StringBuilder sb = new StringBuilder(signed ? "ap_fixed<" : "ap_ufixed<")
            .append(width).append(',').append(integerBits);
        if (quantization != Quantization.AP_TRN || overflow != Overflow.AP_WRAP || saturationBits != 0)
        {
            sb.append(',').append(quantization);
        }
        if (overflow != Overflow.AP_WRAP || saturationBits != 0)
        {
            sb.append(',').append(overflow);
        }
        if (saturationBits != 0)
        {
            sb.append(',').append(saturationBits);
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
        return signed == that.signed && integer == that.integer && width == that.width &&
            integerBits == that.integerBits && quantization == that.quantization && overflow == that.overflow &&
            saturationBits == that.saturationBits;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(signed, integer, width, integerBits, quantization, overflow, saturationBits);
    }

    /** Locale-independent upper-case helper for mode names. */
    static String upper(final String s)
    {
        return s.toUpperCase(Locale.ROOT);
    }
}
