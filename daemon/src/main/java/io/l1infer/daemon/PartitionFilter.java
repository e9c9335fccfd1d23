package io.l1infer.daemon;

import io.l1infer.codec.MessageValidator;
import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.config.IntRange;
import org.agrona.DirectBuffer;

/**
 * Decides whether this daemon answers a message taken from an ingest stream it may share with other daemons (one
 * multicast stream, each daemon configured with its wheels and sectors, {@code l1infer.partition.*}).
 *
 * <p>A daemon configured for the whole detector (the default) answers everything. A daemon configured for part
 * of it answers a MuonSegments message only when its deciding primitive lies in its wheels and sectors: the first
 * usable primitive in arrival order (bx == 0, quality not null), else the first primitive, the same rule as the
 * client's {@code PrimitiveList.partitionPrimitive()}. It ignores, without answering, every message it cannot
 * place: FeatureVector messages (no detector coordinates) and messages that fail validation. On a shared stream
 * those are answered (or rejected) only by a daemon configured for the whole detector, if there is one.
 * Allocation-free; single-threaded (the ingest agent's).
 */
final class PartitionFilter
{
    private static final IntRange ALL_WHEELS =
        new IntRange(MuonPrimitiveLimits.WHEEL_MIN, MuonPrimitiveLimits.WHEEL_MAX);
    private static final IntRange ALL_SECTORS =
        new IntRange(MuonPrimitiveLimits.SECTOR_MIN, MuonPrimitiveLimits.SECTOR_MAX);
    private static final int QUALITY_NULL = MuonPrimitiveLimits.QUALITY_MAX;

    private final boolean wholeDetector;
    private final int wheelFrom;
    private final int wheelTo;
    private final int sectorFrom;
    private final int sectorTo;
    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MuonSegmentsDecoder segments = new MuonSegmentsDecoder();

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
     * Whether this daemon answers the message.
     *
     * @return true for a daemon of the whole detector, else only for a valid MuonSegments message whose deciding
     * primitive lies in this daemon's wheels and sectors.
     */
    boolean accepts(final DirectBuffer buffer, final int offset, final int length)
    {
        if (wholeDetector)
        {
            return true;
        }
        if (!validator.validate(buffer, offset, length, verdict))
        {
            return false;
        }
        header.wrap(buffer, offset);
        if (header.templateId() != MuonSegmentsDecoder.TEMPLATE_ID)
        {
            return false;
        }
        final MuonSegmentsDecoder.PrimitivesDecoder group =
            segments.wrapAndApplyHeader(buffer, offset, header).primitives();
        int wheel = 0;
        int sector = 0;
        boolean first = true;
        while (group.hasNext())
        {
            group.next();
            if (group.bx() == 0 && group.quality() != QUALITY_NULL)
            {
                wheel = group.wheel();
                sector = group.sector();
                break;
            }
            if (first)
            {
                wheel = group.wheel();
                sector = group.sector();
                first = false;
            }
        }
        return wheel >= wheelFrom && wheel <= wheelTo && sector >= sectorFrom && sector <= sectorTo;
    }

    @Override
    public String toString()
    {
        return wholeDetector ? "whole detector" :
            "wheels " + wheelFrom + ".." + wheelTo + " sectors " + sectorFrom + ".." + sectorTo;
    }
}
