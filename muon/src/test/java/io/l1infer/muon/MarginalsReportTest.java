package io.l1infer.muon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Statistics of {@link MarginalsReport} and {@link SampleDistribution} on hand-made rows. */
class MarginalsReportTest
{
    private static double[] row(final int n, final int[] stations, final double[] phiB, final int[] quality,
        final double deltaPhi12)
    {
        final double[] r = new double[MuonFeatures.FEATURE_COUNT];
        r[MuonFeatures.N_PRIMITIVE] = n;
        for (int s = 0; s < stations.length; s++)
        {
            r[MuonFeatures.STATION + s] = stations[s];
            r[MuonFeatures.PHI_B + s] = phiB[s];
            r[MuonFeatures.QUALITY + s] = quality[s];
        }
        r[MuonFeatures.DELTA_PHI] = deltaPhi12;
        return r;
    }

    @Test
    void computesMultiplicityMediansQualityAndOrder()
    {
        final MarginalsReport report = new MarginalsReport();
        report.accept(row(2, new int[] {1, 2}, new double[] {0.01, -0.02}, new int[] {1, 0}, 0.001), 0);
        report.accept(row(3, new int[] {1, 2, 3}, new double[] {0.03, 0.01, 0.005}, new int[] {1, 1, 1}, 0.002), 0);
        report.accept(row(3, new int[] {4, 1, 2}, new double[] {-0.004, 0.05, 0.03}, new int[] {0, 1, 1}, 0.0), 0);
        report.accept(row(1, new int[] {1}, new double[] {9.0}, new int[] {1}, 0.0), 0);

        assertEquals(3, report.events());
        assertEquals(1, report.rejected());
        assertEquals(1.0 / 3, report.multiplicityFraction(2), 1e-12);
        assertEquals(2.0 / 3, report.multiplicityFraction(3), 1e-12);
        assertEquals(0.0, report.multiplicityFraction(4));
        assertEquals(0.03, report.medianAbsPhiB(1), 1e-12, "median of 0.01, 0.03, 0.05");
        assertEquals(0.02, report.medianAbsPhiB(2), 1e-12, "median of 0.02, 0.01, 0.03");
        assertEquals(2.0 / 3, report.positivePhiBFraction(2), 1e-12);
        assertEquals(6.0 / 8, report.qualityOneFraction(), 1e-12);
        assertEquals(0.0015, report.medianNonZeroDeltaPhi12(), 1e-12, "zeros are left out");
        assertEquals(1.0 / 3, report.station4FirstFraction(), 1e-12);
        final String table = MarginalsReport.comparisonTable(report, report);
        assertTrue(table.contains("| fraction n_Primitive = 3 | 0.667 | 0.667 |"), table);
    }

    @Test
    void percentilesInterpolateLikeNumpy()
    {
        final SampleDistribution d = new SampleDistribution();
        for (final double v : new double[] {4, 1, 3, 2, 10})
        {
            d.add(v);
        }
        assertEquals(3.0, d.median());
        assertEquals(1.0, d.percentile(0));
        assertEquals(10.0, d.percentile(100));
        // numpy.percentile([1,2,3,4,10], 90) = 4 + 0.6 * 6 = 7.6
        assertEquals(7.6, d.percentile(90), 1e-12);
        assertTrue(Double.isNaN(new SampleDistribution().median()));
        for (int i = 0; i < 5_000; i++)
        {
            d.add(i);
        }
        assertEquals(5_005, d.size());
    }
}
