package io.l1infer.codec;

/**
 * The allowed ranges of every ranged field of a {@code MuonSegments} message, the single source used by the
 * validator, the tests and (checked by a test) the schema's minValue/maxValue and codec/README.md.
 */
public final class MuonPrimitiveLimits
{
    /** Smallest event bunch crossing number. */
    public static final int EVENT_BX_MIN = 0;
    /** Largest event bunch crossing number: an LHC orbit has 3564 slots. */
    public static final int EVENT_BX_MAX = 3563;

    /** Fewest primitives a message may carry on the wire (the daemon may require more with bx == 0). */
    public static final int PRIMITIVE_COUNT_MIN = 1;
    /** Most primitives a message may carry: two segments per station in four stations. */
    public static final int PRIMITIVE_COUNT_MAX = 8;

    /** First DT station (MB1). */
    public static final int STATION_MIN = 1;
    /** Last DT station (MB4). */
    public static final int STATION_MAX = 4;

    /** Outermost negative wheel. */
    public static final int WHEEL_MIN = -2;
    /** Outermost positive wheel. */
    public static final int WHEEL_MAX = 2;

    /** First sector as the trigger primitives number them. */
    public static final int SECTOR_MIN = 1;
    /** Last sector. */
    public static final int SECTOR_MAX = 12;

    /** Smallest 12-bit signed local phi. */
    public static final int PHI_MIN = -2048;
    /** Largest 12-bit signed local phi. */
    public static final int PHI_MAX = 2047;

    /** Smallest 10-bit signed bending angle. */
    public static final int PHI_B_MIN = -512;
    /** Largest 10-bit signed bending angle. */
    public static final int PHI_B_MAX = 511;

    /** Smallest 3-bit quality code. */
    public static final int QUALITY_MIN = 0;
    /** Largest 3-bit quality code (7 = null segment). */
    public static final int QUALITY_MAX = 7;

    /** A 1-bit flag: not a second segment. */
    public static final int TS2TAG_MIN = 0;
    /** A 1-bit flag: second segment in the same chamber. */
    public static final int TS2TAG_MAX = 1;

    private MuonPrimitiveLimits()
    {
    }
}
