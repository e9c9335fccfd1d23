package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.HardActivationLayer;
import io.l1infer.fpga.model.HardFunction;
import io.l1infer.fpga.model.TemplateGeneration;

/**
 * hard_sigmoid and hard_tanh. From 0.8 the sum {@code slope * x + shift} is an {@code auto} ap_fixed of ap_types'
 * exact "plus" type, so it is held exactly and only the assignment of 1 into that type can change it (it wraps when
 * the type has no room for 1). The early release ({@link TemplateGeneration#EARLY}) assigns the sum to a
 * {@code data_T}, converting it with the input type's modes first.
 */
final class HardActivationKernel implements ActivationFunction
{
    private final boolean tanh;
    private final boolean early;
    private final int size;
    private final FixedPointType input;
    private final int fin;
    private final long slope;
    private final int productF;
    private final long shiftAligned;
    private final int sumF;
    private final int productShift;
    /** The raw value 1 takes in the sum's type ({@code datareg = 1}), on the sum's grid. */
    private final long one;
    private final FixedPointType result;

    HardActivationKernel(final HardActivationLayer layer, final FixedPointType input)
    {
        ApFixedArithmetic.requireProductFits(layer.name(), layer.slopeType(), input);
        this.tanh = layer.function() == HardFunction.HARD_TANH;
        this.early = layer.generation() == TemplateGeneration.EARLY;
        this.size = layer.size();
        this.input = input;
        this.fin = input.fractionBits();
        this.result = layer.resultType();
        final FixedPointType slopeType = layer.slopeType();
        final FixedPointType shiftType = layer.shiftType();
        this.slope = slopeType.fromDouble(layer.slope());
        final long shift = shiftType.fromDouble(layer.shift());
        this.productF = slopeType.fractionBits() + fin;
        this.sumF = Math.max(productF, shiftType.fractionBits());
        if (sumF - productF > 30 || sumF - shiftType.fractionBits() > 30)
        {
            throw new IllegalArgumentException(layer.name() + ": slope, shift and input grids too far apart");
        }
        if (sumF < 0 || fin < 0)
        {
            throw new IllegalArgumentException(layer.name() + ": a hard activation on a grid coarser than 1 is not " +
                "supported");
        }
        this.productShift = sumF - productF;
        if (slopeType.width() + input.width() + productShift > 62 || shiftType.width() + sumF > 62)
        {
            throw new IllegalArgumentException(layer.name() + ": slope * x + shift needs more than 62 bits, not " +
                "supported by the activation kernels yet");
        }
        this.shiftAligned = shift << (sumF - shiftType.fractionBits());
        if (early)
        {
            one = input.convert(1, ApFixedArithmetic.C_INT);
        }
        else
        {
            // ap_types' plus type of (slope_t * data_T) and shift_t.
            final boolean productSigned = slopeType.isSigned() || input.isSigned();
            final int productI = slopeType.integerBits() + input.integerBits();
            final boolean shiftSigned = shiftType.isSigned();
            final int plusI = Math.max(productI + (shiftSigned && !productSigned ? 1 : 0),
                shiftType.integerBits() + (productSigned && !shiftSigned ? 1 : 0)) + 1;
            final boolean plusSigned = productSigned || shiftSigned;
            final int plusW = plusI + sumF;
            one = assignOne(plusW, plusI, plusSigned);
        }
    }

    /** An int 1 assigned to ap_fixed&lt;w, i, s&gt; (AP_TRN, AP_WRAP), as a raw value on its grid. */
    private static long assignOne(final int w, final int i, final boolean signed)
    {
        final int f = w - i;
        if (f < 0)
        {
            return 0;
        }
        if (w >= 63 || (signed ? i >= 2 : i >= 1))
        {
            return 1L << f;
        }
        final long raw = 1L << f;
        return signed ? (raw << (64 - w)) >> (64 - w) : raw & ((1L << w) - 1);
    }

    @Override
    public FixedPointType outputType()
    {
        return result;
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        for (int k = 0; k < size; k++)
        {
            final long x = in[k];
            long s = ((slope * x) << productShift) + shiftAligned;
            int f = sumF;
            if (early)
            {
                s = input.convert(s, sumF);
                f = fin;
            }
            if (ApFixedArithmetic.compare(s, f, 1, 0) > 0)
            {
                s = one;
            }
            else if (s < 0)
            {
                s = 0;
            }
            if (tanh)
            {
                // 2 * s - 1, exact.
                out[k] = result.convert((s << 1) - (1L << f), f);
            }
            else
            {
                // Early: res = datareg, a data_T; later the exact auto sum.
                out[k] = early ? result.convert(s, input) : result.convert(s, f);
            }
        }
    }
}
