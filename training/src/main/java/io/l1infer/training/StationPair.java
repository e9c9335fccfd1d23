package io.l1infer.training;

/** The station pairs of the classic barrel pT assignment, in the order of priority the track finder picks them. */
public enum StationPair
{
    MB1_MB2(1, 2),
    MB1_MB3(1, 3),
    MB1_MB4(1, 4),
    MB2_MB3(2, 3),
    MB2_MB4(2, 4),
    MB3_MB4(3, 4);

    private static final StationPair[] BY_PRIORITY = values();

    private final int inner;
    private final int outer;

    StationPair(final int inner, final int outer)
    {
        this.inner = inner;
        this.outer = outer;
    }

    public int inner()
    {
        return inner;
    }

    public int outer()
    {
        return outer;
    }

    /** The pairs, highest priority first (a shared array: do not modify). */
    static StationPair[] byPriority()
    {
        return BY_PRIORITY;
    }

    /** e.g. "1-2". */
    public String label()
    {
        return inner + "-" + outer;
    }
}
