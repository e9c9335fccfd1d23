package io.l1infer.daemon;

import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.config.IntRange;

/**
 * Decides whether this daemon answers a message taken from an ingest stream it may share with other daemons (one
 * multicast stream, each daemon configured with its wheels and sectors, {@code l1infer.partition.*}).
 *
 * <p>A daemon configured for the whole detector (the default) answers everything. A daemon configured for part
 * of it answers a MuonSegments message only when its deciding primitive
 * ({@link MuonPrimitives#partitionPrimitive()}, the rule clients route by) lies in its wheels and sectors. It
 * ignores, without answering, every message it cannot place: FeatureVector messages (no detector coordinates) and
 * messages that fail validation. On a shared stream those are answered (or rejected) only by a daemon configured
 * for the whole detector, if there is one. Allocation-free.
 */
final class PartitionFilter
{
    private static final IntRange ALL_WHEELS =
        new IntRange(MuonPrimitiveLimits.WHEEL_MIN, MuonPrimitiveLimits.WHEEL_MAX);
    private static final IntRange ALL_SECTORS =
        new IntRange(MuonPrimitiveLimits.SECTOR_MIN, MuonPrimitiveLimits.SECTOR_MAX);

    private final boolean wholeDetector;
    private final int wheelFrom;
    private final int wheelTo;
    private final int sectorFrom;
    private final int sectorTo;

    /**
     * @param wheels  the wheels this daemon answers for.
     * @param sectors the sectors this daemon answers for.
     */
    PartitionFilter(final IntRange wheels, final IntRange sectors)
    {
        wholeDetector = wheels.contains(ALL_WHEELS) && sectors.contains(ALL_SECTORS);
        wheelFrom = wheels.from();
        wheelTo = wheels.to();
        sectorFrom = sectors.from();
        sectorTo = sectors.to();
    }

    /** Whether every message is answered here. */
    boolean isWholeDetector()
    {
        return wholeDetector;
    }

    /**
     * Whether this daemon answers the message read by {@link RequestTranslator#read}.
     *
     * @param segments the primitives of a valid MuonSegments message, null for any other message.
     * @return true for a daemon of the whole detector, else only for a valid MuonSegments message whose deciding
     * primitive lies in this daemon's wheels and sectors.
     */
    boolean accepts(final MuonPrimitives segments)
    {
        if (wholeDetector)
        {
            return true;
        }
        if (segments == null)
        {
            return false;
        }
        final int deciding = segments.partitionPrimitive();
        final int wheel = segments.wheel(deciding);
        final int sector = segments.sector(deciding);
        return wheel >= wheelFrom && wheel <= wheelTo && sector >= sectorFrom && sector <= sectorTo;
    }

    @Override
    public String toString()
    {
        return wholeDetector ? "whole detector" :
            "wheels " + wheelFrom + ".." + wheelTo + " sectors " + sectorFrom + ".." + sectorTo;
    }
}
