package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/** hls4ml's ReLU ({@code data > 0 ? (res_T)data : 0}) or linear activation ({@code (res_T)data}), any types. */
final class WideActivationKernel extends ElementwiseKernel
{
    private final boolean relu;
    private final FixedPointType input;

    WideActivationKernel(
        final String name, final int size, final boolean relu, final FixedPointType input, final FixedPointType result)
    {
        super(size, result);
        result.checkConvertibleFrom(input.integerBits(), "layer '" + name + "'");
        this.relu = relu;
        this.input = input;
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        final FixedPointType from = input;
        final FixedPointType to = result;
        for (int k = 0; k < size; k++)
        {
            final long x = in[k];
            // an unsigned x is never negative (a 64-bit one may have its top bit set)
            out[k] = relu && (from.isSigned() ? x <= 0 : x == 0) ? 0 : to.convert(x, from);
        }
    }
}
