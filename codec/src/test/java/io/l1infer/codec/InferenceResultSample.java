package io.l1infer.codec;

import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.ResultStatus;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An InferenceResult message as plain values, for tests.
 */
record InferenceResultSample(
    long sourceId,
    long eventId,
    long sendTimeNs,
    ResultStatus status,
    int batchSize,
    long daemonLatencyNs,
    List<Output> outputs) implements WireSample
{
    /** One model output as plain values. */
    record Output(int raw, double value)
    {
    }

    static InferenceResultSample random(final Random random, final int count)
    {
        final List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final int raw = random.nextInt();
            outputs.add(new Output(raw, raw / 1024.0));
        }

        return new InferenceResultSample(
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
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final InferenceResultEncoder encoder = new InferenceResultEncoder()
            .wrapAndApplyHeader(buffer, offset, header)
            .sourceId(sourceId)
            .eventId(eventId)
            .sendTimeNs(sendTimeNs)
            .status(status)
            .batchSize(batchSize)
            .daemonLatencyNs(daemonLatencyNs);
        final InferenceResultEncoder.OutputsEncoder group = encoder.outputsCount(outputs.size());
        for (final Output output : outputs)
        {
            group.next().raw(output.raw()).value(output.value());
        }

        WireVersion.stampNarrow(header);

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static WireSample.Decoded decode(final InferenceResultDecoder decoder, final int messageOffset)
    {
        final long sourceId = decoder.sourceId();
        final long eventId = decoder.eventId();
        final long sendTimeNs = decoder.sendTimeNs();
        final ResultStatus status = decoder.status();
        final int batchSize = decoder.batchSize();
        final long daemonLatencyNs = decoder.daemonLatencyNs();
        final List<Output> outputs = new ArrayList<>();
        for (final InferenceResultDecoder.OutputsDecoder output : decoder.outputs())
        {
            outputs.add(new Output(output.raw(), output.value()));
        }
        final List<WideInferenceResultSample.Output> wideOutputs = new ArrayList<>();
        for (final InferenceResultDecoder.WideOutputsDecoder output : decoder.wideOutputs())
        {
            wideOutputs.add(new WideInferenceResultSample.Output(output.raw(), output.value()));
        }
        if (!wideOutputs.isEmpty())
        {
            return new WireSample.Decoded(
                new WideInferenceResultSample(
                    sourceId, eventId, sendTimeNs, status, batchSize, daemonLatencyNs, List.copyOf(wideOutputs)),
                decoder.limit() - messageOffset);
        }

        return new WireSample.Decoded(
            new InferenceResultSample(
                sourceId, eventId, sendTimeNs, status, batchSize, daemonLatencyNs, List.copyOf(outputs)),
            decoder.limit() - messageOffset);
    }
}
