package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.DenseLayer;

import static io.l1infer.fpga.opencl.FixedPointCExpressions.convert;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.convertWide;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.longLiteral;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.uintLiteral;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.valueType;

/**
 * OpenCL C of hls4ml's {@code dense_latency}: {@code mult = accum_t(x_i * w_ij)}, {@code acc = accum_t(bias)},
 * {@code acc = accum_t(acc + mult)} for i ascending, {@code res = res_T(acc)}, one statement per non-zero weight.
 *
 * <p>A truncating, plainly wrapping accumulator (AP_TRN, AP_WRAP, N = 0) is a ring homomorphism modulo 2^W: the
 * floor(x*w / 2^s) terms are summed modulo 2^32 in {@code uint} (W &lt;= 32) or 2^64 in {@code ulong} and wrapped to
 * W once at the end. Every other accumulator converts each exact product (up to 128 bits) and each exact sum
 * (up to 65 bits) as ap_types does, in hls4ml's order.
 */
final class DenseC
{
    private DenseC()
    {
    }

    static void append(final StringBuilder sb, final DenseLayer d, final int l, final FixedPointType in)
    {
        if (d.compressed() != null)
        {
            CompressedDenseC.append(sb, d, l, in);
            return;
        }
        final FixedPointType acc = d.accumType();
        final ExactType inExact = ExactType.of(in);
        final ExactType product = inExact.times(ExactType.of(d.weightType()));
        final ExactType accExact = ExactType.of(acc);
        final int s = product.fractionBits() - acc.fractionBits();
        final boolean wrapping = acc.quantization() == Quantization.AP_TRN && acc.overflow() == Overflow.AP_WRAP &&
            !ConversionTarget.isInteger(acc) && ConversionTarget.saturationBits(acc) == 0;
        final boolean narrow = acc.width() <= 32;
        final String wrapType = narrow ? "uint" : "ulong";
        final long[] w = d.weights();
        final long[] b = d.biases();
        final int n = d.outputSize();
        for (int j = 0; j < n; j++)
        {
            final long bias = ConversionTarget.convertRaw(acc, b[j], d.biasType());
            sb.append(wrapping ? "    " + wrapType + " " : "    long ").append(accumulator(l, j)).append(" = ")
                .append(wrapping ? (narrow ? uintLiteral((int)bias) : ulongLiteral(bias)) : longLiteral(bias))
                .append(";\n");
        }
        final int productMagnitude = magnitudeBits(in) + magnitudeBits(d.weightType());
        for (int i = 0; i < d.inputSize(); i++)
        {
            final String x = OpenClKernelSource.value(l - 1, i);
            for (int j = 0; j < n; j++)
            {
                final long weight = w[i * n + j];
                if (weight == 0)
                {
                    continue; // pruned: a zero product adds nothing in every mode
                }
                final String a = accumulator(l, j);
                if (wrapping)
                {
                    final String term = unsigned64(in, d.weightType()) && s > 0 ?
                        unsignedWrappingTerm(x, in, weight, d.weightType(), s, product.signed(), narrow) :
                        narrow ? narrowWrappingTerm(x, weight, s, acc.width(), productMagnitude) :
                        wideWrappingTerm(x, weight, s, productMagnitude);
                    if (term != null)
                    {
                        sb.append("    ").append(a).append(" += ").append(term).append(";\n");
                    }
                    continue;
                }
                appendSum(sb, a, product(x, in, weight, d.weightType(), product, acc, productMagnitude), acc,
                    "t" + l + "_" + i + "_" + j);
            }
        }
        for (int j = 0; j < n; j++)
        {
            final String a = accumulator(l, j);
            final String exact;
            if (wrapping)
            {
                // the low W bits of the modular sum, sign-extended for a signed accumulator
                exact = narrow ? (acc.isSigned() ? (acc.width() == 32 ? "as_int(" + a + ")" :
                    "l1_wrap_signed32(" + a + ", " + acc.width() + ")") :
                    "l1_wrap_unsigned32(" + a + ", " + acc.width() + ")") :
                    (acc.isSigned() ? (acc.width() == 64 ? "as_long(" + a + ")" :
                        "(as_long(" + a + " << " + (64 - acc.width()) + ") >> " + (64 - acc.width()) + ")") :
                        acc.width() == 64 ? "as_long(" + a + ")" :
                        "as_long(" + a + " & " + ulongLiteral((1L << acc.width()) - 1) + ")");
            }
            else
            {
                exact = a;
            }
            sb.append("    const ").append(valueType(d.resultType())).append(' ')
                .append(OpenClKernelSource.value(l, j)).append(" = ")
                .append(convert(exact, accExact, d.resultType())).append(";\n");
        }
    }

    /** {@code accum_t(x * w)} as a long expression: the exact product (up to 128 bits) converted. */
    static String product(
        final String x,
        final FixedPointType in,
        final long weight,
        final FixedPointType wt,
        final ExactType product,
        final FixedPointType acc,
        final int productMagnitude)
    {
        if (productMagnitude <= 62)
        {
            return convert("(long)" + x + " * " + longLiteral(weight), product, acc);
        }
        return convertWide(productHigh(x, in, weight, wt), "(as_ulong((long)" + x + ") * " + ulongLiteral(weight) + ")",
            product, acc);
    }

    /** The statement {@code a = accum_t(a + term)}, the sum exact (up to 65 bits); {@code t} names a temporary. */
    static void appendSum(
        final StringBuilder sb, final String a, final String term, final FixedPointType acc, final String t)
    {
        final ExactType accExact = ExactType.of(acc);
        final ExactType sum = accExact.plus(accExact);
        if (sum.width() <= 62)
        {
            sb.append("    ").append(a).append(" = ").append(convert(a + " + " + term, sum, acc)).append(";\n");
        }
        else
        {
            // A 64-bit unsigned accumulator's sum is unsigned: its high word is the carry.
            final String sumHigh = acc.isUnsigned64() ?
                "(ulong)(as_ulong(" + a + ") + as_ulong(" + t + ") < as_ulong(" + a + "))" :
                "l1x_add_hi(" + a + ", " + t + ")";
            sb.append("    {\n        const long ").append(t).append(" = ").append(term).append(";\n")
                .append("        ").append(a).append(" = ").append(convertWide(sumHigh,
                    "(as_ulong(" + a + ") + as_ulong(" + t + "))", sum, acc)).append(";\n    }\n");
        }
    }

    /**
     * floor(x*w / 2^s) modulo 2^32 as a uint expression, or null when it is always 0 modulo 2^32 (a left shift
     * of 32 or more). An int product suffices when the bits kept, [s, s + W_acc), lie below bit 32.
     */
    private static String narrowWrappingTerm(
        final String x, final long weight, final int s, final int accWidth, final int productMagnitude)
    {
        if (s <= 0)
        {
            if (-s >= 32)
            {
                return null;
            }
            final String product = "as_uint((int)" + x + ") * " + uintLiteral((int)weight);
            return s == 0 ? product : "((" + product + ") << " + -s + ")";
        }
        if (s + accWidth <= 32)
        {
            return "as_uint(as_int(as_uint((int)" + x + ") * " + uintLiteral((int)weight) + ") >> " + s + ")";
        }
        if (productMagnitude <= 62)
        {
            return "(uint)(((long)" + x + " * " + longLiteral(weight) + ") >> " + Math.min(s, 63) + ")";
        }
        return "(uint)l1x_mul_shift(" + x + ", " + longLiteral(weight) + ", " + s + ")";
    }

    /** floor(x*w / 2^s) modulo 2^64 as a ulong expression, or null when always 0 (a left shift of 64 or more). */
    private static String wideWrappingTerm(final String x, final long weight, final int s, final int productMagnitude)
    {
        if (s <= 0)
        {
            if (-s >= 64)
            {
                return null;
            }
            final String product = "as_ulong((long)" + x + ") * " + ulongLiteral(weight);
            return s == 0 ? product : "((" + product + ") << " + -s + ")";
        }
        if (productMagnitude <= 62)
        {
            return "as_ulong(((long)" + x + " * " + longLiteral(weight) + ") >> " + Math.min(s, 63) + ")";
        }
        return "l1x_mul_shift(" + x + ", " + longLiteral(weight) + ", " + s + ")";
    }

    private static boolean unsigned64(final FixedPointType in, final FixedPointType weight)
    {
        return in.isUnsigned64() || weight.isUnsigned64();
    }

    /**
     * The high word of the exact 128-bit product x*w as a ulong expression; a 64-bit unsigned factor with its top
     * bit set stands for its long + 2^64, which adds the other factor to the high word.
     */
    static String productHigh(final String x, final FixedPointType in, final long weight, final FixedPointType wt)
    {
        final StringBuilder hi = new StringBuilder("l1x_mul_hi(" + x + ", " + longLiteral(weight) + ")");
        if (!in.isUnsigned64() && !(wt.isUnsigned64() && weight < 0))
        {
            return hi.toString();
        }
        hi.insert(0, '(');
        if (in.isUnsigned64())
        {
            hi.append(" + ((long)").append(x).append(" < 0L ? ").append(ulongLiteral(weight)).append(" : 0UL)");
        }
        if (wt.isUnsigned64() && weight < 0)
        {
            hi.append(" + as_ulong((long)").append(x).append(')');
        }
        return hi.append(')').toString();
    }

    /**
     * floor(x*w / 2^s) modulo 2^64 (as uint for a narrow accumulator), s &gt; 0, when a factor is 64-bit unsigned:
     * the exact 128-bit product shifted, logically when the product type is unsigned.
     */
    private static String unsignedWrappingTerm(
        final String x,
        final FixedPointType in,
        final long weight,
        final FixedPointType wt,
        final int s,
        final boolean productSigned,
        final boolean narrow)
    {
        final String term = "l1x_shift_lo(" + productHigh(x, in, weight, wt) + ", as_ulong((long)" + x + ") * " +
            ulongLiteral(weight) + ", " + s + ", " + (productSigned ? 0 : 1) + ")";
        return narrow ? "(uint)" + term : term;
    }

    static int magnitudeBits(final FixedPointType t)
    {
        return t.isSigned() ? t.width() - 1 : t.width();
    }

    static String ulongLiteral(final long v)
    {
        return "0x" + Long.toHexString(v) + "UL";
    }

    static String accumulator(final int layer, final int j)
    {
        return "a" + layer + "_" + j;
    }
}
