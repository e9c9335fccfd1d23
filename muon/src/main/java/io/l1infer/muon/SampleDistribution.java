package io.l1infer.muon;

import java.util.Arrays;

/** A growable list of doubles with numpy-style (linear interpolation) percentiles; for statistics, not hot paths. */
public final class SampleDistribution
{
    private double[] values = new double[1024];
    private int size;
    private boolean sorted = true;

    /** Adds one value. */
    public void add(final double value)
    {
        if (size == values.length)
        {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sorted = false;
    }

    /** Number of values added. */
    public int size()
    {
        return size;
    }

    /** The median; NaN when empty. */
    public double median()
    {
        return percentile(50.0);
    }

    /**
     * The {@code percent} percentile with linear interpolation between closest ranks (numpy's default).
     *
     * @return NaN when empty.
     */
    public double percentile(final double percent)
    {
        if (!(percent >= 0.0 && percent <= 100.0))
        {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + percent);
        }
        if (size == 0)
        {
            return Double.NaN;
        }
        if (!sorted)
        {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        final double position = percent / 100.0 * (size - 1);
        final int lower = (int)Math.floor(position);
        final int upper = Math.min(lower + 1, size - 1);
        return values[lower] + (position - lower) * (values[upper] - values[lower]);
    }
}
