package io.l1infer.codec;

import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.l1infer.codec.MuonPrimitiveLimits.EVENT_BX_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.EVENT_BX_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.QUALITY_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.QUALITY_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.SECTOR_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.SECTOR_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.STATION_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.STATION_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.TS2TAG_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.TS2TAG_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.WHEEL_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.WHEEL_MIN;

/**
 * A MuonSegments message as plain values, for tests.
 */
record MuonSegmentsSample(long sourceId, long eventId, long sendTimeNs, int bx, List<Primitive> primitives)
    implements WireSample
{
    /** One trigger primitive as plain values. */
    record Primitive(int station, int wheel, int sector, int phi, int phiB, int quality, int ts2tag, int bx)
    {
        static Primitive random(final Random random)
        {
            return new Primitive(
                WireSample.randomIn(random, STATION_MIN, STATION_MAX),
                WireSample.randomIn(random, WHEEL_MIN, WHEEL_MAX),
                WireSample.randomIn(random, SECTOR_MIN, SECTOR_MAX),
                WireSample.randomIn(random, PHI_MIN, PHI_MAX),
                WireSample.randomIn(random, PHI_B_MIN, PHI_B_MAX),
                WireSample.randomIn(random, QUALITY_MIN, QUALITY_MAX),
                WireSample.randomIn(random, TS2TAG_MIN, TS2TAG_MAX),
                WireSample.randomIn(random, Byte.MIN_VALUE, Byte.MAX_VALUE));
        }
    }

    static MuonSegmentsSample random(final Random random, final int count)
    {
        final List<Primitive> primitives = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            primitives.add(Primitive.random(random));
        }

        return new MuonSegmentsSample(
            WireSample.randomSourceId(random), WireSample.randomEventId(random), WireSample.randomSendTime(random),
            WireSample.randomIn(random, EVENT_BX_MIN, EVENT_BX_MAX), List.copyOf(primitives));
    }

    public int templateId()
    {
        return MuonSegmentsEncoder.TEMPLATE_ID;
    }

    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final MuonSegmentsEncoder encoder = new MuonSegmentsEncoder()
            .wrapAndApplyHeader(buffer, offset, header)
            .sourceId(sourceId)
            .eventId(eventId)
            .sendTimeNs(sendTimeNs)
            .bx(bx);
        final MuonSegmentsEncoder.PrimitivesEncoder group = encoder.primitivesCount(primitives.size());
        for (final Primitive p : primitives)
        {
            group.next()
                .station((short)p.station())
                .wheel((byte)p.wheel())
                .sector((short)p.sector())
                .phi((short)p.phi())
                .phiB((short)p.phiB())
                .quality((short)p.quality())
                .ts2tag((short)p.ts2tag())
                .bx((byte)p.bx());
        }

        WireVersion.stampNarrow(header);

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static WireSample.Decoded decode(final MuonSegmentsDecoder decoder, final int messageOffset)
    {
        final long sourceId = decoder.sourceId();
        final long eventId = decoder.eventId();
        final long sendTimeNs = decoder.sendTimeNs();
        final int bx = decoder.bx();
        final List<Primitive> primitives = new ArrayList<>();
        for (final MuonSegmentsDecoder.PrimitivesDecoder p : decoder.primitives())
        {
            primitives.add(new Primitive(
                p.station(), p.wheel(), p.sector(), p.phi(), p.phiB(), p.quality(), p.ts2tag(), p.bx()));
        }

        return new WireSample.Decoded(
            new MuonSegmentsSample(sourceId, eventId, sendTimeNs, bx, List.copyOf(primitives)),
            decoder.limit() - messageOffset);
    }
}
