package io.l1infer.bench.cli;

import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A fixed-point value as text exactly as {@code std::ostream << ap_fixed} writes it in C simulation (Xilinx ap_types,
 * the same in the thesis firmware's release, hls4ml 0.8.1 and 1.3.0): the exact decimal expansion, then cut to the
 * stream's precision (6 by default) significant digits, rounding half up on the first dropped digit, with a
 * scientific form for long integers and for fractions with four or more leading zeros. Its quirks are kept, since
 * the point is a file that diffs equal to the C simulation's: when the decimal point falls among the kept digits one
 * digit fewer decides the rounding, and the exponent has at least two digits. Types with I > W are refused
 * ({@link #checkPrintable}).
 */
final class ApFixedText
{
    /** The precision of a default-constructed std::ostream. */
    static final int DEFAULT_PRECISION = 6;

    private ApFixedText()
    {
    }

    /**
     * Refuse a type whose stream output ap_types gets wrong: with I > W its {@code to_string} takes the integer part
     * from a negative bit position and prints another value, which no file of ours should imitate.
     *
     * @throws IllegalArgumentException naming the type.
     */
    static void checkPrintable(final FixedPointType type)
    {
        if (type.fractionBits() < 0)
        {
            throw new IllegalArgumentException(type + " has more integer bits than bits: ap_types' stream output " +
                "prints such values wrongly, so a csim-log of them cannot be matched; use --out-format csv");
        }
    }

    /** {@code out << x} for the value {@code raw} of {@code type} on a stream of default precision. */
    static String format(final FixedPointType type, final long raw)
    {
        return reduce(exactDecimal(type, raw), DEFAULT_PRECISION);
    }

    /** ap_fixed's {@code to_string(10)}: every digit of the exact value, no trailing zeros, "0" for zero. */
    static String exactDecimal(final FixedPointType type, final long raw)
    {
        final int f = type.fractionBits();
        final BigInteger r = BigInteger.valueOf(raw);
        // raw * 2^-f = raw * 5^f / 10^f: exact.
        final BigDecimal value = f >= 0 ? new BigDecimal(r.multiply(BigInteger.valueOf(5).pow(f)), f) :
            new BigDecimal(r.shiftLeft(-f));
        return raw == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** Cut an exact decimal to {@code precision} significant digits as ap_fixed's stream output does. */
    static String reduce(final String exact, final int precision)
    {
        if (isZero(exact))
        {
            return "0";
        }
        final int length = exact.length();
        final int first = firstSignificant(exact, 0);
        final int last = lastSignificant(exact);
        final int point = exact.indexOf('.') < 0 ? length : exact.indexOf('.');
        final boolean negative = exact.charAt(0) == '-';

        int cut;
        if (point > last)
        {
            if (last - first + 1 <= precision)
            {
                return exact;
            }
            cut = first + precision;
        }
        else if (point < first)
        {
            if (last - first + 1 <= precision)
            {
                if (first - point - 1 < 4)
                {
                    return exact;
                }
                return negative ? "-" + scientific(exact.substring(1)) : scientific(exact);
            }
            cut = first + precision;
        }
        else
        {
            if (last - first <= precision)
            {
                return exact;
            }
            cut = first + precision + 1;
        }

        // A leading '0' takes a carry out of the first digit (9.99999 -> 10.0000); the sign's place is reused.
        final char[] digits = ("0" + (negative ? exact.substring(1) : exact)).toCharArray();
        if (!negative)
        {
            cut++;
        }
        boolean carry = digits[cut] > '4';
        for (int i = cut - 1; i >= 0 && carry; i--)
        {
            if (digits[i] == '.')
            {
                continue;
            }
            if (digits[i] == '9')
            {
                digits[i] = '0';
            }
            else
            {
                digits[i]++;
                carry = false;
            }
        }

        final int start = digits[0] == '1' ? 0 : firstSignificant(digits);
        int kept = 0;
        for (int i = start; i < digits.length; i++)
        {
            if (digits[i] != '.' && ++kept > precision)
            {
                digits[i] = '0';
            }
        }

        final String padded = new String(digits);
        final int paddedPoint = padded.indexOf('.');
        int end;
        if (paddedPoint < 0)
        {
            end = digits.length;
        }
        else
        {
            // Drop trailing zeros of the fraction, and the point when nothing is left after it.
            for (end = digits.length - 1; end >= 0; end--)
            {
                if (digits[end] == '.')
                {
                    break;
                }
                if (digits[end] != '0')
                {
                    end++;
                    break;
                }
            }
        }
        final String rounded = digits[0] == '1' ? padded.substring(0, end) : padded.substring(1, end);
        final String sign = negative ? "-" : "";

        final int roundedPoint = rounded.indexOf('.');
        if (roundedPoint >= 0)
        {
            int zeros = 0;
            while (rounded.charAt(roundedPoint + 1 + zeros) == '0')
            {
                zeros++;
            }
            return sign + (zeros < 4 ? rounded : scientific(rounded));
        }
        if (rounded.length() <= precision)
        {
            return sign + rounded;
        }
        return sign + scientific(rounded);
    }

    /** d.ddd followed by e+NN / e-NN (no exponent when it is 0) of an unsigned decimal. */
    private static String scientific(final String unsigned)
    {
        if (unsigned.isEmpty())
        {
            return unsigned;
        }
        final int point = unsigned.indexOf('.') < 0 ? unsigned.length() : unsigned.indexOf('.');
        final int first = firstSignificant(unsigned, 0);
        final int exponent = first > point ? point - first : point - first - 1;
        final int last = lastSignificant(unsigned);

        final StringBuilder sb = new StringBuilder().append(unsigned.charAt(first));
        if (first != last)
        {
            sb.append('.');
            for (int i = first + 1; i <= last; i++)
            {
                if (unsigned.charAt(i) != '.')
                {
                    sb.append(unsigned.charAt(i));
                }
            }
        }
        if (exponent != 0)
        {
            final int magnitude = Math.abs(exponent);
            sb.append(exponent < 0 ? "e-" : "e+").append(magnitude < 10 ? "0" : "").append(magnitude);
        }
        return sb.toString();
    }

    private static boolean isZero(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) != '.' && text.charAt(i) != '0')
            {
                return false;
            }
        }
        return true;
    }

    private static int firstSignificant(final String text, final int from)
    {
        int i = from;
        while (text.charAt(i) < '1' || text.charAt(i) > '9')
        {
            i++;
        }
        return i;
    }

    private static int firstSignificant(final char[] text)
    {
        int i = 0;
        while (text[i] < '1' || text[i] > '9')
        {
            i++;
        }
        return i;
    }

    private static int lastSignificant(final String text)
    {
        int i = text.length() - 1;
        while (text.charAt(i) < '1' || text.charAt(i) > '9')
        {
            i--;
        }
        return i;
    }
}
