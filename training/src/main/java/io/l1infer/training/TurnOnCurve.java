package io.l1infer.training;

import java.util.Locale;

/**
 * Efficiency of a pT threshold against true pT: the fraction of muons in each true-pT bin whose assigned pT is at
 * or above the threshold.
 *
 * @param method       "ml" or "lut".
 * @param threshold    GeV/c.
 * @param binWidth     width of the true-pT bins, GeV/c, from 0.
 * @param passed       muons passing per bin.
 * @param total        muons per bin.
 */
public record TurnOnCurve(String method, double threshold, double binWidth, long[] passed, long[] total)
{
    /** Curve over true pT 0..maxPt in bins of {@code binWidth}. */
    public static TurnOnCurve of(
        final String method, final double[] truePt, final double[] assignedPt, final int count, final double threshold,
        final double binWidth, final double maxPt)
    {
        final int bins = (int)Math.ceil(maxPt / binWidth);
        final long[] passed = new long[bins];
        final long[] total = new long[bins];
        for (int e = 0; e < count; e++)
        {
            final int b = (int)(truePt[e] / binWidth);
            if (b >= 0 && b < bins)
            {
                total[b]++;
                passed[b] += assignedPt[e] >= threshold ? 1 : 0;
            }
        }
        return new TurnOnCurve(method, threshold, binWidth, passed, total);
    }

    public int bins()
    {
        return total.length;
    }

    /** Efficiency of bin b, NaN when empty. */
    public double efficiency(final int b)
    {
        return total[b] == 0 ? Double.NaN : (double)passed[b] / total[b];
    }

    /** Binomial standard error of bin b's efficiency. */
    public double error(final int b)
    {
        final double e = efficiency(b);
        return total[b] == 0 ? Double.NaN : Math.sqrt(e * (1 - e) / total[b]);
    }

    public double binCentre(final int b)
    {
        return (b + 0.5) * binWidth;
    }

    /** True pT at which the efficiency first reaches {@code level} (linear between bin centres), NaN if never. */
    public double ptAt(final double level)
    {
        double previousPt = Double.NaN;
        double previous = Double.NaN;
        for (int b = 0; b < bins(); b++)
        {
            final double e = efficiency(b);
            if (Double.isNaN(e))
            {
                continue;
            }
            if (e >= level)
            {
                if (Double.isNaN(previous))
                {
                    return binCentre(b);
                }
                return previousPt + (level - previous) / (e - previous) * (binCentre(b) - previousPt);
            }
            previous = e;
            previousPt = binCentre(b);
        }
        return Double.NaN;
    }

    /** Efficiency over all muons with true pT in [lo, hi). */
    public double efficiencyBetween(final double lo, final double hi)
    {
        long p = 0;
        long t = 0;
        for (int b = 0; b < bins(); b++)
        {
            final double c = binCentre(b);
            if (c >= lo && c < hi)
            {
                p += passed[b];
                t += total[b];
            }
        }
        return t == 0 ? Double.NaN : (double)p / t;
    }

    /**
     * {@code TURNON method=ml threshold=20 pt50=.. pt90=.. plateau=.. low=..}: plateau = efficiency for true pT in
     * [2 x threshold, maxPt), low = efficiency for true pT below half the threshold (what feeds the trigger rate).
     */
    public String line()
    {
        final double max = bins() * binWidth;
        return String.format(Locale.ROOT, "TURNON method=%s threshold=%.0f pt50=%.1f pt90=%.1f plateau=%.4f low=%.4f",
            method, threshold, ptAt(0.5), ptAt(0.9), efficiencyBetween(2 * threshold, max),
            efficiencyBetween(0, threshold / 2));
    }
}
