package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.SignActivationLayer;

/**
 * binary_tanh and ternary_tanh: comparisons of x (ternary: of {@code data_T(2 * x)}, the exact double converted
 * with data_T's own modes from ap_types' {@code int * ap_fixed} type, 32 integer bits more) pick one of the
 * layer's three precomputed result constants.
 */
final class SignKernel implements ActivationFunction
{
    private final SignActivationLayer layer;
    private final FixedPointType input;
    private final int fin;
    private final long plus;
    private final long zero;
    private final long minus;

    SignKernel(final SignActivationLayer layer, final FixedPointType input)
    {
        this.layer = layer;
        this.input = input;
        this.fin = input.fractionBits();
        final long[] r = layer.results();
        this.plus = r[0];
        this.zero = r[1];
        this.minus = r[2];
    }

    @Override
    public FixedPointType outputType()
    {
        return layer.resultType();
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        final int size = layer.size();
        if (!layer.ternary())
        {
            final boolean zeroPositive = layer.zeroIsPositive();
            for (int i = 0; i < size; i++)
            {
                out[i] = in[i] > 0 || zeroPositive && in[i] == 0 ? plus : minus;
            }
            return;
        }
        for (int i = 0; i < size; i++)
        {
            final long x = in[i];
            final long d = input.convertWide(x >> 63, x << 1, fin, input.integerBits() + 32, true);
            out[i] = ApFixedArithmetic.compare(d, fin, 1, 0) > 0 ? plus :
                ApFixedArithmetic.compare(d, fin, -1, 0) > 0 ? zero : minus;
        }
    }
}
