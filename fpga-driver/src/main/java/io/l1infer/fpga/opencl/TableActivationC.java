package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.ActivationTables;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.EluLayer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.LookupFunction;
import io.l1infer.fpga.model.SeluLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import io.l1infer.fpga.model.UnaryLutLayer;

import static io.l1infer.fpga.opencl.FixedPointCExpressions.convert;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.longLiteral;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.valueType;

/**
 * OpenCL C of hls4ml's table activations sigmoid, tanh, softplus, softsign, elu and selu, as the CPU kernels compute
 * them: the tables come from the CPU engine's builders ({@link ActivationTables}), already converted to
 * {@code res_T} as each kernel converts its entries, and sit in {@code __constant} arrays; the index is
 * {@code int(x * table_size / d)} (d = 16, 8 or -8, a power of two up to sign) truncated toward zero and kept to
 * 32 bits, then the C int/unsigned clamps of each function.
 */
final class TableActivationC
{
    private TableActivationC()
    {
    }

    static void lookup(
        final KernelText k, final LookupActivationLayer a, final int l, final FixedPointType in)
    {
        final int n = a.table().size();
        final int divisor = a.function() == LookupFunction.TANH ? 8 : 16;
        final long offset = a.table().scaledSize(divisor / 2, divisor);
        final long[] table = ActivationTables.lookup(a.function(), a.table());
        final long[] converted = new long[n];
        for (int i = 0; i < n; i++)
        {
            converted[i] = a.resultType().convert(table[i], a.table().type().fractionBits());
        }
        final String t = k.table("t" + l, converted);
        for (int e = 0; e < a.size(); e++)
        {
            final String x = OpenClKernelSource.value(l - 1, e);
            final String idx = "i" + l + "_" + e;
            k.body.append("    int ").append(idx).append(" = as_int(as_uint(")
                .append(scaledQuotient(x, in, n, Integer.numberOfTrailingZeros(divisor), false)).append(") + ")
                .append(offset & 0xFFFFFFFFL).append("u);\n");
            k.body.append("    ").append(idx).append(" = ").append(idx).append(" < 0 ? 0 : (").append(idx)
                .append(" > ").append(n - 1).append(" ? ").append(n - 1).append(" : ").append(idx).append(");\n");
            k.body.append("    const ").append(valueType(a.resultType())).append(' ')
                .append(OpenClKernelSource.value(l, e)).append(" = (").append(valueType(a.resultType())).append(')')
                .append(t).append('[').append(idx).append("];\n");
        }
    }

    /** unary_lut: the input's raw bits (masked to W, as unsigned) index the table converted to res_T. */
    static void unaryLut(final KernelText k, final UnaryLutLayer a, final int l, final FixedPointType in)
    {
        final String t = k.table("t" + l, a.resultTable(in));
        final long mask = (1L << in.width()) - 1;
        for (int e = 0; e < a.size(); e++)
        {
            k.body.append("    const ").append(valueType(a.resultType())).append(' ')
                .append(OpenClKernelSource.value(l, e)).append(" = (").append(valueType(a.resultType())).append(')')
                .append(t).append("[(int)((long)(").append(OpenClKernelSource.value(l - 1, e)).append(") & ")
                .append(mask).append("L)];\n");
        }
    }

    static void elu(final KernelText k, final EluLayer a, final int l, final FixedPointType in)
    {
        final long alpha = a.alphaType().fromDouble(a.alpha());
        final long[] table = ActivationTables.elu(a.table());
        final long[] converted = new long[table.length];
        final int f = a.alphaType().fractionBits() + a.table().type().fractionBits();
        for (int i = 0; i < table.length; i++)
        {
            converted[i] = a.resultType().convert(Math.multiplyExact(alpha, table[i]), f);
        }
        negativeTable(k, a.size(), a.table().size(), false, k.table("t" + l, converted), l, in, a.resultType(),
            null, 0);
    }

    /** 1.x: lambda as ap_ufixed<16,1>(1.0507009873554805); before: res_T(1.0507...) (as ExpTableKernel). */
    static void selu(final KernelText k, final SeluLayer a, final int l, final FixedPointType in)
    {
        final boolean v1 = a.generation() == TemplateGeneration.V1;
        final FixedPointType lambdaType = v1 ?
            FixedPointType.of(false, 16, 1, Quantization.AP_TRN, Overflow.AP_WRAP) : a.resultType();
        final long lambda = lambdaType.fromDouble(v1 ? 1.0507009873554805 : 1.0507009873554804934193349852946);
        final long[] table = ActivationTables.selu(a.table());
        final long[] converted = new long[table.length];
        for (int i = 0; i < table.length; i++)
        {
            converted[i] = a.resultType().convert(table[i], a.table().type().fractionBits());
        }
        negativeTable(k, a.size(), a.table().size(), v1, k.table("t" + l, converted), l, in, a.resultType(),
            lambdaType, lambda);
    }

    /**
     * x &gt;= 0: res_T(x), or res_T(lambda * x) for selu; x &lt; 0: the entry at int(x * N / -8), which C compares
     * as unsigned with N - 1 (a negative index clamps high) unless 1.x's selu clamps it to 0 first.
     */
    private static void negativeTable(
        final KernelText k,
        final int size,
        final int n,
        final boolean clampNegative,
        final String table,
        final int l,
        final FixedPointType in,
        final FixedPointType result,
        final FixedPointType lambdaType,
        final long lambda)
    {
        for (int e = 0; e < size; e++)
        {
            final String x = OpenClKernelSource.value(l - 1, e);
            final String idx = "i" + l + "_" + e;
            k.body.append("    int ").append(idx).append(" = ").append(scaledQuotient(x, in, n, 3, true))
                .append(";\n");
            if (clampNegative)
            {
                k.body.append("    ").append(idx).append(" = ").append(idx).append(" < 0 ? 0 : (").append(idx)
                    .append(" > ").append(n - 1).append(" ? ").append(n - 1).append(" : ").append(idx).append(");\n");
            }
            else
            {
                k.body.append("    ").append(idx).append(" = as_uint(").append(idx).append(") > ").append(n - 1)
                    .append("u ? ").append(n - 1).append(" : ").append(idx).append(";\n");
            }
            final String positive;
            if (lambdaType == null)
            {
                positive = convert(x, ExactType.of(in), result);
            }
            else
            {
                if (DenseC.magnitudeBits(lambdaType) + DenseC.magnitudeBits(in) > 62)
                {
                    throw new IllegalArgumentException("selu product of " + lambdaType + " and " + in +
                        " is wider than 62 bits, not generated for OpenCL");
                }
                positive = convert("(long)" + x + " * " + longLiteral(lambda),
                    new ExactType(true, 128, lambdaType.fractionBits() + in.fractionBits()), result);
            }
            k.body.append("    const ").append(valueType(result)).append(' ').append(OpenClKernelSource.value(l, e))
                .append(" = ").append(x).append(" >= 0 ? ").append(positive).append(" : (").append(valueType(result))
                .append(')').append(table).append('[').append(idx).append("];\n");
        }
    }

    /**
     * {@code int(x * n / (+-2^log2d))} for x of type {@code in}: ap_types' exact product, its division truncating
     * toward zero on the raw values (keeping x's fraction bits f, or none when f &lt; 0, where the quotient is scaled
     * by 2^-f afterwards), the int conversion toward zero, low 32 bits. An int expression.
     */
    static String scaledQuotient(
        final String x, final FixedPointType in, final int n, final int log2d, final boolean negativeDivisor)
    {
        return scaledQuotient(x, in.fractionBits(), DenseC.magnitudeBits(in), n, log2d, negativeDivisor);
    }

    /** The same for an exact value x with f fraction bits and |x| &lt; 2^magnitude. */
    static String scaledQuotient(
        final String x, final int f, final int magnitude, final int n, final int log2d, final boolean negativeDivisor)
    {
        final int k = log2d + Math.max(f, 0);
        final ExactType exact = new ExactType(true, 128, k);
        final ConversionTarget int32 = ConversionTarget.apInt(true, 32);
        final String q;
        if (magnitude + 31 <= 62)
        {
            q = "(int)" + ExactConversionC.convertLong("(long)" + x + " * " + n + "L", exact, int32);
        }
        else
        {
            q = "(int)" + ExactConversionC.convert("l1x_mul_hi(" + x + ", " + n + "L)",
                "(as_ulong((long)" + x + ") * " + n + "UL)", exact, int32);
        }
        String r = negativeDivisor ? "as_int(0u - as_uint(" + q + "))" : q;
        if (f < 0)
        {
            r = -f >= 32 ? "0" : "as_int(as_uint(" + r + ") << " + -f + ")";
        }
        return r;
    }
}
