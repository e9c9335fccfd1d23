import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.util.Locale;

/**
 * Percentiles of an HdrHistogram interval log (.hlog, values in ns) per window of W seconds, to see whether a
 * long run's tail drifts:
 * {@code java -cp bench/target/lib/HdrHistogram-2.2.2.jar bench/scripts/HlogWindows.java FILE.hlog [W]}.
 */
public final class HlogWindows
{
    public static void main(final String[] args) throws FileNotFoundException
    {
        final double window = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        final HistogramLogReader reader = new HistogramLogReader(args[0]);
        System.out.println("window_s      count    p50_us    p90_us    p99_us  p99.9_us p99.99_us    max_us");
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
                print(index, window, sum);
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
            print(index, window, sum);
        }
    }

    private static void print(final int index, final double window, final Histogram h)
    {
        System.out.printf(Locale.ROOT, "%4.0f-%-4.0f %10d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f%n",
            index * window, (index + 1) * window, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
            h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3);
    }
}
