package io.l1infer.muon;

import io.l1infer.testsupport.ProjectPaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Compares the marginals of 20,000 accepted toy events (tuned default configuration) with the 14,248 real thesis
 * events, and prints the comparison table quoted in the README.
 */
class MarginalsTest
{
    private static final long SEED = 42L;
    private static final int EVENTS = 20_000;
    private static final double PHI_B_LSB = 1.0 / 512.0;

    @Test
    void toyMarginalsMatchTheRealSample()
    {
        final MarginalsReport real = new MarginalsReport();
        FeatureTableCsv.forEachRow(ProjectPaths.thesisInputsCsv(), (row, line) -> real.accept(row, 0));

        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final MuonFeatures features = new MuonFeatures();
        final MarginalsReport toy = new MarginalsReport();
        final ToyEvent event = new ToyEvent();
        final double[] row = new double[MuonFeatures.FEATURE_COUNT];
        for (int i = 0; i < EVENTS; i++)
        {
            simulation.nextAccepted(event);
            assertTrue(features.build(event.primitives(), row, 0) >= MuonFeatures.MIN_PRIMITIVES, "accepted event");
            toy.accept(row, 0);
        }
        final String table = MarginalsReport.comparisonTable(real, toy);
        System.out.printf("toy seed %d, %d accepted of %d generated%n%s", SEED, EVENTS, simulation.generated(), table);
        final String context = " (toy seed " + SEED + ")\n" + table;

        assertEquals(14_248, real.events());
        assertEquals(EVENTS, toy.events());
        // Multiplicity: 0.05 absolute, as the issue asks; binomial noise is below 0.004.
        for (int n = 2; n <= 4; n++)
        {
            assertEquals(real.multiplicityFraction(n), toy.multiplicityFraction(n), 0.05,
                "fraction with n_Primitive = " + n + context);
        }
        // Median |phiB|: phiB is digitised to 1/512 rad and the real MB4 median is only 2 counts, so a one-count
        // difference is allowed, or 25% where that is larger.
        for (int s = 1; s <= BarrelGeometry.STATIONS; s++)
        {
            final double expected = real.medianAbsPhiB(s);
            assertEquals(expected, toy.medianAbsPhiB(s), Math.max(PHI_B_LSB, 0.25 * expected) + 1e-12,
                "median |phiB| MB" + s + context);
        }
        // Quality flag: the toy draws it with a fixed probability; 0.03 absolute.
        assertEquals(real.qualityOneFraction(), toy.qualityOneFraction(), 0.03, "quality flag 1 fraction" + context);
        // delta_phi_12: one phi count (1/4096 rad) is 11% of the real median; allow 20%.
        assertEquals(real.medianNonZeroDeltaPhi12(), toy.medianNonZeroDeltaPhi12(),
            0.20 * real.medianNonZeroDeltaPhi12(), "median non-zero delta_phi_12" + context);
        // The 99th percentile comes from the softest muons, set by the spectrum's lower edge and the energy loss
        // before MB1 (both ~estimates); allow 25%.
        assertEquals(real.nonZeroDeltaPhi12Percentile(99), toy.nonZeroDeltaPhi12Percentile(99),
            0.25 * real.nonZeroDeltaPhi12Percentile(99), "99th percentile of non-zero delta_phi_12" + context);
        // Charge mix: the real sample is 91% positive phiB at MB1 (single-superlayer noise makes up most of the rest).
        assertEquals(real.positivePhiBFraction(1), toy.positivePhiBFraction(1), 0.03, "MB1 phiB > 0" + context);
        // Arrival order: MB4 arrives first in 10% of real events; the toy's z-based wheels give fewer (README).
        assertTrue(toy.station4FirstFraction() > 0.05 && toy.station4FirstFraction() < 0.15,
            "fraction with MB4 in slot 1" + context);
    }
}
