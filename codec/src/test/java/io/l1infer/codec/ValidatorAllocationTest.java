package io.l1infer.codec;

import io.l1infer.codec.sbe.GroupSizeEncodingEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * validate (on accepting and on every rejecting path) and RejectWriter.write allocate nothing, measured with the
 * thread's allocated-bytes counter around 100k calls after warm-up.
 */
class ValidatorAllocationTest
{
    private static final int WARM_UP_CALLS = 200_000;
    private static final int MEASURED_CALLS = 100_000;
    private static final long SLACK_BYTES = 1024;
    private static final int MAX_ROUNDS = 5;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    /** A fragment to validate: where it lies in the shared buffer. */
    private record Fragment(int offset, int length)
    {
    }

    @Test
    void validateAndRejectWriteDoNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
        final Fragment[] fragments = buildFragments(buffer, new Random(TestSeed.SEED));
        final MessageValidator validator = new MessageValidator();
        final ValidationVerdict verdict = new ValidationVerdict();
        final RejectWriter writer = new RejectWriter();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[RejectWriter.ENCODED_LENGTH]);

        final Set<RejectReason> reasonsSeen = EnumSet.noneOf(RejectReason.class);
        int okSeen = 0;
        for (final Fragment f : fragments)
        {
            if (validator.validate(buffer, f.offset(), f.length(), verdict))
            {
                okSeen++;
            }
            else
            {
                reasonsSeen.add(verdict.reason());
            }
        }
        assertTrue(okSeen > 0, "no accepted fragment in the mix");
        assertEquals(EnumSet.range(RejectReason.TRUNCATED, RejectReason.FIELD_OUT_OF_RANGE), reasonsSeen,
            "every reason the validator decides must be in the measured mix");

        long checksum = run(validator, verdict, writer, out, buffer, fragments, WARM_UP_CALLS);
        final long threadId = Thread.currentThread().getId();
        // The least of several rounds: a round in which the JIT swaps code (an OSR or a recompilation) can allocate
        // a kilobyte once, while a real allocation per call (16 bytes at least) shows as 1.6 MB in every round.
        long least = Long.MAX_VALUE;
        for (int round = 0; round < MAX_ROUNDS && least >= SLACK_BYTES; round++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            checksum += run(validator, verdict, writer, out, buffer, fragments, MEASURED_CALLS);
            least = Math.min(least, threads.getThreadAllocatedBytes(threadId) - before);
        }
        assertTrue(least < SLACK_BYTES, "allocated at least " + least + " bytes in every one of " + MAX_ROUNDS +
            " rounds of " + MEASURED_CALLS + " validate calls (checksum " + checksum + ")");
    }

    private static long run(
        final MessageValidator validator,
        final ValidationVerdict verdict,
        final RejectWriter writer,
        final UnsafeBuffer out,
        final UnsafeBuffer buffer,
        final Fragment[] fragments,
        final int calls)
    {
        long checksum = 0;
        for (int i = 0; i < calls; i++)
        {
            final Fragment f = fragments[i % fragments.length];
            if (validator.validate(buffer, f.offset(), f.length(), verdict))
            {
                checksum += verdict.eventId();
            }
            else
            {
                checksum += writer.write(verdict, out, 0) + verdict.value();
            }
        }

        return checksum;
    }

    /**
     * Valid messages of every template plus a broken copy for every reason the validator decides.
     */
    private static Fragment[] buildFragments(final UnsafeBuffer buffer, final Random random)
    {
        final Fragment[] fragments = new Fragment[64];
        int n = 0;
        int at = 0;
        for (int i = 0; i < 16; i++)
        {
            final WireSample sample = WireSample.random(WireSample.TEMPLATE_IDS[i % 4], random);
            final int length = sample.encode(buffer, at);
            fragments[n++] = new Fragment(at, length);
            at += 512;
        }

        final int body = HEADER;
        final int groupHeader = body + MuonSegmentsEncoder.BLOCK_LENGTH;
        final int firstEntry = groupHeader + GroupSizeEncodingEncoder.ENCODED_LENGTH;
        final int[][] corruptions = {
            // { kind, position relative to message, value }: kind 0 = short, 1 = byte, 2 = length delta
            { 2, 0, -1 },                                                             // TRUNCATED
            { 0, MessageHeaderEncoder.schemaIdEncodingOffset(), 1 },                  // UNKNOWN_SCHEMA
            { 0, MessageHeaderEncoder.versionEncodingOffset(), 9 },                   // UNSUPPORTED_VERSION
            { 0, MessageHeaderEncoder.templateIdEncodingOffset(), 77 },               // UNKNOWN_TEMPLATE
            { 0, MessageHeaderEncoder.blockLengthEncodingOffset(), 23 },              // BAD_BLOCK_LENGTH
            { 0, groupHeader + GroupSizeEncodingEncoder.numInGroupEncodingOffset(), 9 }, // BAD_GROUP
            { 2, 0, 3 },                                                              // TRAILING_BYTES
            { 1, firstEntry + MuonSegmentsEncoder.PrimitivesEncoder.sectorEncodingOffset(), 13 }, // FIELD_OUT_OF_RANGE
            { 0, body + MuonSegmentsEncoder.bxEncodingOffset(), 3564 },               // FIELD_OUT_OF_RANGE (bx)
        };
        for (final int[] corruption : corruptions)
        {
            final int length = MuonSegmentsSample.random(random, 4).encode(buffer, at);
            switch (corruption[0])
            {
                case 0 -> buffer.putShort(at + corruption[1], (short)corruption[2]);
                case 1 -> buffer.putByte(at + corruption[1], (byte)corruption[2]);
                default ->
                {
                }
            }
            fragments[n++] = new Fragment(at, corruption[0] == 2 ? length + corruption[2] : length);
            at += 512;
        }
        fragments[n++] = new Fragment(at, 3); // shorter than a header

        final Fragment[] used = new Fragment[n];
        System.arraycopy(fragments, 0, used, 0, n);
        return used;
    }
}
