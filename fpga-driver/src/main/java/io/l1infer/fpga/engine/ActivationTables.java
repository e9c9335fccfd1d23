package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.LookupFunction;

/**
 * The lookup tables of hls4ml's {@code init_*_table} functions, built with the same float and double operations in
 * the same order (C promotes {@code float op double} to double; a {@code float} result rounds once), converted to
 * {@code table_t} as its double constructor does. Identical in all three template generations.
 */
final class ActivationTables
{
    private ActivationTables()
    {
    }

    /** {@code float in_val = 2 * R * (ii - float(N) / 2.0) / float(N)}, R = 8 (sigmoid family) or 4 (tanh). */
    static float symmetricInput(final int ii, final int n, final double range)
    {
        final double fn = (float)n;
        return (float)(2 * range * (ii - fn / 2.0) / fn);
    }

    /** {@code float in_val = -8.0 * ii / float(N)} (elu, selu). */
    static float negativeInput(final int ii, final int n)
    {
        return (float)(-8.0 * ii / (double)(float)n);
    }

    /** sigmoid, tanh, softplus, softsign tables ({@code init_sigmoid_table} etc.). */
    static long[] lookup(final LookupFunction function, final FixedPointType tableType, final int n)
    {
        final long[] table = new long[n];
        for (int ii = 0; ii < n; ii++)
        {
            final float v;
            switch (function)
            {
                case SIGMOID:
                {
                    final float x = symmetricInput(ii, n, 8.0);
                    v = (float)(1.0 / (1.0f + GlibcFloatMath.expf(-x)));
                    break;
                }
                case TANH:
                    // nnet_helpers.h includes <math.h>, so tanh(float) is tanhf.
                    v = GlibcFloatMath.tanhf(symmetricInput(ii, n, 4.0));
                    break;
                case SOFTPLUS:
                {
                    final float x = symmetricInput(ii, n, 8.0);
                    v = (float)StrictMath.log((double)GlibcFloatMath.expf(x) + 1.0);
                    break;
                }
                case SOFTSIGN:
                {
                    final float x = symmetricInput(ii, n, 8.0);
                    v = (float)(x / (Math.abs(x) + 1.0));
                    break;
                }
                default:
                    throw new IllegalStateException(function.name());
            }
            table[ii] = ApFixedArithmetic.fromDouble(tableType, v);
        }
        return table;
    }

    /** {@code init_elu_table}: exp(x) - 1 over (-8, 0]. */
    static long[] elu(final FixedPointType tableType, final int n)
    {
        final long[] table = new long[n];
        for (int ii = 0; ii < n; ii++)
        {
            final float v = (float)((double)GlibcFloatMath.expf(negativeInput(ii, n)) - 1.0);
            table[ii] = ApFixedArithmetic.fromDouble(tableType, v);
        }
        return table;
    }

    /** {@code init_selu_table}: lambda * alpha * (exp(x) - 1) over (-8, 0], the constants as C doubles. */
    static long[] selu(final FixedPointType tableType, final int n)
    {
        final long[] table = new long[n];
        for (int ii = 0; ii < n; ii++)
        {
            final float x = negativeInput(ii, n);
            final float v = (float)(1.0507009873554804934193349852946 *
                (1.6732632423543772848170429916717 * ((double)GlibcFloatMath.expf(x) - 1.0)));
            table[ii] = ApFixedArithmetic.fromDouble(tableType, v);
        }
        return table;
    }

    /** {@code init_exp_table_legacy}: exp over [-8, 8). */
    static long[] legacyExp(final FixedPointType tableType, final int n)
    {
        final long[] table = new long[n];
        for (int ii = 0; ii < n; ii++)
        {
            table[ii] = ApFixedArithmetic.fromDouble(tableType, GlibcFloatMath.expf(symmetricInput(ii, n, 8.0)));
        }
        return table;
    }

    /** {@code init_invert_table_legacy}: 1/x over [0, 64), 0 at x = 0, the division in double. */
    static long[] legacyInvert(final FixedPointType tableType, final int n)
    {
        final long[] table = new long[n];
        for (int ii = 0; ii < n; ii++)
        {
            final float x = (float)(64.0 * ii / (double)(float)n);
            table[ii] = ApFixedArithmetic.fromDouble(tableType, x > 0.0 ? 1.0 / x : 0.0);
        }
        return table;
    }

    /**
     * {@code init_exp_table}: exp of the value whose top bits are the index ({@code softmax_real_val_from_idx}),
     * times {@code exp_scale} (1.x) and negated for 1.x's stable form.
     */
    static long[] softmaxExp(
        final FixedPointType indexType,
        final int n,
        final FixedPointType tableType,
        final float expScale,
        final boolean scaled,
        final boolean negative)
    {
        final int bits = ApFixedArithmetic.ceilLog2(n);
        final long[] table = new long[n];
        for (int i = 0; i < n; i++)
        {
            float x = ApFixedArithmetic.toFloat(ApFixedArithmetic.fromTopBits(i, indexType, bits),
                indexType.fractionBits());
            if (scaled)
            {
                x = x * expScale;
            }
            if (negative)
            {
                x = -x;
            }
            table[i] = ApFixedArithmetic.fromDouble(tableType, GlibcFloatMath.expf(x));
        }
        return table;
    }

    /** {@code init_invert_table}: {@code 1 / x} in float of the value whose top bits are the index. */
    static long[] softmaxInvert(final FixedPointType indexType, final int n, final FixedPointType tableType)
    {
        final int bits = ApFixedArithmetic.ceilLog2(n);
        final long[] table = new long[n];
        for (int i = 0; i < n; i++)
        {
            final float x = ApFixedArithmetic.toFloat(ApFixedArithmetic.fromTopBits(i, indexType, bits),
                indexType.fractionBits());
            table[i] = ApFixedArithmetic.fromDouble(tableType, 1 / x);
        }
        return table;
    }
}
