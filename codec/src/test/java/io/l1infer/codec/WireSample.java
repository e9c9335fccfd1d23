package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.RejectDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Random;

/**
 * A message of the schema held as plain values in tests, encodable with the generated encoders and decodable
 * back with the generated decoders, so round trips compare records.
 */
sealed interface WireSample permits MuonSegmentsSample, FeatureVectorSample, InferenceResultSample, RejectSample,
    WideFeatureVectorSample, WideInferenceResultSample
{
    /** Template ids of every message in the schema, in template id order. */
    int[] TEMPLATE_IDS = {
        MuonSegmentsDecoder.TEMPLATE_ID, FeatureVectorDecoder.TEMPLATE_ID,
        InferenceResultDecoder.TEMPLATE_ID, RejectDecoder.TEMPLATE_ID };

    /**
     * @return the encoded length, header included.
     */
    int encode(MutableDirectBuffer buffer, int offset);

    int templateId();

    /** @return the sourceId field (unsigned 32-bit in a long). */
    long sourceId();

    /** @return the eventId field (the unsigned 64-bit pattern). */
    long eventId();

    /** A decoded message and how many bytes the decoder consumed (header included). */
    record Decoded(WireSample sample, int length)
    {
    }

    /**
     * Decode with the generated decoders, reading every field and every group entry.
     */
    static Decoded decode(final DirectBuffer buffer, final int offset)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        return switch (header.templateId())
        {
            case MuonSegmentsDecoder.TEMPLATE_ID -> MuonSegmentsSample.decode(
                new MuonSegmentsDecoder().wrap(buffer, bodyOffset, blockLength, version), offset);
            case FeatureVectorDecoder.TEMPLATE_ID -> FeatureVectorSample.decode(
                new FeatureVectorDecoder().wrap(buffer, bodyOffset, blockLength, version), offset);
            case InferenceResultDecoder.TEMPLATE_ID -> InferenceResultSample.decode(
                new InferenceResultDecoder().wrap(buffer, bodyOffset, blockLength, version), offset);
            case RejectDecoder.TEMPLATE_ID -> RejectSample.decode(
                new RejectDecoder().wrap(buffer, bodyOffset, blockLength, version), offset);
            default -> throw new IllegalArgumentException("unknown template " + header.templateId());
        };
    }

    /**
     * A random valid message of the given template with a random valid entry count.
     */
    static WireSample random(final int templateId, final Random random)
    {
        return switch (templateId)
        {
            case MuonSegmentsDecoder.TEMPLATE_ID -> MuonSegmentsSample.random(random, randomCount(
                random, MuonPrimitiveLimits.PRIMITIVE_COUNT_MIN, MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX));
            case FeatureVectorDecoder.TEMPLATE_ID -> FeatureVectorSample.random(random, randomCount(
                random, ModelIoLimits.INPUT_COUNT_MIN, ModelIoLimits.INPUT_COUNT_MAX));
            case InferenceResultDecoder.TEMPLATE_ID -> InferenceResultSample.random(random, randomCount(
                random, ModelIoLimits.OUTPUT_COUNT_MIN, ModelIoLimits.OUTPUT_COUNT_MAX));
            case RejectDecoder.TEMPLATE_ID -> RejectSample.random(random);
            default -> throw new IllegalArgumentException("unknown template " + templateId);
        };
    }

    /**
     * A random valid message of the given template, a version-3 one with its values in the wide group for a third of
     * the FeatureVector and InferenceResult messages.
     */
    static WireSample randomAnyVersion(final int templateId, final Random random)
    {
        if (random.nextInt(3) == 0)
        {
            if (templateId == FeatureVectorDecoder.TEMPLATE_ID)
            {
                return WideFeatureVectorSample.random(random, randomCount(
                    random, ModelIoLimits.INPUT_COUNT_MIN, ModelIoLimits.INPUT_COUNT_MAX));
            }
            if (templateId == InferenceResultDecoder.TEMPLATE_ID)
            {
                return WideInferenceResultSample.random(random, randomCount(
                    random, ModelIoLimits.OUTPUT_COUNT_MIN, ModelIoLimits.OUTPUT_COUNT_MAX));
            }
        }

        return random(templateId, random);
    }

    static int randomCount(final Random random, final int min, final int max)
    {
        return min + random.nextInt(max - min + 1);
    }

    static int randomIn(final Random random, final int min, final int max)
    {
        return min + random.nextInt(max - min + 1);
    }

    /** A random uint32 other than the null value 2^32-1. */
    static long randomSourceId(final Random random)
    {
        return random.nextLong(0xFFFF_FFFFL);
    }

    /** A random 64-bit pattern other than the uint64 null value (all bits set). */
    static long randomEventId(final Random random)
    {
        final long id = random.nextLong();
        return id == -1L ? 0L : id;
    }

    /** A random int64 other than the null value Long.MIN_VALUE. */
    static long randomSendTime(final Random random)
    {
        final long time = random.nextLong();
        return time == Long.MIN_VALUE ? 0L : time;
    }
}
