package io.l1infer.fpga.model;

/** Argument checks shared by the activation records, so a bad config fails where it is built with its name. */
final class Activations
{
    private Activations()
    {
    }

    static void requireSize(final String name, final int size)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException(name + ": size must be >= 1, was " + size);
        }
    }

    static void requireTableSize(final String name, final String field, final int tableSize)
    {
        if (tableSize < 1)
        {
            throw new IllegalArgumentException(name + ": " + field + " must be >= 1, was " + tableSize);
        }
    }

    /** The checks of an activation computed from one table of {@code table_size} entries (elu, selu, sigmoid...). */
    static void requireTable(final String name, final int size, final int tableSize)
    {
        requireSize(name, size);
        requireTableSize(name, "table_size", tableSize);
    }

    static void requireFinite(final String name, final String field, final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException(name + ": " + field + " must be finite, was " + value);
        }
    }
}
