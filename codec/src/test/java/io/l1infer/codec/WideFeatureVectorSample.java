package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A version-3 FeatureVector carrying its raw values in the int64 wideInputs group, as plain values, for tests.
 */
record WideFeatureVectorSample(long sourceId, long eventId, long sendTimeNs, List<Long> inputs) implements WireSample
{
    static WideFeatureVectorSample random(final Random random, final int count)
    {
        final List<Long> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            inputs.add(random.nextLong());
        }

        return new WideFeatureVectorSample(
            WireSample.randomSourceId(random), WireSample.randomEventId(random), WireSample.randomSendTime(random),
            List.copyOf(inputs));
    }

    public int templateId()
    {
        return FeatureVectorEncoder.TEMPLATE_ID;
    }

    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        final FeatureVectorEncoder encoder = new FeatureVectorEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .sourceId(sourceId)
            .eventId(eventId)
            .sendTimeNs(sendTimeNs);
        encoder.inputsCount(0);
        final FeatureVectorEncoder.WideInputsEncoder group = encoder.wideInputsCount(inputs.size());
        for (final long raw : inputs)
        {
            group.next().raw(raw);
        }

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
