package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml 1.x's {@code unary_lut} (HGQ's lookup-table activation): {@code res_T(table[(unsigned)x(W-1, 0)])}, the
 * input's raw bit pattern as the index into a {@code table_t} weight array of {@code table_size} entries.
 *
 * <p>From the project: the call {@code nnet::unary_lut<input_t, result_t, config>(in, out, tableN)} names the table
 * array; {@code tableType} is its declared type ({@code table_t}), {@code table} its raw values.
 */
public record UnaryLutLayer(
    String name,
    int size,
    FixedPointType tableType,
    long[] table,
    FixedPointType resultType) implements ElementwiseLayer
{
    public UnaryLutLayer
    {
        Activations.requireSize(name, size);
        for (final long t : table)
        {
            if (!tableType.containsRaw(t))
            {
                throw new IllegalArgumentException(name + ": table raw value " + t + " is not a " + tableType);
            }
        }
        table = table.clone();
    }

    @Override
    public long[] table()
    {
        return table.clone();
    }

    @Override
    public String kind()
    {
        return "unary_lut";
    }

    /**
     * The table converted to {@code res_T}, indexed by the input's raw bits; refused when the table has fewer
     * entries than the input has bit patterns (the C++ would read past it).
     */
    public long[] resultTable(final FixedPointType input)
    {
        if (input.width() > 24 || table.length < (1 << input.width()))
        {
            throw new IllegalArgumentException("unary_lut '" + name + "': " + table.length + " table entries for " +
                "the " + input.width() + "-bit input " + input + ", whose raw bits index it (supported: table_size " +
                ">= 2^W, W <= 24)");
        }
        final long[] r = new long[1 << input.width()];
        for (int i = 0; i < r.length; i++)
        {
            r[i] = resultType.convert(table[i], tableType);
        }
        return r;
    }
}
