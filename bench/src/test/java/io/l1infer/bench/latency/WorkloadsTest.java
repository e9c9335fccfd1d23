package io.l1infer.bench.latency;

import io.l1infer.client.ClientStatistics;
import io.l1infer.client.InferenceClient;
import io.l1infer.client.PrimitiveList;
import io.l1infer.client.SendOutcome;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.RandomModelGenerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workloads send what they were built from, cycle with the event id, and are deterministic. */
class WorkloadsTest
{
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void thesisSendsEveryRealRowQuantisedAndCycles()
    {
        final ModelBundle model = ModelBundle.load(HOME.resolve("models/muon-pt-thesis"));
        final ThesisWorkload w = ThesisWorkload.load(HOME.resolve("data/muon-pt-thesis/inputs.csv"), model);
        assertEquals(14_248, w.size());
        // Row 1 of inputs.csv: n_Primitive 3 and phiB_1 0.07421875; ap_fixed<16,6> has 10 fraction bits.
        assertEquals(3 * 1024, w.raw(0, 0));
        assertEquals((int)FixedPointType.apFixed(16, 6).fromDouble(0.07421875), w.raw(0, 13));
        final Capture capture = new Capture();
        assertEquals(SendOutcome.SENT, w.send(capture, 1, 14_248 + 5, 99));
        assertEquals(27, capture.features.size());
        for (int f = 0; f < 27; f++)
        {
            assertEquals(w.raw(5, f), capture.features.get(f), "event 14253 is row 5 again, feature " + f);
        }
        assertEquals(99, capture.sendTimeNs);
    }

    @Test
    void thesisRefusesAModelWithOtherInputs()
    {
        final ModelBundle small = RandomModelGenerator.generate(new int[] {5, 3, 1}, 0.5,
            FixedPointType.apFixed(16, 6), 1);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ThesisWorkload.load(HOME.resolve("data/muon-pt-thesis/inputs.csv"), small));
        assertTrue(ex.getMessage().contains("takes 5 inputs"), ex.getMessage());
    }

    @Test
    void toyPoolIsDeterministicPerSeedAndEverySentEventHasTwoPrimitivesOrMore()
    {
        final ToyWorkload a = ToyWorkload.generate(300, 5);
        final ToyWorkload b = ToyWorkload.generate(300, 5);
        final Capture ca = new Capture();
        final Capture cb = new Capture();
        for (int e = 0; e < 600; e++)
        {
            assertEquals(SendOutcome.SENT, a.send(ca, 1, e, e));
            assertEquals(SendOutcome.SENT, b.send(cb, 1, e, e));
            assertTrue(ca.primitives >= 2, "seed 5 event " + e + " has " + ca.primitives + " primitives");
            assertEquals(a.primitiveCount(e % 300), ca.primitives);
            assertEquals(ca.firstPhi, cb.firstPhi, "seed 5 event " + e);
            assertEquals(e % 3564, ca.bx);
        }
    }

    /** Records what a workload sends instead of sending it. */
    private static final class Capture implements InferenceClient
    {
        final List<Integer> features = new ArrayList<>();
        final ClientStatistics statistics = new ClientStatistics();
        long sendTimeNs;
        int primitives;
        int firstPhi;
        int bx;

        @Override
        public SendOutcome sendSegments(final long sourceId, final long eventId, final long sendTimeNs, final int bx,
            final PrimitiveList p)
        {
            this.sendTimeNs = sendTimeNs;
            this.primitives = p.count();
            this.firstPhi = p.phi(0);
            this.bx = bx;
            return SendOutcome.SENT;
        }

        @Override
        public SendOutcome sendFeatures(final long sourceId, final long eventId, final long sendTimeNs,
            final int[] raw, final int offset, final int count)
        {
            this.sendTimeNs = sendTimeNs;
            features.clear();
            for (int i = 0; i < count; i++)
            {
                features.add(raw[offset + i]);
            }
            return SendOutcome.SENT;
        }

        @Override
        public SendOutcome sendFeatures(final long sourceId, final long eventId, final long sendTimeNs,
            final long[] raw, final int offset, final int count)
        {
            throw new AssertionError("the workloads send int32 raw inputs");
        }

        @Override
        public int poll()
        {
            return 0;
        }

        @Override
        public int inFlight()
        {
            return 0;
        }

        @Override
        public ClientStatistics statistics()
        {
            return statistics;
        }

        @Override
        public void close()
        {
        }
    }
}
