package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.GroupSizeEncodingEncoder;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.RejectDecoder;
import io.l1infer.codec.sbe.RejectEncoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.codec.sbe.ResultStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Random;
import java.util.function.Supplier;

import static io.l1infer.codec.ModelIoLimits.BATCH_SIZE_MIN;
import static io.l1infer.codec.ModelIoLimits.INPUT_COUNT_MAX;
import static io.l1infer.codec.ModelIoLimits.INPUT_COUNT_MIN;
import static io.l1infer.codec.ModelIoLimits.OUTPUT_COUNT_MAX;
import static io.l1infer.codec.ModelIoLimits.OUTPUT_COUNT_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.EVENT_BX_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.EVENT_BX_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PRIMITIVE_COUNT_MIN;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random fragments and seeded random mutations of valid messages: the validator never throws, every
 * reject can be answered with a Reject, and whatever it accepts the generated decoders read completely, in
 * range, without reading past offset + length (the buffer ends there and Agrona bounds checks are on).
 */
class ValidatorFuzzTest
{
    private static final int CASES = 100_000;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();
    private final RejectWriter rejectWriter = new RejectWriter();
    private final UnsafeBuffer rejectBuffer = new UnsafeBuffer(new byte[RejectWriter.ENCODED_LENGTH]);
    private final byte[] bytes = new byte[16384];
    private final UnsafeBuffer fragment = new UnsafeBuffer(bytes);
    private final ValidationVerdict replyVerdict = new ValidationVerdict();
    private int accepted;

    @BeforeAll
    static void boundsChecksMustBeOn()
    {
        assertTrue(DirectBuffer.SHOULD_BOUNDS_CHECK, "the fuzz test relies on Agrona bounds checks");
    }

    @Test
    void randomBytes()
    {
        final Random random = new Random(TestSeed.SEED);
        for (int i = 0; i < CASES; i++)
        {
            final int offset = random.nextInt(16);
            final int length = random.nextInt(256);
            for (int b = 0; b < offset + length; b++)
            {
                bytes[b] = (byte)random.nextInt();
            }
            check(offset, length, "randomBytes", i);
        }
        report("randomBytes");
    }

    @Test
    void randomBodiesBehindPlausibleHeaders()
    {
        final Random random = new Random(TestSeed.SEED + 1);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int[] blockLengths = {
            MuonSegmentsEncoder.BLOCK_LENGTH, FeatureVectorEncoder.BLOCK_LENGTH,
            InferenceResultEncoder.BLOCK_LENGTH, RejectEncoder.BLOCK_LENGTH };
        final int[] entryLengths = {
            MuonSegmentsEncoder.PrimitivesEncoder.sbeBlockLength(), FeatureVectorEncoder.InputsEncoder.sbeBlockLength(),
            InferenceResultEncoder.OutputsEncoder.sbeBlockLength(), 0 };

        for (int i = 0; i < CASES; i++)
        {
            final int offset = random.nextInt(16);
            final int t = random.nextInt(4);
            final int count = random.nextInt(12);
            final int length = HEADER + blockLengths[t] +
                (entryLengths[t] == 0 ? 0 : GroupSizeEncodingEncoder.ENCODED_LENGTH + count * entryLengths[t]) +
                (random.nextInt(8) == 0 ? random.nextInt(5) - 2 : 0);
            for (int b = 0; b < offset + Math.max(length, 0); b++)
            {
                bytes[b] = (byte)random.nextInt();
            }
            fragment.wrap(bytes);
            header.wrap(fragment, offset)
                .blockLength(blockLengths[t])
                .templateId(WireSample.TEMPLATE_IDS[t])
                .schemaId(MessageHeaderEncoder.SCHEMA_ID)
                .version(MessageHeaderEncoder.SCHEMA_VERSION);
            if (entryLengths[t] != 0)
            {
                final int group = offset + HEADER + blockLengths[t];
                fragment.putShort(group, (short)entryLengths[t]);
                fragment.putShort(group + 2, (short)count);
            }
            // Bias ranged bytes into range often enough for some bodies to pass.
            if (t == 0 && random.nextBoolean())
            {
                fillPlausiblePrimitives(random, offset, count);
            }
            if (t == 2 && random.nextBoolean())
            {
                fragment.putByte(
                    offset + HEADER + InferenceResultEncoder.statusEncodingOffset(), (byte)random.nextInt(2));
            }
            if (t == 3 && random.nextBoolean())
            {
                fragment.putByte(offset + HEADER + RejectEncoder.reasonEncodingOffset(), (byte)random.nextInt(12));
                fragment.putByte(offset + HEADER + RejectEncoder.fieldEncodingOffset(), (byte)random.nextInt(22));
            }
            check(offset, Math.max(length, 0), "plausibleHeaders", i);
        }
        report("plausibleHeaders");
        assertTrue(accepted > 0, "no plausible body was accepted; the ok path went untested (seed=" + TestSeed.SEED +
            ")");
    }

    private void fillPlausiblePrimitives(final Random random, final int offset, final int count)
    {
        final int body = offset + HEADER;
        fragment.putShort(body + MuonSegmentsEncoder.bxEncodingOffset(), (short)random.nextInt(EVENT_BX_MAX + 2));
        final int entries = body + MuonSegmentsEncoder.BLOCK_LENGTH + GroupSizeEncodingEncoder.ENCODED_LENGTH;
        for (int i = 0; i < count; i++)
        {
            final int e = entries + i * MuonSegmentsEncoder.PrimitivesEncoder.sbeBlockLength();
            fragment.putByte(e + MuonSegmentsEncoder.PrimitivesEncoder.stationEncodingOffset(),
                (byte)WireSample.randomIn(random, STATION_MIN - 1, STATION_MAX));
            fragment.putByte(e + MuonSegmentsEncoder.PrimitivesEncoder.wheelEncodingOffset(),
                (byte)WireSample.randomIn(random, WHEEL_MIN, WHEEL_MAX + 1));
            fragment.putByte(e + MuonSegmentsEncoder.PrimitivesEncoder.sectorEncodingOffset(),
                (byte)WireSample.randomIn(random, SECTOR_MIN, SECTOR_MAX));
            fragment.putShort(e + MuonSegmentsEncoder.PrimitivesEncoder.phiEncodingOffset(),
                (short)WireSample.randomIn(random, PHI_MIN, PHI_MAX));
            fragment.putShort(e + MuonSegmentsEncoder.PrimitivesEncoder.phiBEncodingOffset(),
                (short)WireSample.randomIn(random, PHI_B_MIN, PHI_B_MAX));
            fragment.putByte(e + MuonSegmentsEncoder.PrimitivesEncoder.qualityEncodingOffset(),
                (byte)WireSample.randomIn(random, QUALITY_MIN, QUALITY_MAX));
            fragment.putByte(e + MuonSegmentsEncoder.PrimitivesEncoder.ts2tagEncodingOffset(),
                (byte)WireSample.randomIn(random, TS2TAG_MIN, TS2TAG_MAX));
        }
    }

    @Test
    void mutationsOfValidMessages()
    {
        final Random random = new Random(TestSeed.SEED + 2);
        for (int i = 0; i < CASES; i++)
        {
            final WireSample sample = WireSample.randomAnyVersion(WireSample.TEMPLATE_IDS[random.nextInt(4)], random);
            final int offset = random.nextInt(16);
            fragment.wrap(bytes);
            int length = sample.encode(fragment, offset);
            final int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++)
            {
                final int at = offset + random.nextInt(length);
                switch (random.nextInt(5))
                {
                    case 0 -> bytes[at] = (byte)random.nextInt();
                    case 1 -> bytes[at] ^= (byte)(1 << random.nextInt(8));
                    case 2 -> bytes[at] = (byte)(random.nextBoolean() ? 0 : 0xFF);
                    case 3 -> bytes[at] = (byte)(bytes[at] + (random.nextBoolean() ? 1 : -1));
                    default -> length = Math.max(0, Math.min(length + random.nextInt(9) - 4, bytes.length - offset));
                }
            }
            check(offset, length, "mutations", i);
        }
        report("mutations");
        assertTrue(accepted > 0, "no mutation was accepted; the ok path went untested (seed=" + TestSeed.SEED + ")");
    }

    private void report(final String kind)
    {
        System.out.println("ValidatorFuzzTest " + kind + ": seed=" + TestSeed.SEED + " cases=" + CASES +
            " accepted=" + accepted);
    }

    private void check(final int offset, final int length, final String kind, final int caseNumber)
    {
        // The fragment's buffer ends at offset + length: reading further throws IndexOutOfBoundsException.
        fragment.wrap(bytes, 0, offset + length);
        final Supplier<String> context = () -> kind + " seed=" + TestSeed.SEED + " case=" + caseNumber +
            " offset=" + offset + " length=" + length + " verdict=" + verdict + " fragment=" + hex(offset, length);
        final boolean ok;
        try
        {
            ok = validator.validate(fragment, offset, length, verdict);
        }
        catch (final RuntimeException ex)
        {
            fail(context.get() + ": validator threw", ex);
            return;
        }

        if (ok)
        {
            accepted++;
            assertDecodesCompletely(offset, length, context);
        }
        else
        {
            assertRejectIsAnswerable(context);
        }
    }

    private void assertDecodesCompletely(final int offset, final int length, final Supplier<String> context)
    {
        final WireSample.Decoded decoded;
        try
        {
            decoded = WireSample.decode(fragment, offset);
        }
        catch (final RuntimeException ex)
        {
            fail(context.get() + ": accepted but not decodable", ex);
            return;
        }
        assertEquals(length, decoded.length(), () -> context.get() + ": decoder consumed a different length");
        assertEquals(verdict.sourceId(), decoded.sample().sourceId(), context);
        assertEquals(verdict.eventId(), decoded.sample().eventId(), context);
        assertInRange(decoded.sample(), () -> context.get() + " decoded=" + decoded.sample());
    }

    private static void assertInRange(final WireSample sample, final Supplier<String> context)
    {
        if (sample instanceof MuonSegmentsSample segments)
        {
            assertTrue(segments.bx() >= EVENT_BX_MIN && segments.bx() <= EVENT_BX_MAX, context);
            assertTrue(segments.primitives().size() >= PRIMITIVE_COUNT_MIN &&
                segments.primitives().size() <= PRIMITIVE_COUNT_MAX, context);
            for (final MuonSegmentsSample.Primitive p : segments.primitives())
            {
                assertTrue(p.station() >= STATION_MIN && p.station() <= STATION_MAX, context);
                assertTrue(p.wheel() >= WHEEL_MIN && p.wheel() <= WHEEL_MAX, context);
                assertTrue(p.sector() >= SECTOR_MIN && p.sector() <= SECTOR_MAX, context);
                assertTrue(p.phi() >= PHI_MIN && p.phi() <= PHI_MAX, context);
                assertTrue(p.phiB() >= PHI_B_MIN && p.phiB() <= PHI_B_MAX, context);
                assertTrue(p.quality() >= QUALITY_MIN && p.quality() <= QUALITY_MAX, context);
                assertTrue(p.ts2tag() >= TS2TAG_MIN && p.ts2tag() <= TS2TAG_MAX, context);
            }
        }
        else if (sample instanceof FeatureVectorSample vector)
        {
            assertTrue(vector.inputs().size() >= INPUT_COUNT_MIN && vector.inputs().size() <= INPUT_COUNT_MAX, context);
        }
        else if (sample instanceof WideFeatureVectorSample vector)
        {
            assertTrue(vector.inputs().size() >= INPUT_COUNT_MIN && vector.inputs().size() <= INPUT_COUNT_MAX, context);
        }
        else if (sample instanceof WideInferenceResultSample result)
        {
            assertNotEquals(ResultStatus.NULL_VAL, result.status(), context);
            assertTrue(result.batchSize() >= BATCH_SIZE_MIN, context);
            assertTrue(result.outputs().size() >= OUTPUT_COUNT_MIN &&
                result.outputs().size() <= OUTPUT_COUNT_MAX, context);
        }
        else if (sample instanceof InferenceResultSample result)
        {
            assertNotEquals(ResultStatus.NULL_VAL, result.status(), context);
            assertTrue(result.batchSize() >= BATCH_SIZE_MIN, context);
            assertTrue(result.outputs().size() >= OUTPUT_COUNT_MIN &&
                result.outputs().size() <= OUTPUT_COUNT_MAX, context);
        }
        else if (sample instanceof RejectSample reject)
        {
            assertNotEquals(RejectReason.NULL_VAL, reject.reason(), context);
        }
    }

    private void assertRejectIsAnswerable(final Supplier<String> context)
    {
        assertNotEquals(RejectReason.NULL_VAL, verdict.reason(), context);
        final int written = rejectWriter.write(verdict, rejectBuffer, 0);
        assertTrue(validator.validate(rejectBuffer, 0, written, replyVerdict), () -> context.get() + " reply=" +
            replyVerdict);
        final RejectSample reply = (RejectSample)WireSample.decode(rejectBuffer, 0).sample();
        assertEquals(verdict.reason(), reply.reason(), context);
        assertEquals(verdict.field(), reply.field(), context);
        assertEquals(verdict.index(), reply.index(), context);
        assertEquals(verdict.value(), reply.value(), context);
        assertEquals(verdict.templateId(), reply.rejectedTemplateId(), context);
        assertEquals(verdict.sourceId(), reply.sourceId(), context);
        assertEquals(verdict.eventId(), reply.eventId(), context);
        assertEquals(RejectDecoder.TEMPLATE_ID, replyVerdict.templateId(), context);
    }

    private String hex(final int offset, final int length)
    {
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }
}
