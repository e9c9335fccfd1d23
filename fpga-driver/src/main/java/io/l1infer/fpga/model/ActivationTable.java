package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.util.Objects;

/**
 * One lookup table of an hls4ml activation, {@code table_size} entries of {@code table_t} that the C++ fills at the
 * first call ({@code init_*_table}): elu's, selu's, sigmoid's and the like's {@code table_t}/{@code table_size},
 * softmax's {@code exp_table_t}/{@code exp_table_size} and {@code inv_table_t}/{@code inv_table_size}.
 */
public record ActivationTable(FixedPointType type, int size)
{
    public ActivationTable
    {
        Objects.requireNonNull(type, "table_t");
        if (size < 1)
        {
            throw new IllegalArgumentException("table size must be >= 1, was " + size);
        }
    }

    /** hls4ml's {@code ceillog2(table_size)}: the bits of softmax's top-bit index into this table. */
    public int addressBits()
    {
        return ceilLog2(size);
    }

    /**
     * {@code a * table_size / d} as C computes it for the index offsets: {@code table_size} is a
     * {@code static const unsigned}, so the product wraps to 32 unsigned bits before the division.
     */
    public long scaledSize(final long a, final long d)
    {
        return ((a * size) & 0xFFFFFFFFL) / d;
    }

    private static int ceilLog2(final int x)
    {
        return x <= 2 ? 1 : 1 + ceilLog2((x + 1) / 2);
    }
}
