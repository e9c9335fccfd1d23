package io.l1infer.client;

import io.l1infer.codec.MuonPrimitiveLimits;

/**
 * A block of the DT barrel a daemon is responsible for under {@link RoutingPolicy#PARTITION}: an inclusive range
 * of wheels and one of sectors, the way the barrel track finder splits its work by wheel and sector. Matches the
 * daemon's {@code l1infer.partition.wheels} and {@code l1infer.partition.sectors} settings, with the same
 * {@code FROM..TO} syntax.
 *
 * @param wheelFrom  lowest wheel, -2..2.
 * @param wheelTo    highest wheel, wheelFrom..2.
 * @param sectorFrom lowest sector, 1..12.
 * @param sectorTo   highest sector, sectorFrom..12.
 */
public record DetectorPartition(int wheelFrom, int wheelTo, int sectorFrom, int sectorTo)
{
    /** Every wheel and sector. */
    public static final DetectorPartition WHOLE_DETECTOR = new DetectorPartition(
        MuonPrimitiveLimits.WHEEL_MIN, MuonPrimitiveLimits.WHEEL_MAX,
        MuonPrimitiveLimits.SECTOR_MIN, MuonPrimitiveLimits.SECTOR_MAX);

    /** Checks both ranges lie in the detector and are not empty, naming the offending one. */
    public DetectorPartition
    {
        checkRange("wheels", wheelFrom, wheelTo, MuonPrimitiveLimits.WHEEL_MIN, MuonPrimitiveLimits.WHEEL_MAX);
        checkRange("sectors", sectorFrom, sectorTo, MuonPrimitiveLimits.SECTOR_MIN, MuonPrimitiveLimits.SECTOR_MAX);
    }

    /**
     * Parse the daemon settings' syntax.
     *
     * @param wheels  {@code FROM..TO} or a single wheel, such as {@code -2..0}.
     * @param sectors {@code FROM..TO} or a single sector, such as {@code 1..6}.
     * @return the partition.
     * @throws IllegalArgumentException naming the text that is not a range inside the detector.
     */
    public static DetectorPartition parse(final String wheels, final String sectors)
    {
        final int[] w = parseRange("wheels", wheels);
        final int[] s = parseRange("sectors", sectors);
        return new DetectorPartition(w[0], w[1], s[0], s[1]);
    }

    /**
     * Whether a primitive at this wheel and sector belongs here.
     *
     * @param wheel  the primitive's wheel.
     * @param sector the primitive's sector.
     * @return true when both lie in their ranges.
     */
    public boolean contains(final int wheel, final int sector)
    {
        return wheel >= wheelFrom && wheel <= wheelTo && sector >= sectorFrom && sector <= sectorTo;
    }

    /** Whether this is the whole detector. */
    public boolean isWholeDetector()
    {
        return equals(WHOLE_DETECTOR);
    }

    @Override
    public String toString()
    {
        return "wheels " + wheelFrom + ".." + wheelTo + " sectors " + sectorFrom + ".." + sectorTo;
    }

    private static int[] parseRange(final String what, final String text)
    {
        final int dots = text.indexOf("..");
        try
        {
            if (dots < 0)
            {
                final int single = Integer.parseInt(text.trim());
                return new int[] {single, single};
            }
            return new int[] {Integer.parseInt(text.substring(0, dots).trim()),
                Integer.parseInt(text.substring(dots + 2).trim())};
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(what + " '" + text + "' is not FROM..TO or a single integer");
        }
    }

    private static void checkRange(final String what, final int from, final int to, final int min, final int max)
    {
        if (from > to || from < min || to > max)
        {
            throw new IllegalArgumentException(what + " " + from + ".." + to + " must be a non-empty range inside " +
                min + ".." + max);
        }
    }
}
