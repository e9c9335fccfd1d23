package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.GroupSizeEncodingEncoder;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder.PrimitivesEncoder;
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
import static io.l1infer.codec.ValidationVerdict.NO_INDEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ranged field at min-1, min, max and max+1 (as the bytes of its wire type can hold them), asserting
 * reason, field, entry index, offending value and the reported sourceId/eventId.
 */
class FieldRangeTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int OFFSET = 8;
    private static final int PRIMITIVES = 4;

    private final Random random = new Random(TestSeed.SEED);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();
    private WireSample sample;
    private int length;

    /** Where a ranged field sits and how wide and signed its wire type is. */
    record RangedField(MessageField field, int offsetInBlock, int width, boolean signed, long min, long max)
    {
        /** The value the decoder reads after {@code value} is written into the field's bytes. */
        long onTheWire(final long value)
        {
            final int bits = width * 8;
            final long masked = value & ((1L << bits) - 1);
            return signed && (masked >>> (bits - 1)) == 1 ? masked - (1L << bits) : masked;
        }

        void write(final UnsafeBuffer buffer, final int at, final long value)
        {
            switch (width)
            {
                case 1 -> buffer.putByte(at, (byte)value);
                case 2 -> buffer.putShort(at, (short)value);
                default -> throw new IllegalArgumentException("width " + width + " of " + field);
            }
        }

        public String toString()
        {
            return field + "[" + min + ".." + max + "]";
        }
    }

    static Stream<RangedField> primitiveFields()
    {
        return Stream.of(
            new RangedField(MessageField.STATION, PrimitivesEncoder.stationEncodingOffset(),
                PrimitivesEncoder.stationEncodingLength(), false, STATION_MIN, STATION_MAX),
            new RangedField(MessageField.WHEEL, PrimitivesEncoder.wheelEncodingOffset(),
                PrimitivesEncoder.wheelEncodingLength(), true, WHEEL_MIN, WHEEL_MAX),
            new RangedField(MessageField.SECTOR, PrimitivesEncoder.sectorEncodingOffset(),
                PrimitivesEncoder.sectorEncodingLength(), false, SECTOR_MIN, SECTOR_MAX),
            new RangedField(MessageField.PHI, PrimitivesEncoder.phiEncodingOffset(),
                PrimitivesEncoder.phiEncodingLength(), true, PHI_MIN, PHI_MAX),
            new RangedField(MessageField.PHI_B, PrimitivesEncoder.phiBEncodingOffset(),
                PrimitivesEncoder.phiBEncodingLength(), true, PHI_B_MIN, PHI_B_MAX),
            new RangedField(MessageField.QUALITY, PrimitivesEncoder.qualityEncodingOffset(),
                PrimitivesEncoder.qualityEncodingLength(), false, QUALITY_MIN, QUALITY_MAX),
            new RangedField(MessageField.TS2TAG, PrimitivesEncoder.ts2tagEncodingOffset(),
                PrimitivesEncoder.ts2tagEncodingLength(), false, TS2TAG_MIN, TS2TAG_MAX));
    }

    static Stream<Arguments> primitiveFieldsAtEachIndex()
    {
        return primitiveFields().flatMap(f -> Stream.of(0, 1, PRIMITIVES - 1).map(i -> Arguments.of(f, i)));
    }

    private void encode(final WireSample sample)
    {
        this.sample = sample;
        this.length = sample.encode(buffer, OFFSET);
    }

    private String context(final Object what)
    {
        return "seed=" + TestSeed.SEED + " " + what + " sample=" + sample + " verdict=" + verdict;
    }

    private void assertOk(final Object what)
    {
        assertTrue(validator.validate(buffer, OFFSET, length, verdict), context(what));
        assertEquals(sample.sourceId(), verdict.sourceId(), context(what));
        assertEquals(sample.eventId(), verdict.eventId(), context(what));
    }

    private void assertOutOfRange(final MessageField field, final int index, final long value, final Object what)
    {
        assertFalse(validator.validate(buffer, OFFSET, length, verdict), context(what));
        assertEquals(RejectReason.FIELD_OUT_OF_RANGE, verdict.reason(), context(what));
        assertEquals(field, verdict.field(), context(what));
        assertEquals(index, verdict.index(), context(what));
        assertEquals(value, verdict.value(), context(what));
        assertEquals(sample.templateId(), verdict.templateId(), context(what));
        assertEquals(sample.sourceId(), verdict.sourceId(), context(what));
        assertEquals(sample.eventId(), verdict.eventId(), context(what));
    }

    private void checkAtBoundaries(final RangedField field, final int at, final int index)
    {
        for (final long written : new long[]{ field.min() - 1, field.min(), field.max(), field.max() + 1 })
        {
            field.write(buffer, at, written);
            final long read = field.onTheWire(written);
            final String what = field + " index=" + index + " written=" + written + " read=" + read;
            if (read >= field.min() && read <= field.max())
            {
                assertOk(what);
            }
            else
            {
                assertOutOfRange(field.field(), index, read, what);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("primitiveFieldsAtEachIndex")
    void primitiveFieldIsCheckedAtItsBoundaries(final RangedField field, final int index)
    {
        encode(MuonSegmentsSample.random(random, PRIMITIVES));
        final int entry = OFFSET + HEADER + MuonSegmentsEncoder.BLOCK_LENGTH + GroupSizeEncodingEncoder.ENCODED_LENGTH +
            index * PrimitivesEncoder.sbeBlockLength();
        checkAtBoundaries(field, entry + field.offsetInBlock(), index);
    }

    @Test
    void eventBxIsCheckedAtItsBoundaries()
    {
        encode(MuonSegmentsSample.random(random, 2));
        final RangedField bx = new RangedField(MessageField.BX, MuonSegmentsEncoder.bxEncodingOffset(),
            MuonSegmentsEncoder.bxEncodingLength(), false, EVENT_BX_MIN, EVENT_BX_MAX);
        checkAtBoundaries(bx, OFFSET + HEADER + bx.offsetInBlock(), NO_INDEX);
    }

    @ParameterizedTest
    @ValueSource(ints = { Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE })
    void primitiveBxAcceptsEveryInt8(final int bx)
    {
        encode(MuonSegmentsSample.random(random, 3));
        final int entry = OFFSET + HEADER + MuonSegmentsEncoder.BLOCK_LENGTH + GroupSizeEncodingEncoder.ENCODED_LENGTH;
        buffer.putByte(entry + PrimitivesEncoder.bxEncodingOffset(), (byte)bx);
        assertOk("primitive bx=" + bx);
    }

    @Test
    void firstBadFieldInWireOrderIsReported()
    {
        encode(MuonSegmentsSample.random(random, PRIMITIVES));
        final int entries = OFFSET + HEADER + MuonSegmentsEncoder.BLOCK_LENGTH +
            GroupSizeEncodingEncoder.ENCODED_LENGTH;
        final int entryLength = PrimitivesEncoder.sbeBlockLength();
        buffer.putByte(entries + 3 * entryLength + PrimitivesEncoder.stationEncodingOffset(), (byte)9);
        buffer.putByte(entries + 2 * entryLength + PrimitivesEncoder.qualityEncodingOffset(), (byte)8);
        buffer.putByte(entries + 2 * entryLength + PrimitivesEncoder.ts2tagEncodingOffset(), (byte)2);
        assertOutOfRange(MessageField.QUALITY, 2, 8, "quality at 2 before ts2tag at 2 and station at 3");
    }

    static Stream<Integer> templatesWithRequiredIds()
    {
        return Stream.of(MuonSegmentsEncoder.TEMPLATE_ID, FeatureVectorEncoder.TEMPLATE_ID,
            InferenceResultEncoder.TEMPLATE_ID);
    }

    @ParameterizedTest
    @MethodSource("templatesWithRequiredIds")
    void requiredIdsAndSendTimeMustNotBeTheNullValue(final int templateId)
    {
        final int body = OFFSET + HEADER;

        encode(WireSample.random(templateId, random));
        buffer.putInt(body + MuonSegmentsEncoder.sourceIdEncodingOffset(), 0xFFFF_FFFE);
        sample = WireSample.decode(buffer, OFFSET).sample();
        assertOk("sourceId 2^32-2");
        buffer.putInt(body + MuonSegmentsEncoder.sourceIdEncodingOffset(), 0xFFFF_FFFF);
        sample = WireSample.decode(buffer, OFFSET).sample();
        assertOutOfRange(MessageField.SOURCE_ID, NO_INDEX, 0xFFFF_FFFFL, "sourceId null");

        encode(WireSample.random(templateId, random));
        buffer.putLong(body + MuonSegmentsEncoder.eventIdEncodingOffset(), -2L);
        sample = WireSample.decode(buffer, OFFSET).sample();
        assertOk("eventId 2^64-2");
        buffer.putLong(body + MuonSegmentsEncoder.eventIdEncodingOffset(), -1L);
        sample = WireSample.decode(buffer, OFFSET).sample();
        assertOutOfRange(MessageField.EVENT_ID, NO_INDEX, -1L, "eventId null");

        encode(WireSample.random(templateId, random));
        buffer.putLong(body + MuonSegmentsEncoder.sendTimeNsEncodingOffset(), Long.MIN_VALUE + 1);
        assertOk("sendTimeNs MIN+1");
        buffer.putLong(body + MuonSegmentsEncoder.sendTimeNsEncodingOffset(), Long.MIN_VALUE);
        assertOutOfRange(MessageField.SEND_TIME, NO_INDEX, Long.MIN_VALUE, "sendTimeNs null");
    }

    @Test
    void rejectMayCarryNullIds()
    {
        encode(new RejectSample(ValidationVerdict.UNKNOWN_SOURCE_ID, ValidationVerdict.UNKNOWN_EVENT_ID,
            RejectReason.TRUNCATED, MessageField.NONE, 0, NO_INDEX, 8));
        assertOk("reject with unknown ids");
    }

    @Test
    void resultStatusMustBeAKnownValue()
    {
        encode(InferenceResultSample.random(random, 1));
        final int at = OFFSET + HEADER + InferenceResultEncoder.statusEncodingOffset();
        for (final int status : new int[]{ 0, 1, 2, 254, 255 })
        {
            buffer.putByte(at, (byte)status);
            if (status <= 1)
            {
                assertOk("status=" + status);
            }
            else
            {
                assertOutOfRange(MessageField.RESULT_STATUS, NO_INDEX, status, "status=" + status);
            }
        }
    }

    @Test
    void batchSizeMustBeAtLeastOne()
    {
        encode(InferenceResultSample.random(random, 2));
        final int at = OFFSET + HEADER + InferenceResultEncoder.batchSizeEncodingOffset();
        buffer.putShort(at, (short)(ModelIoLimits.BATCH_SIZE_MIN - 1));
        assertOutOfRange(MessageField.BATCH_SIZE, NO_INDEX, ModelIoLimits.BATCH_SIZE_MIN - 1, "batchSize min-1");
        buffer.putShort(at, (short)ModelIoLimits.BATCH_SIZE_MIN);
        assertOk("batchSize min");
        buffer.putShort(at, (short)0xFFFF);
        assertOk("batchSize 65535");
    }

    @Test
    void rejectReasonAndFieldMustBeKnownValues()
    {
        final RejectReason[] reasons = RejectReason.values();
        final short lastReason = reasons[reasons.length - 2].value();
        final MessageField[] fields = MessageField.values();
        final short lastField = fields[fields.length - 2].value();

        encode(RejectSample.random(random));
        final int reasonAt = OFFSET + HEADER + RejectEncoder.reasonEncodingOffset();
        final int fieldAt = OFFSET + HEADER + RejectEncoder.fieldEncodingOffset();
        buffer.putByte(fieldAt, (byte)0);
        for (final int reason : new int[]{ 0, lastReason, lastReason + 1, 255 })
        {
            buffer.putByte(reasonAt, (byte)reason);
            if (reason <= lastReason)
            {
                assertOk("reason=" + reason);
            }
            else
            {
                assertOutOfRange(MessageField.REJECT_REASON, NO_INDEX, reason, "reason=" + reason);
            }
        }
        buffer.putByte(reasonAt, (byte)0);
        for (final int field : new int[]{ 0, lastField, lastField + 1, 255 })
        {
            buffer.putByte(fieldAt, (byte)field);
            if (field <= lastField)
            {
                assertOk("field=" + field);
            }
            else
            {
                assertOutOfRange(MessageField.REJECT_FIELD, NO_INDEX, field, "field=" + field);
            }
        }
    }

    @Test
    void featureVectorAcceptsAnyRawInput()
    {
        encode(FeatureVectorSample.random(random, 3));
        final int entries = OFFSET + HEADER + FeatureVectorEncoder.BLOCK_LENGTH +
            GroupSizeEncodingEncoder.ENCODED_LENGTH;
        for (final int raw : new int[]{ Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE })
        {
            buffer.putInt(entries + 2 * FeatureVectorEncoder.InputsEncoder.sbeBlockLength(), raw);
            assertOk("raw=" + raw);
        }
    }
}
