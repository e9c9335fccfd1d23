package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.TemplateGeneration;

/**
 * elu and selu: x &gt;= 0 gives {@code res_T(x)} (elu) or lambda * x (selu: {@code res_T(1.0507...)} before 1.x,
 * {@code ap_ufixed<16,1>(1.0507009873554805)} in 1.x); x &lt; 0 reads the table at
 * {@code min(int(x * table_size / -8), table_size - 1)}, times alpha (elu) before the conversion.
 */
final class ExpTableKernel extends ElementwiseKernel implements ActivationFunction
{
    /** 1.x's {@code typedef ap_ufixed<16, 1> selu_const_t}. */
    private static final FixedPointType SELU_CONST_T = FixedPointType.parse("ap_ufixed<16,1>");

    private final boolean selu;
    private final boolean clampNegative;
    private final int tableSize;
    private final int fin;
    private final long[] table;
    private final int tableF;
    private final FixedPointType tableType;
    private final FixedPointType input;
    /** elu: alpha raw; selu: lambda raw. */
    private final long factor;
    private final int factorF;

    private ExpTableKernel(
        final boolean selu, final boolean clampNegative, final int size, final FixedPointType input,
        final ActivationTable table, final long[] values, final double constant, final FixedPointType constantType,
        final FixedPointType result)
    {
        super(size, result);
        this.selu = selu;
        this.clampNegative = clampNegative;
        this.tableSize = table.size();
        this.fin = input.fractionBits();
        this.table = values;
        this.tableF = table.type().fractionBits();
        this.tableType = table.type();
        this.input = input;
        this.factor = constantType.fromDouble(constant);
        this.factorF = constantType.fractionBits();
    }

    static ExpTableKernel elu(
        final String name, final int size, final double alpha, final FixedPointType alphaType,
        final ActivationTable table, final FixedPointType input, final FixedPointType result)
    {
        ApFixedArithmetic.requireProductFits(name, alphaType, table.type());
        return new ExpTableKernel(false, false, size, input, table, ActivationTables.elu(table), alpha, alphaType,
            result);
    }

    static ExpTableKernel selu(
        final String name, final int size, final ActivationTable table, final TemplateGeneration generation,
        final FixedPointType input, final FixedPointType result)
    {
        final FixedPointType lambdaType = generation == TemplateGeneration.V1 ? SELU_CONST_T : result;
        ApFixedArithmetic.requireProductFits(name, lambdaType, input);
        final double lambda = generation == TemplateGeneration.V1 ? 1.0507009873554805 :
            1.0507009873554804934193349852946;
        return new ExpTableKernel(true, generation == TemplateGeneration.V1, size, input, table,
            ActivationTables.selu(table), lambda, lambdaType, result);
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        for (int i = 0; i < size; i++)
        {
            final long x = in[i];
            if (x >= 0)
            {
                out[i] = selu ? result.convert(factor * x, factorF + fin) : result.convert(x, input);
            }
            else
            {
                int index = ApFixedArithmetic.intOfScaledQuotientFast(x, fin, tableSize, -8);
                // C compares the int with unsigned table_size - 1, so a (wrapped) negative index clamps high,
                // except in 1.x's selu, which clamps it to 0 first.
                if (clampNegative && index < 0)
                {
                    index = 0;
                }
                else if (Integer.compareUnsigned(index, tableSize - 1) > 0)
                {
                    index = tableSize - 1;
                }
                out[i] = selu ? result.convert(table[index], tableType) :
                    result.convert(factor * table[index], factorF + tableF);
            }
        }
    }
}
