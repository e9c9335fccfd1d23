package io.l1infer.codec;

import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static io.l1infer.codec.ValidationVerdict.UNKNOWN_EVENT_ID;
import static io.l1infer.codec.ValidationVerdict.UNKNOWN_SOURCE_ID;
import static io.l1infer.codec.ValidationVerdict.UNKNOWN_TEMPLATE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A valid message cut at every byte length is TRUNCATED (never an exception, never ok), the whole message is
 * ok, and any longer fragment is TRAILING_BYTES; the ids are reported as soon as the fragment holds them.
 */
class TruncationTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int IDS_END = HEADER + MuonSegmentsEncoder.eventIdEncodingOffset() + Long.BYTES;

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8 })
    void muonSegmentsCutAtEveryLength(final int primitives)
    {
        final Random random = new Random(TestSeed.SEED + primitives);
        final MuonSegmentsSample sample = MuonSegmentsSample.random(random, primitives);
        checkEveryLength(sample, "seed=" + (TestSeed.SEED + primitives));
    }

    @Test
    void everyTemplateCutAtEveryLength()
    {
        final Random random = new Random(TestSeed.SEED);
        for (final int templateId : WireSample.TEMPLATE_IDS)
        {
            for (int i = 0; i < 20; i++)
            {
                checkEveryLength(
                    WireSample.randomAnyVersion(templateId, random), "seed=" + TestSeed.SEED + " case=" + i);
            }
        }
    }

    private static void checkEveryLength(final WireSample sample, final String seedContext)
    {
        final int offset = 3;
        final MessageValidator validator = new MessageValidator();
        final ValidationVerdict verdict = new ValidationVerdict();
        // The buffer ends exactly where the message ends: any read past it would throw.
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[16384]);
        final int fullLength = sample.encode(scratch, offset);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + fullLength + 64]);
        buffer.putBytes(0, scratch, 0, offset + fullLength);

        for (int length = 0; length < fullLength; length++)
        {
            final UnsafeBuffer exact = new UnsafeBuffer(buffer, 0, offset + length);
            final String context = seedContext + " length=" + length + "/" + fullLength + " sample=" + sample;

            assertFalse(validator.validate(exact, offset, length, verdict), context + " verdict=" + verdict);
            assertEquals(RejectReason.TRUNCATED, verdict.reason(), context + " verdict=" + verdict);
            assertTrue(verdict.value() > length && verdict.value() <= fullLength, context + " verdict=" + verdict);
            assertEquals(length < HEADER ? UNKNOWN_TEMPLATE_ID : sample.templateId(), verdict.templateId(), context);
            final boolean idsInFragment = length >= IDS_END;
            assertEquals(idsInFragment ? sample.eventId() : UNKNOWN_EVENT_ID, verdict.eventId(), context);
            if (!idsInFragment && length < HEADER + Integer.BYTES)
            {
                assertEquals(UNKNOWN_SOURCE_ID, verdict.sourceId(), context);
            }
            if (idsInFragment)
            {
                assertEquals(sample.sourceId(), verdict.sourceId(), context);
            }
        }

        assertTrue(validator.validate(new UnsafeBuffer(buffer, 0, offset + fullLength), offset, fullLength, verdict),
            seedContext + " full length, verdict=" + verdict);

        for (int extra = 1; extra <= 64; extra++)
        {
            assertFalse(validator.validate(buffer, offset, fullLength + extra, verdict), seedContext);
            assertEquals(RejectReason.TRAILING_BYTES, verdict.reason(), seedContext + " verdict=" + verdict);
            assertEquals(extra, verdict.value(), seedContext + " verdict=" + verdict);
            assertEquals(sample.eventId(), verdict.eventId(), seedContext + " verdict=" + verdict);
        }
    }
}
