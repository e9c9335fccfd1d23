package io.l1infer.training;

/** The true-pT bins of the resolution table, GeV/c: 0-20, 20-40, 40-60, 60-80, 80-100, 100-150, 150-200. */
public final class PtBins
{
    private static final double[] EDGES = {0, 20, 40, 60, 80, 100, 150, 200};

    private PtBins()
    {
    }

    public static int count()
    {
        return EDGES.length - 1;
    }

    public static double low(final int bin)
    {
        return EDGES[bin];
    }

    public static double high(final int bin)
    {
        return EDGES[bin + 1];
    }

    /** The bin holding {@code pt} (low edge inclusive; 200 itself belongs to the last bin), or -1 outside. */
    public static int of(final double pt)
    {
        if (!(pt >= EDGES[0] && pt <= EDGES[EDGES.length - 1]))
        {
            return -1;
        }
        for (int b = 0; b < EDGES.length - 1; b++)
        {
            if (pt < EDGES[b + 1])
            {
                return b;
            }
        }
        return EDGES.length - 2;
    }
}
