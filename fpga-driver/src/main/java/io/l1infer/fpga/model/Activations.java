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

    static void requireFinite(final String name, final String field, final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException(name + ": " + field + " must be finite, was " + value);
        }
    }
}
