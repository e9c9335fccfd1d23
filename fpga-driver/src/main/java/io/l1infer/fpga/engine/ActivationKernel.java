package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

import static io.l1infer.fpga.engine.LayerKernel.TILE;

/** hls4ml's ReLU ({@code x > 0 ? convert(x) : 0}) or linear activation ({@code convert(x)}) over a tile. */
final class ActivationKernel implements LayerKernel
{
    private final int size;
    private final boolean relu;
    private final RawConversion toResult;

    ActivationKernel(final int size, final boolean relu, final FixedPointType inputType, final FixedPointType result)
    {
        this.size = size;
        this.relu = relu;
        this.toResult = RawConversion.of(inputType.fractionBits(), result);
    }

    @Override
    public void run(final int[] in, final int[] out, final int n, final KernelScratch scratch)
    {
        final int total = size * TILE;
        if (toResult.shiftAndWrap && toResult.signed && toResult.shift <= 0)
        {
            // The usual hls4ml case (e.g. ap_fixed<16,6> into ap_fixed<17,2>): a left shift and a sign-extend.
            final int s = -toResult.shift;
            final int w = toResult.wrapShift;
            for (int k = 0; k < total; k += TILE)
            {
                for (int b = k, end = k + n; b < end; b++)
                {
                    final int x = in[b];
                    final int y = ((x << s) << w) >> w;
                    out[b] = relu && x <= 0 ? 0 : y;
                }
            }
            return;
        }
        for (int k = 0; k < total; k += TILE)
        {
            for (int b = k, end = k + n; b < end; b++)
            {
                final int x = in[b];
                if (relu && x <= 0)
                {
                    out[b] = 0;
                }
                else
                {
                    out[b] = toResult.shiftAndWrap ? toResult.applyShiftAndWrap(x) : toResult.applyExact(x);
                }
            }
        }
    }
}
