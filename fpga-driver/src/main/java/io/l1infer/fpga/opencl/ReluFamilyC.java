package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.PReluLayer;
import io.l1infer.fpga.model.ParametrizedRelu;
import io.l1infer.fpga.model.ParametrizedReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SignActivationLayer;

import java.math.BigInteger;

import static io.l1infer.fpga.opencl.FixedPointCExpressions.convert;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.convertWide;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.longLiteral;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.valueType;

/**
 * OpenCL C of hls4ml's relu_max (relu6, relu1), leaky_relu, thresholded_relu and prelu: each output is one
 * conversion to {@code res_T} of x, of the exact product alpha * x ({@code mult} type), of the C int MAX_INT or of
 * 0. Comparisons with a constant are exact: x > c on x's grid is x > floor(c * 2^F_x), decided at generation.
 */
final class ReluFamilyC
{
    /** The C++ type of an {@code int} constant in ap_fixed arithmetic ({@code ap_int<32>}). */
    private static final ExactType C_INT = new ExactType(true, 32, 0);

    private ReluFamilyC()
    {
    }

    static void reluMax(final StringBuilder sb, final ReluMaxLayer r, final int l, final FixedPointType in)
    {
        final String max = convert(Integer.toString(r.maxInt()), C_INT, r.resultType());
        final String zero = convert("0", C_INT, r.resultType());
        final String above = greaterThan(in, BigInteger.valueOf(r.maxInt()), 0);
        for (int k = 0; k < r.size(); k++)
        {
            final String x = OpenClKernelSource.value(l - 1, k);
            sb.append(declare(r.resultType(), l, k)).append(x).append(" < 0 ? ").append(zero).append(" : (")
                .append(above.replace("X", x)).append(" ? ").append(max).append(" : ")
                .append(convert(x, ExactType.of(in), r.resultType())).append(");\n");
        }
    }

    static void parametrized(final StringBuilder sb, final ParametrizedReluLayer r, final int l,
        final FixedPointType in)
    {
        if (r.function() == ParametrizedRelu.LEAKY_RELU)
        {
            leaky(sb, r, l, in);
        }
        else
        {
            thresholded(sb, r, l, in);
        }
    }

    private static void leaky(final StringBuilder sb, final ParametrizedReluLayer r, final int l,
        final FixedPointType in)
    {
        final long alpha = r.parameterType().fromDouble(r.parameter());
        for (int k = 0; k < r.size(); k++)
        {
            negativeSlope(sb, r.resultType(), l, k, in, r.parameterType(), alpha);
        }
    }

    static void prelu(final StringBuilder sb, final PReluLayer r, final int l, final FixedPointType in)
    {
        final long[] alphas = r.alphas();
        for (int k = 0; k < r.size(); k++)
        {
            negativeSlope(sb, r.resultType(), l, k, in, r.alphaType(), alphas[k]);
        }
    }

    private static void thresholded(final StringBuilder sb, final ParametrizedReluLayer r, final int l,
        final FixedPointType in)
    {
        final FixedPointType thetaType = r.parameterType();
        final String above = greaterThan(in, BigInteger.valueOf(thetaType.fromDouble(r.parameter())),
            thetaType.fractionBits());
        final String zero = convert("0", C_INT, r.resultType());
        for (int k = 0; k < r.size(); k++)
        {
            final String x = OpenClKernelSource.value(l - 1, k);
            sb.append(declare(r.resultType(), l, k)).append(above.replace("X", x)).append(" ? ")
                .append(convert(x, ExactType.of(in), r.resultType())).append(" : ").append(zero).append(";\n");
        }
    }

    /**
     * binary_tanh and ternary_tanh: the layer's three result constants, chosen by comparisons of x (ternary: of
     * {@code data_T(2 * x)}, converted from ap_types' {@code int * ap_fixed} type, in 128 bits).
     */
    static void sign(final StringBuilder sb, final SignActivationLayer r, final int l, final FixedPointType in)
    {
        final long[] c = r.results();
        final String plus = longLiteral(c[0]);
        final String zero = longLiteral(c[1]);
        final String minus = longLiteral(c[2]);
        final String cast = "(" + valueType(r.resultType()) + ")";
        for (int k = 0; k < r.size(); k++)
        {
            final String x = OpenClKernelSource.value(l - 1, k);
            if (!r.ternary())
            {
                sb.append(declare(r.resultType(), l, k)).append(cast).append('(').append(x)
                    .append(r.zeroIsPositive() ? " >= 0" : " > 0").append(" ? ").append(plus).append(" : ")
                    .append(minus).append(");\n");
                continue;
            }
            final String d = "d" + l + "_" + k;
            sb.append("    const ").append(valueType(in)).append(' ').append(d).append(" = ")
                .append(convertWide("(ulong)((long)(" + x + ") >> 63)", "((ulong)(long)(" + x + ") << 1)",
                    C_INT.times(ExactType.of(in)), in)).append(";\n");
            sb.append(declare(r.resultType(), l, k)).append(cast).append('(')
                .append(greaterThan(in, BigInteger.ONE, 0).replace("X", d)).append(" ? ").append(plus).append(" : (")
                .append(greaterThan(in, BigInteger.ONE.negate(), 0).replace("X", d)).append(" ? ").append(zero)
                .append(" : ").append(minus).append("));\n");
        }
    }

    /** {@code x > 0 ? res_T(x) : res_T(alpha * x)}, the product exact. */
    private static void negativeSlope(
        final StringBuilder sb,
        final FixedPointType result,
        final int l,
        final int k,
        final FixedPointType in,
        final FixedPointType alphaType,
        final long alpha)
    {
        final ExactType product = ExactType.of(alphaType).times(ExactType.of(in));
        if (DenseC.magnitudeBits(alphaType) + DenseC.magnitudeBits(in) > 62)
        {
            throw new IllegalArgumentException("activation product of " + alphaType + " and " + in +
                " is wider than 62 bits, not generated for OpenCL");
        }
        final String x = OpenClKernelSource.value(l - 1, k);
        sb.append(declare(result, l, k)).append(x).append(" > 0 ? ")
            .append(convert(x, ExactType.of(in), result)).append(" : ")
            .append(convert("(long)" + x + " * " + longLiteral(alpha), product, result)).append(";\n");
    }

    /**
     * A C condition on "X" (the raw input): the value of X exceeds c * 2^-fc. On X's integer grid that is
     * X > floor(c * 2^(F_x - fc)); a bound outside the type's range makes it constant.
     */
    static String greaterThan(final FixedPointType in, final BigInteger c, final int fc)
    {
        final int shift = in.fractionBits() - fc;
        final BigInteger bound = shift >= 0 ? c.shiftLeft(shift) : c.shiftRight(-shift);
        if (bound.compareTo(BigInteger.valueOf(in.maxRaw())) >= 0)
        {
            return "0";
        }
        if (bound.compareTo(BigInteger.valueOf(in.minRaw())) < 0)
        {
            return "1";
        }
        return "(X > " + longLiteral(bound.longValueExact()) + ")";
    }

    private static String declare(final FixedPointType result, final int l, final int k)
    {
        return "    const " + valueType(result) + " " + OpenClKernelSource.value(l, k) + " = ";
    }
}
