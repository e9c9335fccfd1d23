package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's ReLU ({@code x > 0 ? convert(x) : 0}) or linear activation ({@code convert(x)}). A wrapping conversion
 * that shifts left by k (e.g. ap_fixed&lt;16,6&gt; into ap_fixed&lt;17,2&gt;, k = 5) leaves k zero bits, so the
 * output is held reduced: wrapped to W-k bits on the input's grid, which makes the next layer's products narrower.
 */
final class ActivationKernel implements LayerKernel
{
    final int size;
    final boolean relu;
    final RawConversion conversion;
    private final FixedPointType held;

    ActivationKernel(final int size, final boolean relu, final FixedPointType input, final FixedPointType result)
    {
        this.size = size;
        this.relu = relu;
        final RawConversion full = RawConversion.of(input.fractionBits(), result);
        final int zeros = ReducedType.trailingZeros(full);
        FixedPointType reduced = result;
        if (zeros > 0)
        {
            try
            {
                reduced = ReducedType.reduce(result, zeros);
            }
            catch (final IllegalArgumentException outsideSupportedRange)
            {
                reduced = result;
            }
        }
        this.held = reduced;
        this.conversion = RawConversion.of(input.fractionBits(), reduced);
    }

    @Override
    public FixedPointType outputType()
    {
        return held;
    }

    @Override
    public boolean hasVectorForm()
    {
        return conversion.shiftAndWrap;
    }

    @Override
    public void run(final int[] in, final int[] out)
    {
        final RawConversion c = conversion;
        if (c.shiftAndWrap)
        {
            for (int k = 0; k < size; k++)
            {
                final int x = in[k];
                out[k] = relu && x <= 0 ? 0 : c.applyShiftAndWrap(x);
            }
        }
        else
        {
            for (int k = 0; k < size; k++)
            {
                final int x = in[k];
                out[k] = relu && x <= 0 ? 0 : c.applyExact(x);
            }
        }
    }
}
