package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.HardActivationLayer;
import io.l1infer.fpga.model.HardFunction;
import io.l1infer.fpga.model.TemplateGeneration;

import static io.l1infer.fpga.opencl.FixedPointCExpressions.convert;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.longLiteral;
import static io.l1infer.fpga.opencl.FixedPointCExpressions.valueType;

/**
 * OpenCL C of hls4ml's hard_sigmoid and hard_tanh as the CPU's HardActivationKernel computes them: s = slope * x +
 * shift exact (from 0.8 an {@code auto} of the exact plus type; the early release converts it to {@code data_T}),
 * s &gt; 1 becomes the value 1 takes in that type, s &lt; 0 becomes 0, then {@code res_T(s)} or {@code res_T(2s - 1)}.
 */
final class HardActivationC
{
    private HardActivationC()
    {
    }

    static void append(final KernelText k, final HardActivationLayer h, final int l, final FixedPointType in)
    {
        final FixedPointType slopeType = h.slopeType();
        final FixedPointType shiftType = h.shiftType();
        if (slopeType.width() + in.width() > 62)
        {
            throw new IllegalArgumentException(h.name() + ": product of " + slopeType + " and " + in +
                " is wider than 62 bits, not generated for OpenCL");
        }
        final boolean early = h.generation() == TemplateGeneration.EARLY;
        final boolean tanh = h.function() == HardFunction.HARD_TANH;
        final int fin = in.fractionBits();
        final long slope = slopeType.fromDouble(h.slope());
        final long shift = shiftType.fromDouble(h.shift());
        final int productF = slopeType.fractionBits() + fin;
        final int sumF = Math.max(productF, shiftType.fractionBits());
        if (sumF - productF > 30 || sumF - shiftType.fractionBits() > 30 || sumF < 0 || fin < 0)
        {
            throw new IllegalArgumentException(h.name() + ": slope, shift and input grids not supported");
        }
        final int productShift = sumF - productF;
        final long shiftAligned = shift << (sumF - shiftType.fractionBits());
        final ExactType product = ExactType.of(slopeType).times(ExactType.of(in));
        final ExactType sumType = product.plus(ExactType.of(shiftType));
        final long one;
        final int f;
        final ExactType held;
        if (early)
        {
            one = in.convert(1, 0);
            f = fin;
            held = ExactType.of(in);
        }
        else
        {
            one = assignOne(sumType);
            f = sumF;
            held = sumType;
        }
        for (int e = 0; e < h.size(); e++)
        {
            final String x = OpenClKernelSource.value(l - 1, e);
            final String s = "s" + l + "_" + e;
            final String exact = "(((long)" + x + " * " + longLiteral(slope) + ") << " + productShift + ") + " +
                longLiteral(shiftAligned);
            k.body.append("    long ").append(s).append(" = ").append(early ? convert(exact, sumType, in) : exact)
                .append(";\n");
            // s > 1 on grid f (f >= 0): s > 2^f
            k.body.append("    ").append(s).append(" = ").append(s).append(" > ").append(longLiteral(1L << f))
                .append(" ? ").append(longLiteral(one)).append(" : (").append(s).append(" < 0 ? 0L : ").append(s)
                .append(");\n");
            final String out = tanh ? convert("(" + s + " << 1) - " + longLiteral(1L << f),
                new ExactType(true, 128, f), h.resultType()) : convert(s, held, h.resultType());
            k.body.append("    const ").append(valueType(h.resultType())).append(' ')
                .append(OpenClKernelSource.value(l, e)).append(" = ").append(out).append(";\n");
        }
    }

    /** An int 1 assigned to the exact sum type (AP_TRN, AP_WRAP), as a raw value on its grid. */
    private static long assignOne(final ExactType t)
    {
        if (t.fractionBits() < 0)
        {
            return 0;
        }
        if (t.width() > 62)
        {
            return 1L << t.fractionBits();
        }
        return FixedPointType.of(t.signed(), t.width(), t.integerBits(), Quantization.AP_TRN, Overflow.AP_WRAP)
            .convert(1, 0);
    }
}
