package io.l1infer.muon;

import java.util.Locale;

/**
 * Summary statistics of a stream of 27-feature rows, used to compare the toy simulation with the real sample:
 * n_Primitive multiplicity, median |phiB| and positive-phiB fraction per station, fraction of quality flag 1,
 * median and 99th percentile of non-zero delta_phi_12, and how often MB4 arrives first.
 *
 * <p>Rows with n_Primitive below {@link MuonFeatures#MIN_PRIMITIVES} are counted as rejected and otherwise
 * ignored, as the model never sees them. Percentiles interpolate linearly (numpy's default).
 */
public final class MarginalsReport
{
    private final long[] multiplicity = new long[MuonFeatures.SLOT_COUNT + 1];
    private final SampleDistribution[] absPhiB = new SampleDistribution[BarrelGeometry.STATIONS];
    private final long[] positivePhiB = new long[BarrelGeometry.STATIONS];
    private final SampleDistribution deltaPhi12 = new SampleDistribution();
    private long rejected;
    private long slots;
    private long qualityOne;
    private long station4First;

    public MarginalsReport()
    {
        for (int i = 0; i < absPhiB.length; i++)
        {
            absPhiB[i] = new SampleDistribution();
        }
    }

    /** Adds the row at {@code features[offset .. offset+26]}. */
    public void accept(final double[] features, final int offset)
    {
        final int n = (int)features[offset + MuonFeatures.N_PRIMITIVE];
        if (n < MuonFeatures.MIN_PRIMITIVES || n > MuonFeatures.SLOT_COUNT)
        {
            rejected++;
            return;
        }
        multiplicity[n]++;
        for (int s = 0; s < n; s++)
        {
            final int station = (int)features[offset + MuonFeatures.STATION + s];
            final double phiB = features[offset + MuonFeatures.PHI_B + s];
            if (station >= 1 && station <= BarrelGeometry.STATIONS)
            {
                absPhiB[station - 1].add(Math.abs(phiB));
                if (phiB > 0)
                {
                    positivePhiB[station - 1]++;
                }
            }
            slots++;
            if (features[offset + MuonFeatures.QUALITY + s] == 1.0)
            {
                qualityOne++;
            }
        }
        if (features[offset + MuonFeatures.STATION] == 4.0)
        {
            station4First++;
        }
        final double d12 = features[offset + MuonFeatures.DELTA_PHI];
        if (d12 != 0.0)
        {
            deltaPhi12.add(d12);
        }
    }

    /** Rows counted (n_Primitive 2..4). */
    public long events()
    {
        return multiplicity[2] + multiplicity[3] + multiplicity[4];
    }

    /** Rows ignored because n_Primitive was below 2 (or above 4). */
    public long rejected()
    {
        return rejected;
    }

    /** Fraction of counted rows with n_Primitive == n (2..4). */
    public double multiplicityFraction(final int n)
    {
        return (double)multiplicity[n] / events();
    }

    /** Median |phiB| of primitives in station 1..4, rad. */
    public double medianAbsPhiB(final int station)
    {
        return absPhiB[station - 1].median();
    }

    /** Fraction of primitives in station 1..4 with phiB &gt; 0. */
    public double positivePhiBFraction(final int station)
    {
        return (double)positivePhiB[station - 1] / absPhiB[station - 1].size();
    }

    /** Number of primitives in station 1..4. */
    public long primitivesInStation(final int station)
    {
        return absPhiB[station - 1].size();
    }

    /** Fraction of filled slots whose quality flag is 1. */
    public double qualityOneFraction()
    {
        return (double)qualityOne / slots;
    }

    /** Median of the non-zero delta_phi_12 values, rad. */
    public double medianNonZeroDeltaPhi12()
    {
        return deltaPhi12.median();
    }

    /** Given percentile of the non-zero delta_phi_12 values, rad. */
    public double nonZeroDeltaPhi12Percentile(final double percent)
    {
        return deltaPhi12.percentile(percent);
    }

    /** Fraction of counted rows whose slot 1 holds station 4. */
    public double station4FirstFraction()
    {
        return (double)station4First / events();
    }

    /** A Markdown table comparing {@code real} with {@code toy}, one statistic per line. */
    public static String comparisonTable(final MarginalsReport real, final MarginalsReport toy)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("| statistic | real | toy |\n|---|---:|---:|\n");
        row(sb, "events (n_Primitive >= 2)", "%d", real.events(), toy.events());
        for (int n = 2; n <= 4; n++)
        {
            row(sb, "fraction n_Primitive = " + n, "%.3f", real.multiplicityFraction(n), toy.multiplicityFraction(n));
        }
        for (int s = 1; s <= BarrelGeometry.STATIONS; s++)
        {
            row(sb, "median abs(phiB) MB" + s + " (rad)", "%.4f", real.medianAbsPhiB(s), toy.medianAbsPhiB(s));
        }
        for (int s = 1; s <= BarrelGeometry.STATIONS; s++)
        {
            row(sb, "fraction phiB > 0 MB" + s, "%.3f", real.positivePhiBFraction(s), toy.positivePhiBFraction(s));
        }
        row(sb, "fraction quality flag 1", "%.3f", real.qualityOneFraction(), toy.qualityOneFraction());
        row(sb, "median non-zero delta_phi_12 (rad)", "%.5f", real.medianNonZeroDeltaPhi12(),
            toy.medianNonZeroDeltaPhi12());
        row(sb, "99th pct non-zero delta_phi_12 (rad)", "%.4f", real.nonZeroDeltaPhi12Percentile(99),
            toy.nonZeroDeltaPhi12Percentile(99));
        row(sb, "fraction with MB4 in slot 1", "%.3f", real.station4FirstFraction(), toy.station4FirstFraction());
        return sb.toString();
    }

    private static void row(
        final StringBuilder sb, final String name, final String format, final Object real, final Object toy)
    {
        sb.append("| ").append(name).append(" | ")
            .append(String.format(Locale.ROOT, format, real)).append(" | ")
            .append(String.format(Locale.ROOT, format, toy)).append(" |\n");
    }
}
