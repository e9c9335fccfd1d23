package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.LookupFunction;

/**
 * The CPU engine's activation tables and helper arithmetic for other engines (the OpenCL kernel generator), so
 * both compute from one definition of each table ({@link ActivationTables}) and of each index rule
 * ({@link ApFixedArithmetic}). Each method repeats its package-private target's signature on purpose: the engine's
 * internals stay package-private and this is the one public door to them.
 */
public final class ActivationTableValues
{
    private ActivationTableValues()
    {
    }

    /** sigmoid, tanh, softplus, softsign: raw {@code table_t} values. */
    public static long[] lookup(final LookupFunction function, final FixedPointType tableType, final int n)
    {
        return ActivationTables.lookup(function, tableType, n);
    }

    public static long[] elu(final FixedPointType tableType, final int n)
    {
        return ActivationTables.elu(tableType, n);
    }

    public static long[] selu(final FixedPointType tableType, final int n)
    {
        return ActivationTables.selu(tableType, n);
    }

    public static long[] legacyExp(final FixedPointType tableType, final int n)
    {
        return ActivationTables.legacyExp(tableType, n);
    }

    public static long[] legacyInvert(final FixedPointType tableType, final int n)
    {
        return ActivationTables.legacyInvert(tableType, n);
    }

    public static long[] softmaxExp(
        final FixedPointType indexType,
        final int n,
        final FixedPointType tableType,
        final float expScale,
        final boolean scaled,
        final boolean negative)
    {
        return ActivationTables.softmaxExp(indexType, n, tableType, expScale, scaled, negative);
    }

    public static long[] softmaxInvert(final FixedPointType indexType, final int n, final FixedPointType tableType)
    {
        return ActivationTables.softmaxInvert(indexType, n, tableType);
    }

    /** C's {@code unsigned} arithmetic of {@code a * n / d} for table-size constants. */
    public static long unsignedConstant(final long a, final long tableSize, final long d)
    {
        return ApFixedArithmetic.unsignedConstant(a, tableSize, d);
    }

    /** hls4ml's {@code ceillog2}. */
    public static int ceilLog2(final int x)
    {
        return ApFixedArithmetic.ceilLog2(x);
    }

    /** A C float or double assigned to an ap_fixed (infinities included). */
    public static long fromDouble(final FixedPointType type, final double value)
    {
        return ApFixedArithmetic.fromDouble(type, value);
    }
}
