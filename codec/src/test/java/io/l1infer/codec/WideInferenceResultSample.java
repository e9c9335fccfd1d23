package io.l1infer.codec;

import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.ResultStatus;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A version-3 InferenceResult carrying its outputs in the int64 wideOutputs group, as plain values, for tests.
 */
record WideInferenceResultSample(
    long sourceId,
    long eventId,
    long sendTimeNs,
    ResultStatus status,
    int batchSize,
    long daemonLatencyNs,
    List<Output> outputs) implements WireSample
{
    /** One model output as plain values. */
    record Output(long raw, double value)
    {
    }

    static WideInferenceResultSample random(final Random random, final int count)
    {
        final List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final long raw = random.nextLong();
            outputs.add(new Output(raw, Math.scalb((double)raw, -20)));
        }

        return new WideInferenceResultSample(
            WireSample.randomSourceId(random), WireSample.randomEventId(random), WireSample.randomSendTime(random),
            random.nextBoolean() ? ResultStatus.OK : ResultStatus.FALLBACK,
            WireSample.randomIn(random, ModelIoLimits.BATCH_SIZE_MIN, 0xFFFF),
            random.nextLong(), List.copyOf(outputs));
    }

    public int templateId()
    {
        return InferenceResultEncoder.TEMPLATE_ID;
    }

    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        final InferenceResultEncoder encoder = new InferenceResultEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .sourceId(sourceId)
            .eventId(eventId)
            .sendTimeNs(sendTimeNs)
            .status(status)
            .batchSize(batchSize)
            .daemonLatencyNs(daemonLatencyNs);
        encoder.outputsCount(0);
        final InferenceResultEncoder.WideOutputsEncoder group = encoder.wideOutputsCount(outputs.size());
        for (final Output output : outputs)
        {
            group.next().raw(output.raw()).value(output.value());
        }

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
