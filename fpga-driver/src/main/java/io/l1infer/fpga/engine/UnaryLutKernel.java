package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.UnaryLutLayer;

/** unary_lut: the input's raw bits (W of them, as unsigned) index the table, already converted to res_T at load. */
final class UnaryLutKernel implements ActivationFunction
{
    private final int size;
    private final long mask;
    private final long[] table;
    private final FixedPointType result;

    UnaryLutKernel(final UnaryLutLayer layer, final FixedPointType input)
    {
        this.size = layer.size();
        this.table = layer.resultTable(input);
        this.mask = (1L << input.width()) - 1;
        this.result = layer.resultType();
    }

    @Override
    public FixedPointType outputType()
    {
        return result;
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        for (int i = 0; i < size; i++)
        {
            out[i] = table[(int)(in[i] & mask)];
        }
    }
}
