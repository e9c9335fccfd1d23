package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A FeatureVector message as plain values, for tests.
 */
record FeatureVectorSample(long sourceId, long eventId, long sendTimeNs, List<Integer> inputs) implements WireSample
{
    static FeatureVectorSample random(final Random random, final int count)
    {
        final List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            inputs.add(random.nextInt());
        }

        return new FeatureVectorSample(
            WireSample.randomSourceId(random), WireSample.randomEventId(random), WireSample.randomSendTime(random),
            List.copyOf(inputs));
    }

    public int templateId()
    {
        return FeatureVectorEncoder.TEMPLATE_ID;
    }

    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final FeatureVectorEncoder encoder = new FeatureVectorEncoder()
            .wrapAndApplyHeader(buffer, offset, header)
            .sourceId(sourceId)
            .eventId(eventId)
            .sendTimeNs(sendTimeNs);
        final FeatureVectorEncoder.InputsEncoder group = encoder.inputsCount(inputs.size());
        for (final int raw : inputs)
        {
            group.next().raw(raw);
        }

        WireVersion.stampNarrow(header);

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static WireSample.Decoded decode(final FeatureVectorDecoder decoder, final int messageOffset)
    {
        final long sourceId = decoder.sourceId();
        final long eventId = decoder.eventId();
        final long sendTimeNs = decoder.sendTimeNs();
        final List<Integer> inputs = new ArrayList<>();
        for (final FeatureVectorDecoder.InputsDecoder input : decoder.inputs())
        {
            inputs.add(input.raw());
        }
        final List<Long> wideInputs = new ArrayList<>();
        for (final FeatureVectorDecoder.WideInputsDecoder input : decoder.wideInputs())
        {
            wideInputs.add(input.raw());
        }
        if (!wideInputs.isEmpty())
        {
            return new WireSample.Decoded(
                new WideFeatureVectorSample(sourceId, eventId, sendTimeNs, List.copyOf(wideInputs)),
                decoder.limit() - messageOffset);
        }

        return new WireSample.Decoded(
            new FeatureVectorSample(sourceId, eventId, sendTimeNs, List.copyOf(inputs)),
            decoder.limit() - messageOffset);
    }
}
