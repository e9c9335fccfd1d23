package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.GroupSizeEncodingEncoder;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.RejectEncoder;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.stream.Stream;

import static io.l1infer.codec.ValidationVerdict.NO_INDEX;
import static io.l1infer.codec.ValidationVerdict.UNKNOWN_EVENT_ID;
import static io.l1infer.codec.ValidationVerdict.UNKNOWN_SOURCE_ID;
import static io.l1infer.codec.ValidationVerdict.UNKNOWN_TEMPLATE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per structural reject reason (everything decided before field ranges), checking reason, field,
 * index, value, template id and the sourceId/eventId reported when readable.
 */
class MessageValidatorStructureTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int OFFSET = 16;

    private final Random random = new Random(TestSeed.SEED);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();

    private WireSample sample;
    private int length;

    private void encode(final WireSample sample)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        this.sample = sample;
        this.length = sample.encode(buffer, OFFSET);
    }

    private void encodeRandom(final int templateId)
    {
        encode(WireSample.random(templateId, random));
    }

    private String context()
    {
        return "seed=" + TestSeed.SEED + " sample=" + sample + " verdict=" + verdict;
    }

    private void assertRejected(
        final int fragmentLength,
        final RejectReason reason,
        final MessageField field,
        final long value,
        final int templateId,
        final boolean idsReadable)
    {
        assertFalse(validator.validate(buffer, OFFSET, fragmentLength, verdict), context());
        assertFalse(verdict.isOk(), context());
        assertEquals(reason, verdict.reason(), context());
        assertEquals(field, verdict.field(), context());
        assertEquals(NO_INDEX, verdict.index(), context());
        assertEquals(value, verdict.value(), context());
        assertEquals(templateId, verdict.templateId(), context());
        assertEquals(idsReadable ? sample.sourceId() : UNKNOWN_SOURCE_ID, verdict.sourceId(), context());
        assertEquals(idsReadable ? sample.eventId() : UNKNOWN_EVENT_ID, verdict.eventId(), context());
    }

    private static Stream<Integer> templateIds()
    {
        return Stream.of(1, 2, 3, 4).map(i -> WireSample.TEMPLATE_IDS[i - 1]);
    }

    private static Stream<Integer> groupTemplateIds()
    {
        return Stream.of(MuonSegmentsEncoder.TEMPLATE_ID, FeatureVectorEncoder.TEMPLATE_ID,
            InferenceResultEncoder.TEMPLATE_ID);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 4, 7 })
    void fragmentShorterThanHeaderIsTruncated(final int fragmentLength)
    {
        encodeRandom(MuonSegmentsEncoder.TEMPLATE_ID);
        assertRejected(fragmentLength, RejectReason.TRUNCATED, MessageField.NONE, HEADER, UNKNOWN_TEMPLATE_ID, false);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 7000, 7002, 0xFFFF })
    void foreignSchemaIdIsUnknownSchema(final int schemaId)
    {
        encodeRandom(MuonSegmentsEncoder.TEMPLATE_ID);
        buffer.putShort(OFFSET + MessageHeaderEncoder.schemaIdEncodingOffset(), (short)schemaId);
        assertRejected(length, RejectReason.UNKNOWN_SCHEMA, MessageField.NONE, schemaId, UNKNOWN_TEMPLATE_ID, false);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, MessageHeaderEncoder.SCHEMA_VERSION + 1, 0xFFFF })
    void versionOutsideOneToCurrentIsUnsupported(final int version)
    {
        encodeRandom(MuonSegmentsEncoder.TEMPLATE_ID);
        buffer.putShort(OFFSET + MessageHeaderEncoder.versionEncodingOffset(), (short)version);
        assertRejected(
            length, RejectReason.UNSUPPORTED_VERSION, MessageField.NONE, version, MuonSegmentsEncoder.TEMPLATE_ID,
                true);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, RejectEncoder.TEMPLATE_ID + 1, 99, 0xFFFF })
    void templateIdNotInSchemaIsUnknownTemplate(final int templateId)
    {
        encodeRandom(MuonSegmentsEncoder.TEMPLATE_ID);
        buffer.putShort(OFFSET + MessageHeaderEncoder.templateIdEncodingOffset(), (short)templateId);
        assertRejected(length, RejectReason.UNKNOWN_TEMPLATE, MessageField.NONE, templateId, templateId, false);
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void blockLengthOtherThanTemplatesIsBadBlockLength(final int templateId)
    {
        encodeRandom(templateId);
        final int known = buffer.getShort(OFFSET + MessageHeaderEncoder.blockLengthEncodingOffset()) & 0xFFFF;
        for (final int declared : new int[]{ known - 1, known + 1, 0, 0xFFFF })
        {
            buffer.putShort(OFFSET + MessageHeaderEncoder.blockLengthEncodingOffset(), (short)declared);
            // The ids are still readable while the declared block covers them.
            final boolean idsReadable = declared >= MuonSegmentsEncoder.eventIdEncodingOffset() + Long.BYTES;
            assertRejected(length, RejectReason.BAD_BLOCK_LENGTH, MessageField.NONE, declared, templateId, idsReadable);
        }
    }

    @Test
    void declaredBlockTooShortForEventIdStillReportsSourceId()
    {
        encode(MuonSegmentsSample.random(random, 2));
        final int declared = MuonSegmentsEncoder.eventIdEncodingOffset() + Long.BYTES - 1;
        buffer.putShort(OFFSET + MessageHeaderEncoder.blockLengthEncodingOffset(), (short)declared);

        assertFalse(validator.validate(buffer, OFFSET, length, verdict), context());
        assertEquals(RejectReason.BAD_BLOCK_LENGTH, verdict.reason(), context());
        assertEquals(sample.sourceId(), verdict.sourceId(), context());
        assertEquals(UNKNOWN_EVENT_ID, verdict.eventId(), context());
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void fragmentEndingInsideTheBlockIsTruncated(final int templateId)
    {
        encodeRandom(templateId);
        final int blockEnd = HEADER + (buffer.getShort(OFFSET) & 0xFFFF);
        assertRejected(blockEnd - 1, RejectReason.TRUNCATED, MessageField.NONE, blockEnd, templateId, true);
        // Just the header: ids are not in the fragment.
        assertRejected(HEADER, RejectReason.TRUNCATED, MessageField.NONE, blockEnd, templateId, false);
    }

    @ParameterizedTest
    @MethodSource("groupTemplateIds")
    void fragmentEndingInsideTheGroupHeaderIsTruncated(final int templateId)
    {
        encodeRandom(templateId);
        final int entriesStart = HEADER + (buffer.getShort(OFFSET) & 0xFFFF) + GroupSizeEncodingEncoder.ENCODED_LENGTH;
        for (int cut = 1; cut <= GroupSizeEncodingEncoder.ENCODED_LENGTH; cut++)
        {
            assertRejected(entriesStart - cut, RejectReason.TRUNCATED, MessageField.NONE, entriesStart, templateId,
                true);
        }
    }

    @ParameterizedTest
    @MethodSource("groupTemplateIds")
    void groupEntryLengthOtherThanTemplatesIsBadGroup(final int templateId)
    {
        encodeRandom(templateId);
        final int groupHeader = OFFSET + HEADER + (buffer.getShort(OFFSET) & 0xFFFF);
        final int known = buffer.getShort(groupHeader) & 0xFFFF;
        for (final int declared : new int[]{ known - 1, known + 1, 0, 0xFFFF })
        {
            buffer.putShort(groupHeader + GroupSizeEncodingEncoder.blockLengthEncodingOffset(), (short)declared);
            assertRejected(
                length, RejectReason.BAD_GROUP, MessageField.GROUP_BLOCK_LENGTH, declared, templateId, true);
        }
    }

    static Stream<Arguments> groupCounts()
    {
        return Stream.of(
            Arguments.of(MuonSegmentsEncoder.TEMPLATE_ID, MessageField.PRIMITIVE_COUNT,
                MuonPrimitiveLimits.PRIMITIVE_COUNT_MIN, MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX),
            Arguments.of(FeatureVectorEncoder.TEMPLATE_ID, MessageField.INPUT_COUNT,
                ModelIoLimits.INPUT_COUNT_MIN, ModelIoLimits.INPUT_COUNT_MAX),
            Arguments.of(InferenceResultEncoder.TEMPLATE_ID, MessageField.OUTPUT_COUNT,
                ModelIoLimits.OUTPUT_COUNT_MIN, ModelIoLimits.OUTPUT_COUNT_MAX));
    }

    private WireSample sampleWithCount(final int templateId, final int count)
    {
        return switch (templateId)
        {
            case MuonSegmentsEncoder.TEMPLATE_ID -> MuonSegmentsSample.random(random, count);
            case FeatureVectorEncoder.TEMPLATE_ID -> FeatureVectorSample.random(random, count);
            case InferenceResultEncoder.TEMPLATE_ID -> InferenceResultSample.random(random, count);
            default -> throw new IllegalArgumentException("no group in template " + templateId);
        };
    }

    @ParameterizedTest
    @MethodSource("groupCounts")
    void groupCountIsCheckedAtMinMinusOneMinMaxMaxPlusOne(
        final int templateId, final MessageField countField, final int min, final int max)
    {
        for (final int count : new int[]{ min - 1, min, max, max + 1 })
        {
            encode(sampleWithCount(templateId, count));
            if (count >= min && count <= max)
            {
                assertTrue(validator.validate(buffer, OFFSET, length, verdict), "count=" + count + ' ' + context());
            }
            else
            {
                assertRejected(length, RejectReason.BAD_GROUP, countField, count, templateId, true);
            }
        }
    }

    @Test
    void hugeGroupCountIsBadGroupBeforeAnyLengthCheck()
    {
        encode(MuonSegmentsSample.random(random, 2));
        final int groupHeader = OFFSET + HEADER + MuonSegmentsEncoder.BLOCK_LENGTH;
        buffer.putShort(groupHeader + GroupSizeEncodingEncoder.numInGroupEncodingOffset(), (short)0xFFFF);
        assertRejected(length, RejectReason.BAD_GROUP, MessageField.PRIMITIVE_COUNT, 0xFFFF,
            MuonSegmentsEncoder.TEMPLATE_ID, true);
    }

    @ParameterizedTest
    @MethodSource("groupTemplateIds")
    void fragmentEndingInsideTheEntriesIsTruncated(final int templateId)
    {
        encodeRandom(templateId);
        for (final int cut : new int[]{ 1, 2 })
        {
            assertRejected(length - cut, RejectReason.TRUNCATED, MessageField.NONE, length, templateId, true);
        }
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void fragmentLongerThanTheMessageHasTrailingBytes(final int templateId)
    {
        encodeRandom(templateId);
        for (final int extra : new int[]{ 1, 7, 100 })
        {
            assertRejected(length + extra, RejectReason.TRAILING_BYTES, MessageField.NONE, extra, templateId, true);
        }
    }

    @Test
    void verdictIsResetBetweenCalls()
    {
        encode(MuonSegmentsSample.random(random, 2));
        assertFalse(validator.validate(buffer, OFFSET, length + 1, verdict), context());
        assertTrue(validator.validate(buffer, OFFSET, length, verdict), context());
        assertEquals(RejectReason.NULL_VAL, verdict.reason(), context());
        assertEquals(MessageField.NONE, verdict.field(), context());
        assertFalse(validator.validate(buffer, OFFSET, 3, verdict), context());
        assertEquals(UNKNOWN_SOURCE_ID, verdict.sourceId(), context());
        assertEquals(UNKNOWN_TEMPLATE_ID, verdict.templateId(), context());
    }

    @Test
    void fragmentOutsideTheBufferIsACallerBug()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[32]);
        final IllegalArgumentException tooLong = assertThrows(
            IllegalArgumentException.class, () -> validator.validate(small, 8, 25, verdict));
        assertTrue(tooLong.getMessage().contains("capacity=32"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> validator.validate(small, -1, 4, verdict));
        assertThrows(IllegalArgumentException.class, () -> validator.validate(small, 0, -1, verdict));
    }
}
