package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;

import java.math.BigInteger;

import static io.l1infer.fpga.opencl.FixedPointCExpressions.convert;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.convertWide;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.longLiteral;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.valueType;

/**
 * OpenCL C of hls4ml's {@code normalize}: {@code res_T(x * scale + bias)}, the product and the sum exact (their C++
 * types {@code mult} and {@code plus}), one conversion. Sums of up to 62 bits are computed in {@code long}, wider
 * ones (up to 128 bits) as two words.
 */
final class BatchNormC
{
    private BatchNormC()
    {
    }

    static void append(final StringBuilder sb, final BatchNormLayer bn, final int l, final FixedPointType in)
    {
        final ExactType product = ExactType.of(in).times(ExactType.of(bn.scaleType()));
        final ExactType biasType = ExactType.of(bn.biasType());
        final ExactType sum = product.plus(biasType);
        if (sum.width() > ExactType.MAX_WIDTH)
        {
            throw new IllegalArgumentException("layer '" + bn.name() + "': exact x*scale+bias is a " + sum +
                ", wider than the " + ExactType.MAX_WIDTH + " bits the OpenCL kernel holds");
        }
        final int common = sum.fractionBits();
        final int productShift = common - product.fractionBits();
        final int biasShift = common - biasType.fractionBits();
        final long[] scales = bn.scales();
        final long[] biases = bn.biases();
        for (int k = 0; k < bn.size(); k++)
        {
            final String x = OpenClKernelSource.value(l - 1, k);
            final String v = OpenClKernelSource.value(l, k);
            final String target = "    const " + valueType(bn.resultType()) + " " + v + " = ";
            final BigInteger bias = bn.biasType().rawValue(biases[k]).shiftLeft(biasShift);
            if (sum.width() <= 62)
            {
                // the sum type's width bounds both shifted terms and the sum: all exact in a long
                final long scale = scales[k] << productShift;
                sb.append(target).append(convert("(long)" + x + " * " + longLiteral(scale) + " + " +
                    longLiteral(bias.longValueExact()), sum, bn.resultType())).append(";\n");
                continue;
            }
            final String p = "p" + l + "_" + k;
            sb.append("    const ulong ").append(p).append("h0 = ")
                .append(DenseC.productHigh(x, in, scales[k], bn.scaleType())).append(";\n");
            sb.append("    const ulong ").append(p).append("l0 = as_ulong((long)").append(x).append(") * ")
                .append(DenseC.ulongLiteral(scales[k])).append(";\n");
            String hi = p + "h0";
            String lo = p + "l0";
            if (productShift > 0)
            {
                sb.append("    const ulong ").append(p).append("h1 = l1x_shl_hi(").append(hi).append(", ").append(lo)
                    .append(", ").append(productShift).append(");\n");
                sb.append("    const ulong ").append(p).append("l1 = l1x_shl_lo(").append(lo).append(", ")
                    .append(productShift).append(");\n");
                hi = p + "h1";
                lo = p + "l1";
            }
            sb.append("    const ulong ").append(p).append("l2 = ").append(lo).append(" + ")
                .append(ExactConversionC.ulongLiteral(bias)).append(";\n");
            sb.append("    const ulong ").append(p).append("h2 = ").append(hi).append(" + ")
                .append(ExactConversionC.ulongLiteral(bias.shiftRight(64))).append(" + (ulong)(").append(p)
                .append("l2 < ").append(lo).append(");\n");
            sb.append(target).append(convertWide(p + "h2", p + "l2", sum, bn.resultType())).append(";\n");
        }
    }
}
