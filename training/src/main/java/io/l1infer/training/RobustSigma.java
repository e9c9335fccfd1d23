package io.l1infer.training;

import java.util.Arrays;

/**
 * Width of the core of a residual distribution, two ways.
 *
 * <ul>
 * <li>{@link #core}: a Gaussian fitted to the core by iterated truncated moments. Start from the median and half
 * the 16-84% interval; then repeatedly take the values within +-2 sigma of the current centre, set the centre to
 * their mean and sigma to their standard deviation divided by 0.8796 (the standard deviation of a unit Gaussian
 * truncated at +-2), until sigma changes by less than 1e-9 relative or 100 iterations. For a Gaussian this is
 * unbiased; tails beyond the window do not pull it.</li>
 * <li>{@link #halfWidth68}: half the 16-84% interval (quantiles by the nearest-rank rule).</li>
 * </ul>
 *
 * @param centre    fitted mean of the core.
 * @param sigma     fitted sigma of the core.
 * @param halfWidth68 half the 16-84% interval.
 * @param count     number of values.
 */
public record RobustSigma(double centre, double sigma, double halfWidth68, int count)
{
    /** Standard deviation of a unit Gaussian truncated to [-2, 2]. */
    static final double TRUNCATED_STD_2SIGMA = 0.8796256610342398;
    private static final int MAX_ITERATIONS = 100;

    /**
     * @param values    the residuals (not modified).
     * @param count     how many of {@code values} to use, from index 0.
     * @throws IllegalArgumentException when fewer than 2 values are given.
     */
    public static RobustSigma of(final double[] values, final int count)
    {
        if (count < 2)
        {
            throw new IllegalArgumentException("a width needs at least 2 values, got " + count);
        }
        final double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        final double q16 = quantile(sorted, 0.15865525393145707);
        final double q84 = quantile(sorted, 0.8413447460685429);
        final double half68 = 0.5 * (q84 - q16);
        double centre = quantile(sorted, 0.5);
        double sigma = half68;
        for (int iteration = 0; iteration < MAX_ITERATIONS && sigma > 0; iteration++)
        {
            final double lo = centre - 2 * sigma;
            final double hi = centre + 2 * sigma;
            final int from = lowerBound(sorted, lo);
            final int to = upperBound(sorted, hi);
            final int n = to - from;
            if (n < 2)
            {
                break;
            }
            double sum = 0;
            for (int k = from; k < to; k++)
            {
                sum += sorted[k];
            }
            final double mean = sum / n;
            double sq = 0;
            for (int k = from; k < to; k++)
            {
                final double d = sorted[k] - mean;
                sq += d * d;
            }
            final double next = Math.sqrt(sq / n) / TRUNCATED_STD_2SIGMA;
            final boolean converged = Math.abs(next - sigma) <= 1e-9 * sigma && Math.abs(mean - centre) <= 1e-9 * sigma;
            centre = mean;
            sigma = next;
            if (converged)
            {
                break;
            }
        }
        return new RobustSigma(centre, sigma, half68, count);
    }

    /** Nearest-rank quantile of sorted values. */
    static double quantile(final double[] sorted, final double p)
    {
        final int rank = (int)Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** First index with value >= x. */
    private static int lowerBound(final double[] sorted, final double x)
    {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index with value > x. */
    private static int upperBound(final double[] sorted, final double x)
    {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
