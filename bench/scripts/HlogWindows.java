import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.util.Locale;

/**
 * Percentiles of an HdrHistogram interval log (.hlog, values in ns) per window of W seconds, to see whether a
 * long run's tail drifts or sits in a few windows; the last column is the window's share of the whole log's events
 * at or above the whole log's p99:
 * {@code java -cp bench/target/lib/HdrHistogram-2.2.2.jar bench/scripts/HlogWindows.java FILE.hlog [W]}.
 */
public final class HlogWindows
{
    public static void main(final String[] args) throws FileNotFoundException
    {
        final double window = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        final Histogram whole = readAll(args[0]);
        final long p99 = whole.getValueAtPercentile(99);
        final long abovePercentile = countFrom(whole, p99);
        System.out.printf(Locale.ROOT, "whole log: %d values, p99 %.1f us, %d at or above it%n", whole.getTotalCount(),
            p99 / 1e3, abovePercentile);
        System.out.println(
            "window_s      count    p50_us    p90_us    p99_us  p99.9_us p99.99_us    max_us  share_above_p99");
        final HistogramLogReader reader = new HistogramLogReader(args[0]);
        Histogram sum = null;
        double first = Double.NaN;
        int index = 0;
        Histogram h;
        while ((h = (Histogram)reader.nextIntervalHistogram()) != null)
        {
            final double start = h.getStartTimeStamp() / 1000.0;
            if (Double.isNaN(first))
            {
                first = start;
            }
            final int w = (int)((start - first) / window);
            if (sum != null && w != index)
            {
                print(index, window, sum, countFrom(sum, p99) / (double)Math.max(1, abovePercentile));
                sum = null;
            }
            index = w;
            if (sum == null)
            {
                sum = new Histogram(h.getHighestTrackableValue(), h.getNumberOfSignificantValueDigits());
            }
            sum.add(h);
        }
        if (sum != null)
        {
            print(index, window, sum, countFrom(sum, p99) / (double)Math.max(1, abovePercentile));
        }
    }

    private static Histogram readAll(final String file) throws FileNotFoundException
    {
        final HistogramLogReader reader = new HistogramLogReader(file);
        Histogram whole = null;
        Histogram h;
        while ((h = (Histogram)reader.nextIntervalHistogram()) != null)
        {
            if (whole == null)
            {
                whole = new Histogram(h.getHighestTrackableValue(), h.getNumberOfSignificantValueDigits());
            }
            whole.add(h);
        }
        if (whole == null)
        {
            throw new IllegalArgumentException(file + ": no interval histograms");
        }
        return whole;
    }

    private static long countFrom(final Histogram h, final long value)
    {
        return h.getMaxValue() < value ? 0 : h.getCountBetweenValues(value, h.getMaxValue());
    }

    private static void print(final int index, final double window, final Histogram h, final double share)
    {
        System.out.printf(Locale.ROOT, "%4.0f-%-4.0f %10d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %16.3f%n",
            index * window, (index + 1) * window, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
            h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3, share);
    }
}
