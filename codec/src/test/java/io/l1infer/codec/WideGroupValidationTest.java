package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.GroupSizeEncodingEncoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.RejectDecoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.codec.sbe.ResultStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.l1infer.codec.ValidationVerdict.NO_INDEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The int64 groups of version 3 (FeatureVector.wideInputs, InferenceResult.wideOutputs): extreme raw values round
 * trip, exactly one of the two groups carries the values, each structural reject names its reason, field and value,
 * and messages without a wide group keep version 2's bytes.
 */
class WideGroupValidationTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER = GroupSizeEncodingEncoder.ENCODED_LENGTH;
    private static final int FV_FIXED = HEADER + FeatureVectorEncoder.BLOCK_LENGTH;
    private static final int IR_FIXED = HEADER + InferenceResultEncoder.BLOCK_LENGTH;
    private static final long[] EXTREMES = { Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L << 40, -(1L << 47) };

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16384]);
    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();
    private final FeatureVectorEncoder features = new FeatureVectorEncoder();
    private final InferenceResultEncoder results = new InferenceResultEncoder();

    /** A version-3 FeatureVector with {@code narrow} int32 entries, then {@code wide} int64 entries. */
    private int featureVector(final int narrow, final long[] wide)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        features.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).sourceId(3).eventId(77).sendTimeNs(9);
        final FeatureVectorEncoder.InputsEncoder inputs = features.inputsCount(narrow);
        for (int i = 0; i < narrow; i++)
        {
            inputs.next().raw(i - 1);
        }
        final FeatureVectorEncoder.WideInputsEncoder wideInputs = features.wideInputsCount(wide.length);
        for (final long raw : wide)
        {
            wideInputs.next().raw(raw);
        }

        return HEADER + features.encodedLength();
    }

    /** A version-3 InferenceResult with {@code narrow} int32 outputs, then {@code wide} int64 outputs. */
    private int result(final int narrow, final long[] wide)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        results.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).sourceId(3).eventId(77).sendTimeNs(9)
            .status(ResultStatus.OK).batchSize(1).daemonLatencyNs(5).ingestPollNs(1).ringClaimNs(2).batchLaunchNs(3)
            .batchCompleteNs(4).resultClaimNs(5);
        final InferenceResultEncoder.OutputsEncoder outputs = results.outputsCount(narrow);
        for (int i = 0; i < narrow; i++)
        {
            outputs.next().raw(i).value(i);
        }
        final InferenceResultEncoder.WideOutputsEncoder wideOutputs = results.wideOutputsCount(wide.length);
        for (final long raw : wide)
        {
            wideOutputs.next().raw(raw).value(raw);
        }

        return HEADER + results.encodedLength();
    }

    private void assertRejected(
        final int length, final RejectReason reason, final MessageField field, final long value)
    {
        assertFalse(validator.validate(buffer, 0, length, verdict), verdict::toString);
        assertEquals(reason, verdict.reason(), verdict::toString);
        assertEquals(field, verdict.field(), verdict::toString);
        assertEquals(NO_INDEX, verdict.index(), verdict::toString);
        assertEquals(value, verdict.value(), verdict::toString);
        assertEquals(3, verdict.sourceId(), verdict::toString);
        assertEquals(77, verdict.eventId(), verdict::toString);
    }

    @Test
    void extremeWideInputsRoundTrip()
    {
        final int length = featureVector(0, EXTREMES);
        assertEquals(FV_FIXED + 2 * GROUP_HEADER + EXTREMES.length * Long.BYTES, length);
        assertTrue(validator.validate(buffer, 0, length, verdict), verdict::toString);
        final FeatureVectorDecoder decoder = new FeatureVectorDecoder();
        decoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(WireVersion.WIDE, decoder.actingVersion());
        assertEquals(0, decoder.inputs().count());
        final FeatureVectorDecoder.WideInputsDecoder wide = decoder.wideInputs();
        assertEquals(EXTREMES.length, wide.count());
        for (final long raw : EXTREMES)
        {
            assertEquals(raw, wide.next().raw());
        }
        assertEquals(length, decoder.limit());
    }

    @Test
    void extremeWideOutputsRoundTrip()
    {
        final int length = result(0, EXTREMES);
        assertTrue(validator.validate(buffer, 0, length, verdict), verdict::toString);
        final InferenceResultDecoder decoder = new InferenceResultDecoder();
        decoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(0, decoder.outputs().count());
        final InferenceResultDecoder.WideOutputsDecoder wide = decoder.wideOutputs();
        for (final long raw : EXTREMES)
        {
            wide.next();
            assertEquals(raw, wide.raw());
            assertEquals((double)raw, wide.value());
        }
        assertEquals(5, decoder.resultClaimNs());
        assertEquals(length, decoder.limit());
    }

    @Test
    void versionThreeMayCarryNarrowValuesWithAnEmptyWideGroup()
    {
        assertTrue(validator.validate(buffer, 0, featureVector(3, new long[0]), verdict), verdict::toString);
        assertTrue(validator.validate(buffer, 0, result(2, new long[0]), verdict), verdict::toString);
    }

    @Test
    void bothGroupsEmptyIsRejectedAsTooFewEntries()
    {
        assertRejected(featureVector(0, new long[0]), RejectReason.BAD_GROUP, MessageField.INPUT_COUNT, 0);
        assertRejected(result(0, new long[0]), RejectReason.BAD_GROUP, MessageField.OUTPUT_COUNT, 0);
    }

    @Test
    void bothGroupsCarryingValuesIsRejected()
    {
        assertRejected(featureVector(2, new long[]{ 1, 2, 3 }), RejectReason.BAD_GROUP,
            MessageField.WIDE_INPUT_COUNT, 3);
        assertRejected(result(1, new long[]{ 4, 5 }), RejectReason.BAD_GROUP, MessageField.WIDE_OUTPUT_COUNT, 2);
    }

    @Test
    void wideCountAboveTheLimitIsRejected()
    {
        final long[] tooManyInputs = new long[ModelIoLimits.INPUT_COUNT_MAX + 1];
        assertRejected(featureVector(0, tooManyInputs), RejectReason.BAD_GROUP, MessageField.WIDE_INPUT_COUNT,
            ModelIoLimits.INPUT_COUNT_MAX + 1);
        final long[] tooManyOutputs = new long[ModelIoLimits.OUTPUT_COUNT_MAX + 1];
        assertRejected(result(0, tooManyOutputs), RejectReason.BAD_GROUP, MessageField.WIDE_OUTPUT_COUNT,
            ModelIoLimits.OUTPUT_COUNT_MAX + 1);
        final long[] mostInputs = new long[ModelIoLimits.INPUT_COUNT_MAX];
        assertTrue(validator.validate(buffer, 0, featureVector(0, mostInputs), verdict), verdict::toString);
    }

    @Test
    void wideGroupBlockLengthIsChecked()
    {
        final int length = featureVector(0, EXTREMES);
        final int wideHeader = FV_FIXED + GROUP_HEADER;
        buffer.putShort(wideHeader + GroupSizeEncodingEncoder.blockLengthEncodingOffset(), (short)Integer.BYTES);
        assertRejected(length, RejectReason.BAD_GROUP, MessageField.GROUP_BLOCK_LENGTH, Integer.BYTES);
    }

    @Test
    void versionThreeWithoutItsWideGroupIsTruncated()
    {
        // A version-2 layout stamped version 3: the wide group header the version promises is missing.
        final int v3Length = featureVector(2, new long[0]);
        final int v2Length = v3Length - GROUP_HEADER;
        assertRejected(v2Length, RejectReason.TRUNCATED, MessageField.NONE, v3Length);
    }

    @Test
    void wideEntriesCutShortAreTruncated()
    {
        final int length = result(0, EXTREMES);
        assertRejected(length - 1, RejectReason.TRUNCATED, MessageField.NONE, length);
    }

    @Test
    void versionTwoFollowedByAWideGroupHasTrailingBytes()
    {
        // What a version-2 peer sees of a version-3 message: the wide group is bytes after its message.
        final int length = featureVector(2, new long[0]);
        buffer.putShort(MessageHeaderEncoder.versionEncodingOffset(), (short)WireVersion.NARROW);
        assertRejected(length, RejectReason.TRAILING_BYTES, MessageField.NONE, GROUP_HEADER);
    }

    @Test
    void narrowMessagesKeepVersionTwoBytes()
    {
        final Random random = new Random(TestSeed.SEED);
        final FeatureVectorSample vector = FeatureVectorSample.random(random, 5);
        final int length = vector.encode(buffer, 0);
        assertEquals(WireVersion.NARROW, buffer.getShort(MessageHeaderEncoder.versionEncodingOffset()),
            "seed=" + TestSeed.SEED);
        assertEquals(FV_FIXED + GROUP_HEADER + 5 * Integer.BYTES, length, "seed=" + TestSeed.SEED);
        assertTrue(validator.validate(buffer, 0, length, verdict), verdict::toString);
        assertEquals(vector, WireSample.decode(buffer, 0).sample(), "seed=" + TestSeed.SEED);

        final InferenceResultSample result = InferenceResultSample.random(random, 4);
        final int resultLength = result.encode(buffer, 0);
        assertEquals(IR_FIXED + GROUP_HEADER + 4 * (Integer.BYTES + Double.BYTES), resultLength);
        assertTrue(validator.validate(buffer, 0, resultLength, verdict), verdict::toString);
    }

    @Test
    void wideSamplesDecodeAsWritten()
    {
        final Random random = new Random(TestSeed.SEED);
        final WideFeatureVectorSample vector = WideFeatureVectorSample.random(random, 7);
        final int length = vector.encode(buffer, 0);
        assertTrue(validator.validate(buffer, 0, length, verdict), verdict::toString);
        assertEquals(new WireSample.Decoded(vector, length), WireSample.decode(buffer, 0), "seed=" + TestSeed.SEED);
        final WideInferenceResultSample result = new WideInferenceResultSample(1, 2, 3, ResultStatus.FALLBACK, 4, 5,
            List.of(new WideInferenceResultSample.Output(Long.MIN_VALUE, -1.5)));
        final int resultLength = result.encode(buffer, 0);
        assertTrue(validator.validate(buffer, 0, resultLength, verdict), verdict::toString);
        assertEquals(new WireSample.Decoded(result, resultLength), WireSample.decode(buffer, 0));
    }

    @Test
    void rejectsNamingAWideGroupAreValidRejects()
    {
        final int length = featureVector(2, new long[]{ 1 });
        assertFalse(validator.validate(buffer, 0, length, verdict));
        final UnsafeBuffer reply = new UnsafeBuffer(new byte[RejectWriter.ENCODED_LENGTH]);
        new RejectWriter().write(verdict, reply, 0);
        assertEquals(WireVersion.NARROW, reply.getShort(MessageHeaderEncoder.versionEncodingOffset()));
        final ValidationVerdict replyVerdict = new ValidationVerdict();
        assertTrue(validator.validate(reply, 0, RejectWriter.ENCODED_LENGTH, replyVerdict), replyVerdict::toString);
        final RejectDecoder decoder = new RejectDecoder().wrapAndApplyHeader(reply, 0, new MessageHeaderDecoder());
        assertEquals(MessageField.WIDE_INPUT_COUNT, decoder.field());
        assertEquals(1, decoder.value());
    }
}
