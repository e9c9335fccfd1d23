package io.l1infer.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message encoded with the generated encoders validates ok and decodes back to the same values.
 */
class RoundTripTest
{
    private static final int MESSAGES_PER_TEMPLATE = 2_000;

    @Test
    void everyMessageRoundTripsThroughEncoderValidatorAndDecoder()
    {
        final Random random = new Random(TestSeed.SEED);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16384]);
        final MessageValidator validator = new MessageValidator();
        final ValidationVerdict verdict = new ValidationVerdict();

        for (final int templateId : WireSample.TEMPLATE_IDS)
        {
            for (int i = 0; i < MESSAGES_PER_TEMPLATE; i++)
            {
                final WireSample sample = WireSample.randomAnyVersion(templateId, random);
                final int offset = random.nextInt(64);
                final int length = sample.encode(buffer, offset);
                final String context = "seed=" + TestSeed.SEED + " template=" + templateId + " case=" + i +
                    " sample=" + sample;

                assertTrue(validator.validate(buffer, offset, length, verdict), context + " verdict=" + verdict);
                assertEquals(templateId, verdict.templateId(), context);
                final WireSample.Decoded decoded = WireSample.decode(buffer, offset);
                assertEquals(sample, decoded.sample(), context);
                assertEquals(length, decoded.length(), context);
            }
        }
    }

    @Test
    void okVerdictReportsTheMessageIdentity()
    {
        final Random random = new Random(TestSeed.SEED);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16384]);
        final ValidationVerdict verdict = new ValidationVerdict();
        final MuonSegmentsSample sample = MuonSegmentsSample.random(random, 3);
        final int length = sample.encode(buffer, 0);

        assertTrue(new MessageValidator().validate(buffer, 0, length, verdict), "seed=" + TestSeed.SEED);
        assertEquals(sample.sourceId(), verdict.sourceId(), "seed=" + TestSeed.SEED);
        assertEquals(sample.eventId(), verdict.eventId(), "seed=" + TestSeed.SEED);
        assertEquals(ValidationVerdict.NO_INDEX, verdict.index());
        assertEquals(0, verdict.value());
    }
}
