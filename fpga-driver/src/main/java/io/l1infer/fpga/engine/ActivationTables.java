package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.LookupFunction;

import java.util.function.IntToDoubleFunction;

/**
 * The lookup tables of hls4ml's {@code init_*_table} functions, built with the same float and double operations in
 * the same order (C promotes {@code float op double} to double; a {@code float} result rounds once), converted to
 * {@code table_t} as its double constructor does, identical in all three template generations; public so that the
 * OpenCL kernel generator builds its {@code __constant} tables from these same definitions.
 */
public final class ActivationTables
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
    public static long[] lookup(final LookupFunction function, final ActivationTable table)
    {
        final int n = table.size();
        switch (function)
        {
            case SIGMOID:
                return build(table, ii -> (float)(1.0 / (1.0f + GlibcFloatMath.expf(-symmetricInput(ii, n, 8.0)))));
            case TANH:
                // nnet_helpers.h includes <math.h>, so tanh(float) is tanhf.
                return build(table, ii -> GlibcFloatMath.tanhf(symmetricInput(ii, n, 4.0)));
            case SOFTPLUS:
                return build(table, ii ->
                    (float)StrictMath.log((double)GlibcFloatMath.expf(symmetricInput(ii, n, 8.0)) + 1.0));
            case SOFTSIGN:
                return build(table, ii ->
                {
                    final float x = symmetricInput(ii, n, 8.0);
                    return (float)(x / (Math.abs(x) + 1.0));
                });
            default:
                throw new IllegalStateException(function.name());
        }
    }

    /** {@code init_elu_table}: exp(x) - 1 over (-8, 0]. */
    public static long[] elu(final ActivationTable table)
    {
        final int n = table.size();
        return build(table, ii -> (float)((double)GlibcFloatMath.expf(negativeInput(ii, n)) - 1.0));
    }

    /** {@code init_selu_table}: lambda * alpha * (exp(x) - 1) over (-8, 0], the constants as C doubles. */
    public static long[] selu(final ActivationTable table)
    {
        final int n = table.size();
        return build(table, ii -> (float)(1.0507009873554804934193349852946 *
            (1.6732632423543772848170429916717 * ((double)GlibcFloatMath.expf(negativeInput(ii, n)) - 1.0))));
    }

    /** {@code init_exp_table_legacy}: exp over [-8, 8). */
    public static long[] legacyExp(final ActivationTable table)
    {
        final int n = table.size();
        return build(table, ii -> GlibcFloatMath.expf(symmetricInput(ii, n, 8.0)));
    }

    /** {@code init_invert_table_legacy}: 1/x over [0, 64), 0 at x = 0, the division in double. */
    public static long[] legacyInvert(final ActivationTable table)
    {
        final int n = table.size();
        return build(table, ii ->
        {
            final float x = (float)(64.0 * ii / (double)(float)n);
            return x > 0.0 ? 1.0 / x : 0.0;
        });
    }

    /**
     * {@code init_exp_table}: exp of the value whose top bits are the index ({@code softmax_real_val_from_idx}),
     * times {@code exp_scale} (1.x) and negated for 1.x's stable form.
     */
    public static long[] softmaxExp(
        final FixedPointType indexType,
        final ActivationTable table,
        final float expScale,
        final boolean scaled,
        final boolean negative)
    {
        return build(table, i ->
        {
            float x = valueFromIndex(i, indexType, table);
            if (scaled)
            {
                x = x * expScale;
            }
            if (negative)
            {
                x = -x;
            }
            return GlibcFloatMath.expf(x);
        });
    }

    /** {@code init_invert_table}: {@code 1 / x} in float of the value whose top bits are the index. */
    public static long[] softmaxInvert(final FixedPointType indexType, final ActivationTable table)
    {
        return build(table, i -> 1 / valueFromIndex(i, indexType, table));
    }

    /** {@code softmax_real_val_from_idx}: the {@code to_float()} of the value whose top bits are i, the rest 0. */
    private static float valueFromIndex(final int i, final FixedPointType indexType, final ActivationTable table)
    {
        return ApFixedArithmetic.toFloat(ApFixedArithmetic.fromTopBits(i, indexType, table.addressBits()),
            indexType.fractionBits());
    }

    /** Each entry's value as the C++ computes it (a float or a double), assigned to {@code table_t}. */
    private static long[] build(final ActivationTable table, final IntToDoubleFunction value)
    {
        final long[] values = new long[table.size()];
        for (int ii = 0; ii < values.length; ii++)
        {
            values[ii] = ApFixedArithmetic.fromDouble(table.type(), value.applyAsDouble(ii));
        }
        return values;
    }
}
