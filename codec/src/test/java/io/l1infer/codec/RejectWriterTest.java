package io.l1infer.codec;

import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.RejectDecoder;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static io.l1infer.codec.ValidationVerdict.NO_INDEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RejectWriter encodes every reject reason, including those the daemon decides after an ok verdict, into a
 * Reject that validates and decodes to the verdict's values; it refuses verdicts with nothing to reject.
 */
class RejectWriterTest
{
    private final Random random = new Random(TestSeed.SEED);
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer reply = new UnsafeBuffer(new byte[256]);
    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();
    private final RejectWriter writer = new RejectWriter();

    @ParameterizedTest
    @EnumSource(value = RejectReason.class, names = "NULL_VAL", mode = EnumSource.Mode.EXCLUDE)
    void everyReasonIsWrittenAsAValidReject(final RejectReason reason)
    {
        final MuonSegmentsSample sample = MuonSegmentsSample.random(random, 3);
        final int length = sample.encode(request, 0);
        assertTrue(validator.validate(request, 0, length, verdict), "seed=" + TestSeed.SEED + " " + verdict);
        // As the daemon does for the reasons it decides itself: downgrade the ok verdict, keeping the ids.
        verdict.reject(reason, MessageField.PRIMITIVE_BX, 2, -7);

        final int offset = 40;
        final int written = writer.write(verdict, reply, offset);

        assertEquals(RejectWriter.ENCODED_LENGTH, written);
        final ValidationVerdict replyVerdict = new ValidationVerdict();
        assertTrue(validator.validate(reply, offset, written, replyVerdict), replyVerdict.toString());
        assertEquals(RejectDecoder.TEMPLATE_ID, replyVerdict.templateId());
        final RejectSample decoded = (RejectSample)WireSample.decode(reply, offset).sample();
        assertEquals(new RejectSample(sample.sourceId(), sample.eventId(), reason, MessageField.PRIMITIVE_BX,
            MuonSegmentsEncoder.TEMPLATE_ID, 2, -7), decoded, "seed=" + TestSeed.SEED);
    }

    @Test
    void rejectOfAnUnreadableFragmentCarriesNullIdsAndNoTemplate()
    {
        assertFalse(validator.validate(request, 0, 5, verdict));
        final int written = writer.write(verdict, reply, 0);

        final RejectDecoder decoder = new RejectDecoder().wrapAndApplyHeader(reply, 0, new MessageHeaderDecoder());
        assertEquals(RejectWriter.ENCODED_LENGTH, written);
        assertEquals(RejectReason.TRUNCATED, decoder.reason());
        assertEquals(MessageField.NONE, decoder.field());
        assertEquals(RejectDecoder.sourceIdNullValue(), decoder.sourceId());
        assertEquals(RejectDecoder.eventIdNullValue(), decoder.eventId());
        assertEquals(0, decoder.rejectedTemplateId());
        assertEquals(NO_INDEX, decoder.index());
        assertEquals(MessageHeaderDecoder.ENCODED_LENGTH, decoder.value());
    }

    @Test
    void refusesVerdictsWithNothingToReject()
    {
        final int length = MuonSegmentsSample.random(random, 2).encode(request, 0);
        assertTrue(validator.validate(request, 0, length, verdict));
        final IllegalArgumentException okVerdict =
            assertThrows(IllegalArgumentException.class, () -> writer.write(verdict, reply, 0));
        assertTrue(okVerdict.getMessage().contains("no reject reason"), okVerdict.getMessage());

        verdict.reset();
        assertThrows(IllegalArgumentException.class, () -> writer.write(verdict, reply, 0));
    }

    @Test
    void copiedVerdictWritesTheSameReject()
    {
        final int length = MuonSegmentsSample.random(random, 5).encode(request, 0);
        final int lastEntry = length - MuonSegmentsEncoder.PrimitivesEncoder.sbeBlockLength();
        request.putShort(lastEntry + MuonSegmentsEncoder.PrimitivesEncoder.phiBEncodingOffset(), (short)600);
        assertFalse(validator.validate(request, 0, length, verdict), "seed=" + TestSeed.SEED + " " + verdict);
        final ValidationVerdict copy = new ValidationVerdict().copyFrom(verdict);
        assertEquals(verdict.toString(), copy.toString());

        final UnsafeBuffer fromCopy = new UnsafeBuffer(new byte[RejectWriter.ENCODED_LENGTH]);
        writer.write(verdict, reply, 0);
        writer.write(copy, fromCopy, 0);
        assertEquals(0, new UnsafeBuffer(reply, 0, RejectWriter.ENCODED_LENGTH).compareTo(fromCopy));
        assertEquals(MessageField.PHI_B, copy.field(), copy.toString());
        assertEquals(4, copy.index(), copy.toString());
        assertEquals(600, copy.value(), copy.toString());
    }

    @Test
    void verdictRejectRefusesValuesAWireRejectCannotCarry()
    {
        assertThrows(IllegalArgumentException.class,
            () -> verdict.reject(RejectReason.NULL_VAL, MessageField.NONE, NO_INDEX, 0));
        assertThrows(IllegalArgumentException.class, () -> verdict.reject(null, MessageField.NONE, NO_INDEX, 0));
        assertThrows(IllegalArgumentException.class,
            () -> verdict.reject(RejectReason.TRUNCATED, MessageField.NULL_VAL, NO_INDEX, 0));
        assertThrows(IllegalArgumentException.class,
            () -> verdict.reject(RejectReason.TRUNCATED, MessageField.NONE, 256, 0));
        assertThrows(IllegalArgumentException.class,
            () -> verdict.reject(RejectReason.TRUNCATED, MessageField.NONE, -1, 0));
    }
}
