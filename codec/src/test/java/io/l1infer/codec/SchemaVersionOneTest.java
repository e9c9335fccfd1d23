package io.l1infer.codec;

import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.codec.sbe.ResultStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Version 2 appended the daemon's stage times to InferenceResult: a result encoded at version 1 (shorter block)
 * must still validate and decode, with the stage times read as null, and a version-2 header with the old block
 * length must not.
 */
class SchemaVersionOneTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int V1_BLOCK = TemplateLayout.INFERENCE_RESULT_V1_BLOCK_LENGTH;

    private final UnsafeBuffer v2 = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer v1 = new UnsafeBuffer(new byte[512]);
    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();

    /** @return the length of a version-1 copy of a two-output result, written to {@link #v1}. */
    private int encodeVersionOne()
    {
        final InferenceResultEncoder encoder = new InferenceResultEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        encoder.wrapAndApplyHeader(v2, 0, header)
            .sourceId(7).eventId(42).sendTimeNs(1000).status(ResultStatus.OK).batchSize(3).daemonLatencyNs(55)
            .ingestPollNs(1).ringClaimNs(2).batchLaunchNs(3).batchCompleteNs(4).resultClaimNs(5);
        encoder.outputsCount(2).next().raw(11).value(1.5).next().raw(-3).value(-0.25);
        WireVersion.stampNarrow(header);
        final int v2Length = HEADER + encoder.encodedLength();
        final int groupLength = v2Length - HEADER - InferenceResultEncoder.BLOCK_LENGTH;
        v1.putBytes(0, v2, 0, HEADER + V1_BLOCK);
        v1.putBytes(HEADER + V1_BLOCK, v2, HEADER + InferenceResultEncoder.BLOCK_LENGTH, groupLength);
        v1.putShort(MessageHeaderEncoder.blockLengthEncodingOffset(), (short)V1_BLOCK);
        v1.putShort(MessageHeaderEncoder.versionEncodingOffset(), (short)1);
        return HEADER + V1_BLOCK + groupLength;
    }

    @Test
    void versionOneResultValidatesAndDecodesWithoutStageTimes()
    {
        final int length = encodeVersionOne();
        assertTrue(validator.validate(v1, 0, length, verdict), verdict.toString());

        final InferenceResultDecoder decoder = new InferenceResultDecoder();
        decoder.wrapAndApplyHeader(v1, 0, new MessageHeaderDecoder());
        assertEquals(42, decoder.eventId());
        assertEquals(55, decoder.daemonLatencyNs());
        assertEquals(InferenceResultDecoder.ingestPollNsNullValue(), decoder.ingestPollNs());
        assertEquals(InferenceResultDecoder.resultClaimNsNullValue(), decoder.resultClaimNs());
        final InferenceResultDecoder.OutputsDecoder outputs = decoder.outputs();
        assertEquals(2, outputs.count());
        assertEquals(11, outputs.next().raw());
        assertEquals(-0.25, outputs.next().value());
    }

    @Test
    void currentVersionWithTheOldBlockLengthIsRejected()
    {
        final int length = encodeVersionOne();
        v1.putShort(MessageHeaderEncoder.versionEncodingOffset(), (short)MessageHeaderEncoder.SCHEMA_VERSION);
        assertFalse(validator.validate(v1, 0, length, verdict));
        assertEquals(RejectReason.BAD_BLOCK_LENGTH, verdict.reason());
        assertEquals(MessageField.NONE, verdict.field());
        assertEquals(V1_BLOCK, verdict.value());
    }

    @Test
    void currentVersionCarriesTheStageTimes()
    {
        encodeVersionOne();
        final int length = HEADER + new InferenceResultDecoder().wrapAndApplyHeader(v2, 0, new MessageHeaderDecoder())
            .sbeSkip().encodedLength();
        assertTrue(validator.validate(v2, 0, length, verdict), verdict.toString());
        final InferenceResultDecoder decoder = new InferenceResultDecoder();
        decoder.wrapAndApplyHeader(v2, 0, new MessageHeaderDecoder());
        assertEquals(1, decoder.ingestPollNs());
        assertEquals(2, decoder.ringClaimNs());
        assertEquals(3, decoder.batchLaunchNs());
        assertEquals(4, decoder.batchCompleteNs());
        assertEquals(5, decoder.resultClaimNs());
    }
}
