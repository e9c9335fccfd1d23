package io.l1infer.daemon;

import io.l1infer.codec.MuonPrimitives;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.RejectEncoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded mix of simulated muon segments and malformed messages sent to a daemon, and the check of its answers:
 * every valid event gets the engine's answer, every malformed message a Reject with the right reason, and the
 * daemon still answers afterwards. For a daemon in the test's JVM and for one started by the launcher.
 */
public final class MalformedInputMix
{
    private final long seed;
    private final int total;
    private final Map<Long, Integer> expectedRaw = new HashMap<>();
    private final Map<Long, RejectReason> expectedReason = new HashMap<>();
    private int anonymous;

    /**
     * @param seed  of the simulation and of the choice of defects; every assertion message names it.
     * @param total messages in the mix.
     */
    public MalformedInputMix(final long seed, final int total)
    {
        this.seed = seed;
        this.total = total;
    }

    /** Send the mix through {@code client} to a daemon running {@code model}, noting what each message must get. */
    public void send(final DaemonTestClient client, final ModelBundle model)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), seed);
        final ToyEvent toy = new ToyEvent();
        final MuonFeatures features = new MuonFeatures();
        final double[] values = new double[MuonFeatures.FEATURE_COUNT];
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 1))
        {
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
                        if (usable < MuonFeatures.MIN_PRIMITIVES)
                        {
                            expectedReason.put(id, RejectReason.TOO_FEW_PRIMITIVES);
                        }
                        else
                        {
                            features.build(p, values, 0);
                            final BatchBuffers buf = engine.buffers(0);
                            for (int f = 0; f < MuonFeatures.FEATURE_COUNT; f++)
                            {
                                buf.putInput(0, f, (int)model.input().type().fromDouble(values[f]));
                            }
                            engine.infer(0, 1);
                            expectedRaw.put(id, buf.getOutput(0, 0));
                        }
                    }
                }
                client.send(length);
                client.poll();
            }
        }
    }

    /** Wait for every answer and check each, then that one more valid event is still answered. */
    public void verify(final DaemonTestClient client)
    {
        client.awaitAnswers(total, 60_000);
        assertEquals(anonymous, client.anonymousRejects.size(), "rejects without a readable event id, seed " + seed);
        for (final Map.Entry<Long, Integer> e : expectedRaw.entrySet())
        {
            final DaemonTestClient.Answer a = client.answers.get(e.getKey());
            assertFalse(a.reject(), "event " + e.getKey() + " rejected: " + a.reason() + " seed " + seed);
            assertEquals(e.getValue().intValue(), a.raw()[0], "event " + e.getKey() + " seed " + seed);
        }
        for (final Map.Entry<Long, RejectReason> e : expectedReason.entrySet())
        {
            final DaemonTestClient.Answer a = client.answers.get(e.getKey());
            assertTrue(a.reject(), "event " + e.getKey() + " should be rejected, seed " + seed);
            assertEquals(e.getValue(), a.reason(), "event " + e.getKey() + " seed " + seed);
        }
        assertTrue(expectedRaw.size() > total / 3 && expectedReason.size() > total / 6, "mix too thin, seed " + seed);
        final int[] raw = new int[MuonFeatures.FEATURE_COUNT];
        raw[0] = 2048;
        client.send(client.encodeFeatures(total, raw));
        client.awaitAnswers(total + 1, 10_000);
        assertFalse(client.answers.get((long)total).reject(), "the event after the mix, seed " + seed);
    }
}
