package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.CompressedOrder;
import io.l1infer.fpga.model.DenseLayer;

import static io.l1infer.fpga.opencl.FixedPointCExpressions.convert;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.longLiteral;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.valueType;

/**
 * OpenCL C of hls4ml's {@code nnet::dense_compressed} in its order ({@link CompressedOrder}): per output
 * {@code acc = accum_t(bias)}; per reuse step with an entry for it a block {@code mult = 0},
 * {@code mult = accum_t(mult + accum_t(x * w))} over the step's entries in array order, {@code acc = accum_t(acc +
 * mult)}; then {@code res = res_T(acc)}. Each product and sum is {@link DenseC}'s exact one.
 */
final class CompressedDenseC
{
    private CompressedDenseC()
    {
    }

    static void append(final StringBuilder sb, final DenseLayer d, final int l, final FixedPointType in)
    {
        final FixedPointType acc = d.accumType();
        final ExactType product = ExactType.of(in).times(ExactType.of(d.weightType()));
        final int productMagnitude = DenseC.magnitudeBits(in) + DenseC.magnitudeBits(d.weightType());
        final CompressedOrder order = d.compressed();
        final int[] entries = order.entries();
        final int rf = order.reuseFactor();
        final int perStep = entries.length / rf;
        final long[] w = d.weights();
        final long[] b = d.biases();
        final int n = d.outputSize();
        sb.append("    /* dense_compressed order: reuse factor ").append(rf).append(", ").append(entries.length)
            .append(" entries */\n");
        for (int j = 0; j < n; j++)
        {
            final String a = DenseC.accumulator(l, j);
            sb.append("    long ").append(a).append(" = ")
                .append(longLiteral(ConversionTarget.convertRaw(acc, b[j], d.biasType()))).append(";\n");
            for (int ir = 0; ir < rf; ir++)
            {
                final StringBuilder step = new StringBuilder();
                for (int im = 0; im < perStep; im++)
                {
                    final int e = entries[im * rf + ir];
                    if (e % n != j || w[e] == 0)
                    {
                        continue; // another output's entry, or a padding zero: adding 0 changes nothing
                    }
                    final String x = OpenClKernelSource.value(l - 1, e / n);
                    DenseC.appendSum(step, "m", DenseC.product(x, in, w[e], d.weightType(), product, acc,
                        productMagnitude), acc, "t");
                }
                if (step.length() > 0)
                {
                    sb.append("    {\n    long m = 0;\n").append(step);
                    DenseC.appendSum(sb, a, "m", acc, "t");
                    sb.append("    }\n");
                }
            }
        }
        final ExactType accExact = ExactType.of(acc);
        for (int j = 0; j < n; j++)
        {
            sb.append("    const ").append(valueType(d.resultType())).append(' ')
                .append(OpenClKernelSource.value(l, j)).append(" = ")
                .append(convert(DenseC.accumulator(l, j), accExact, d.resultType())).append(";\n");
        }
    }
}
