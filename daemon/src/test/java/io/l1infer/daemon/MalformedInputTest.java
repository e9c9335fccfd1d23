package io.l1infer.daemon;

import io.l1infer.codec.MuonPrimitives;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.RejectEncoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded mix of simulated muon segments and malformed messages: every valid one gets the engine's answer, every
 * malformed one a Reject with the right reason, and the daemon keeps running.
 */
class MalformedInputTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 4242L);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void validEventsAreAnsweredAndEveryMalformedMessageRejectedWithItsReason()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final ToyEvent toy = new ToyEvent();
        final MuonFeatures features = new MuonFeatures();
        final double[] values = new double[27];
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of()));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon));
            FixedPointEmulator engine = new FixedPointEmulator(daemon.model(), 1))
        {
            final Map<Long, Integer> expectedRaw = new HashMap<>();
            final Map<Long, RejectReason> expectedReason = new HashMap<>();
            int anonymous = 0;
            final int total = 3000;
            for (long id = 0; id < total; id++)
            {
                do
                {
                    simulation.next(toy); // an empty group is a BAD_GROUP, covered by the codec tests
                }
                while (toy.primitives().count() == 0);
                final MuonPrimitives p = toy.primitives();
                int length = client.encodeSegments(id, p);
                final UnsafeBuffer b = client.buffer();
                final int kind = random.nextInt(14);
                final int usable = p.usableCount();
                switch (kind)
                {
                    case 0 -> // truncated: id unreadable when cut inside the fixed block
                    {
                        length = 1 + random.nextInt(MessageHeaderEncoder.ENCODED_LENGTH + 10);
                        anonymous++;
                    }
                    case 1 -> // random bytes
                    {
                        for (int i = 0; i < length; i++)
                        {
                            b.putByte(i, (byte)random.nextInt());
                        }
                        b.putShort(4, (short)1234); // not our schema, so the expected reason is certain
                        anonymous++;
                    }
                    case 2 ->
                    {
                        b.putShort(6, (short)9); // version
                        expectedReason.put(id, RejectReason.UNSUPPORTED_VERSION);
                    }
                    case 3 ->
                    {
                        b.putShort(2, (short)77); // template
                        anonymous++;
                    }
                    case 4 -> // station 5 in the first primitive
                    {
                        b.putByte(MessageHeaderEncoder.ENCODED_LENGTH + MuonSegmentsEncoder.BLOCK_LENGTH + 4, (byte)5);
                        expectedReason.put(id, RejectReason.FIELD_OUT_OF_RANGE);
                    }
                    case 5 -> // a Reject sent to the daemon
                    {
                        new RejectEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).sourceId(7)
                            .eventId(id).reason(RejectReason.TRUNCATED).field(io.l1infer.codec.sbe.MessageField.NONE)
                            .rejectedTemplateId(1).index((short)255).value(0);
                        length = MessageHeaderEncoder.ENCODED_LENGTH + RejectEncoder.BLOCK_LENGTH;
                        expectedReason.put(id, RejectReason.UNSUPPORTED_MESSAGE);
                    }
                    case 6 -> // feature vector of the wrong size
                    {
                        length = client.encodeFeatures(id, new int[26]);
                        expectedReason.put(id, RejectReason.WRONG_INPUT_SIZE);
                    }
                    case 7 -> // trailing bytes
                    {
                        length += 3;
                        expectedReason.put(id, RejectReason.TRAILING_BYTES);
                    }
                    default ->
                    {
                        if (usable < 2)
                        {
                            expectedReason.put(id, RejectReason.TOO_FEW_PRIMITIVES);
                        }
                        else
                        {
                            features.build(p, values, 0);
                            final BatchBuffers buf = engine.buffers(0);
                            for (int f = 0; f < 27; f++)
                            {
                                buf.putInput(0, f, (int)daemon.model().input().type().fromDouble(values[f]));
                            }
                            engine.infer(0, 1);
                            expectedRaw.put(id, buf.getOutput(0, 0));
                        }
                    }
                }
                client.send(length);
                client.poll();
            }
            client.awaitAnswers(total, 60_000);
            assertEquals(anonymous, client.anonymousRejects.size(), "rejects without a readable event id");
            for (final Map.Entry<Long, Integer> e : expectedRaw.entrySet())
            {
                final DaemonTestClient.Answer a = client.answers.get(e.getKey());
                assertFalse(a.reject(), "event " + e.getKey() + " rejected: " + a.reason() + " seed " + SEED);
                assertEquals(e.getValue().intValue(), a.raw()[0], "event " + e.getKey() + " seed " + SEED);
            }
            for (final Map.Entry<Long, RejectReason> e : expectedReason.entrySet())
            {
                final DaemonTestClient.Answer a = client.answers.get(e.getKey());
                assertTrue(a.reject(), "event " + e.getKey() + " should be rejected, seed " + SEED);
                assertEquals(e.getValue(), a.reason(), "event " + e.getKey() + " seed " + SEED);
            }
            assertTrue(expectedRaw.size() > 1000 && expectedReason.size() > 500, "mix too thin");
            // Still alive: one more valid event is answered.
            final int[] raw = new int[27];
            raw[0] = 2048;
            client.send(client.encodeFeatures(total, raw));
            client.awaitAnswers(total + 1, 10_000);
            assertFalse(client.answers.get((long)total).reject());
            assertTrue(daemon.drainAndStop());
            System.out.println(daemon.report());
        }
    }
}
