package io.l1infer.codec;

import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.RejectDecoder;
import io.l1infer.codec.sbe.RejectEncoder;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.MutableDirectBuffer;

import java.util.Random;

/**
 * A Reject message as plain values, for tests.
 */
record RejectSample(
    long sourceId,
    long eventId,
    RejectReason reason,
    MessageField field,
    int rejectedTemplateId,
    int index,
    long value) implements WireSample
{
    static RejectSample random(final Random random)
    {
        final RejectReason[] reasons = RejectReason.values();
        final MessageField[] fields = MessageField.values();

        return new RejectSample(
            random.nextInt(4) == 0 ? ValidationVerdict.UNKNOWN_SOURCE_ID : WireSample.randomSourceId(random),
            random.nextInt(4) == 0 ? ValidationVerdict.UNKNOWN_EVENT_ID : WireSample.randomEventId(random),
            reasons[random.nextInt(reasons.length - 1)], // last value is NULL_VAL
            fields[random.nextInt(fields.length - 1)],
            random.nextInt(0x1_0000),
            random.nextInt(0x100),
            random.nextLong());
    }

    public int templateId()
    {
        return RejectEncoder.TEMPLATE_ID;
    }

    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final RejectEncoder encoder = new RejectEncoder()
            .wrapAndApplyHeader(buffer, offset, header)
            .sourceId(sourceId)
            .eventId(eventId)
            .reason(reason)
            .field(field)
            .rejectedTemplateId(rejectedTemplateId)
            .index((short)index)
            .value(value);
        WireVersion.stampNarrow(header);

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static WireSample.Decoded decode(final RejectDecoder decoder, final int messageOffset)
    {
        return new WireSample.Decoded(
            new RejectSample(
                decoder.sourceId(), decoder.eventId(), decoder.reason(), decoder.field(),
                decoder.rejectedTemplateId(), decoder.index(), decoder.value()),
            decoder.limit() - messageOffset);
    }
}
