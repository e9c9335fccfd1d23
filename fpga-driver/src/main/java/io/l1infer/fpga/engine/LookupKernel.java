package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.LookupFunction;

/**
 * sigmoid, tanh, softplus, softsign: {@code index = int(x * table_size / R) + R/2 * table_size / R} (R = 16, tanh
 * 8) in ap_fixed and C int/unsigned arithmetic ({@link ApFixedArithmetic#intOfScaledQuotient}), clamped to the
 * table, the entry converted to {@code res_T}. Same in every template generation.
 */
final class LookupKernel extends ElementwiseKernel implements ActivationFunction
{
    private final int tableSize;
    private final long divisor;
    private final int offset;
    private final int fin;
    private final long[] table;
    private final FixedPointType tableType;

    LookupKernel(
        final LookupFunction function,
        final int size,
        final ActivationTable table,
        final FixedPointType input,
        final FixedPointType result)
    {
        super(size, result);
        this.tableSize = table.size();
        this.divisor = function == LookupFunction.TANH ? 8 : 16;
        this.offset = (int)table.scaledSize(divisor / 2, divisor);
        this.fin = input.fractionBits();
        this.table = ActivationTables.lookup(function, table);
        this.tableType = table.type();
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        for (int i = 0; i < size; i++)
        {
            out[i] = result.convert(table[index(in[i])], tableType);
        }
    }

    private int index(final long x)
    {
        final int round = ApFixedArithmetic.intOfScaledQuotientFast(x, fin, tableSize, divisor);
        int index = round + offset;
        if (index < 0)
        {
            index = 0;
        }
        // C compares int with unsigned: index is non-negative here, so a plain comparison.
        if (index > tableSize - 1)
        {
            index = tableSize - 1;
        }
        return index;
    }
}
