package io.l1infer.training;

import io.l1infer.codec.MuonPrimitives;
import io.l1infer.muon.ToySimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses, the monotone fit, and the tables built from simulated muons. */
class PtLutTest
{
    private static final long SEED = 31337L;
    private static PtLut lut;

    @BeforeAll
    static void build()
    {
        lut = PtLutBuilder.simulate(ToySimulationConfig.thesisLike(), SEED, 40_000);
    }

    @Test
    void addressCorrectsSectorsTheShortWayRoundAndWrapsToTenBits()
    {
        final MuonPrimitives p = new MuonPrimitives();
        p.add(1, 0, 3, 100, 10, 5, 0, 0);
        p.add(2, 0, 3, 130, 8, 5, 0, 0);
        p.add(3, 0, 4, -2100, 4, 5, 0, 0);
        p.add(4, 0, 12, 1000, 2, 5, 0, 0);
        p.add(1, 0, 1, -1000, 2, 5, 0, 0);
        assertEquals(30, LutAddress.deltaPhi(p, 0, 1));
        // one sector up: -2100 + 2144 - 100 = -56
        assertEquals(-56, LutAddress.deltaPhi(p, 0, 2));
        // sector 12 to sector 1 is one sector up: -1000 + 2144 - 1000 = 144
        assertEquals(144, LutAddress.deltaPhi(p, 3, 4));
        assertEquals(-512, LutAddress.wrap10(512));
        assertEquals(511, LutAddress.wrap10(-513));
        assertEquals(100, LutAddress.wrap10(1124));
    }

    @Test
    void monotoneFitPoolsViolators()
    {
        final double[] fit =
            MonotoneFit.nonIncreasing(new double[] {5, 3, 4, 1, 2, 0}, new double[] {1, 1, 1, 1, 3, 1}, 6);
        assertArrayEquals(new double[] {5, 3.5, 3.5, 1.75, 1.75, 0}, fit, 1e-12);
    }

    @Test
    void tablesFallAsTheAddressGrowsAndSpanTheSimulatedRange()
    {
        for (final StationPair pair : StationPair.values())
        {
            double previous = Double.POSITIVE_INFINITY;
            for (int a = 0; a < LutAddress.ENTRIES; a++)
            {
                final double pt = lut.deltaPhiEntry(pair, a);
                assertTrue(pt <= previous && pt >= 3.0 && pt <= 200.0,
                    "pair " + pair.label() + " address " + a + ": " + pt + " after " + previous +
                        " (seed " + SEED + ")");
                previous = pt;
            }
            assertEquals(200.0, lut.deltaPhiEntry(pair, 0), "a zero difference is the hardest muon");
        }
        // The classic numbers: MB1-MB2 bends ~0.2/pT rad, i.e. ~820/pT counts; 16 counts ~ 50 GeV/c.
        assertEquals(51.0, lut.deltaPhiEntry(StationPair.MB1_MB2, 16), 5.0, "seed " + SEED);
        assertEquals(lut.deltaPhiEntry(StationPair.MB1_MB2, 40), lut.deltaPhiEntry(StationPair.MB1_MB2, -40));
    }

    @Test
    void assignmentTracksTheTruePtOfFreshMuons()
    {
        final EvaluationResult result = Evaluation.run(RandomTalkModel.get(), lut, ToySimulationConfig.thesisLike(),
            SEED + 1, 5000);
        assertEquals(0, result.unassignedByLut());
        for (final BinResolution bin : result.resolution())
        {
            assertTrue(Math.abs(bin.lut().centre()) < 0.1 && bin.lut().sigma() < 0.35,
                "LUT resolution in bin " + bin.line() + " (seeds " + SEED + ", " + (SEED + 1) + ")");
        }
    }

    @Test
    void twoStationTracksKeepTheSmallerOfDeltaPhiAndBendingPt()
    {
        final MuonPrimitives p = new MuonPrimitives();
        // MB1 and MB2 in one sector, 16 counts apart (~50 GeV/c), MB1 bending 40 counts (much softer).
        p.add(1, 0, 5, 200, 40, 5, 0, 0);
        p.add(2, 0, 5, 216, 20, 5, 0, 0);
        final double pt = lut.assign(p);
        assertEquals(Math.min(lut.deltaPhiEntry(StationPair.MB1_MB2, 16), lut.phiBEntry(1, 40)), pt);
        assertTrue(pt < lut.deltaPhiEntry(StationPair.MB1_MB2, 16));
        // A third station removes the bending-angle check.
        p.add(3, 0, 5, 230, 10, 5, 0, 0);
        assertEquals(lut.deltaPhiEntry(StationPair.MB1_MB2, 16), lut.assign(p));
        // Without MB1 the next pair in priority, 2-3, decides; out-of-time and null primitives do not count.
        final MuonPrimitives q = new MuonPrimitives();
        q.add(1, 0, 5, 0, 40, 5, 0, 1);
        q.add(2, 0, 5, 216, 20, 7, 0, 0);
        q.add(2, 0, 5, 216, 20, 5, 0, 0);
        q.add(3, 0, 5, 236, 10, 5, 0, 0);
        q.add(4, 0, 5, 240, 10, 5, 0, 0);
        assertEquals(lut.deltaPhiEntry(StationPair.MB2_MB3, 20), lut.assign(q));
    }
}
