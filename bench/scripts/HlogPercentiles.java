import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.util.Locale;

/**
 * Two HdrHistogram interval logs (.hlog, values in ns) side by side at the percentiles where a tail bends, with the
 * ratio and difference of the first to the second, to see whether one tail is the other shifted or stretched:
 * {@code java -cp bench/target/lib/HdrHistogram-2.2.2.jar bench/scripts/HlogPercentiles.java A.hlog B.hlog}.
 */
public final class HlogPercentiles
{
    private static final double[] PERCENTILES =
        {50, 90, 95, 97, 98, 98.5, 99, 99.3, 99.5, 99.7, 99.8, 99.9, 99.95, 99.99};

    public static void main(final String[] args) throws FileNotFoundException
    {
        final Histogram a = readAll(args[0]);
        final Histogram b = readAll(args[1]);
        System.out.printf(Locale.ROOT, "a=%s (%d values)%nb=%s (%d values)%n", args[0], a.getTotalCount(), args[1],
            b.getTotalCount());
        System.out.println("percentile      a_us      b_us    a/b   a-b_us");
        for (final double p : PERCENTILES)
        {
            final double x = a.getValueAtPercentile(p) / 1e3;
            final double y = b.getValueAtPercentile(p) / 1e3;
            System.out.printf(Locale.ROOT, "%10.2f %9.1f %9.1f %6.2f %8.1f%n", p, x, y, x / y, x - y);
        }
    }

    private static Histogram readAll(final String file) throws FileNotFoundException
    {
        final HistogramLogReader reader = new HistogramLogReader(file);
        Histogram sum = null;
        Histogram h;
        while ((h = (Histogram)reader.nextIntervalHistogram()) != null)
        {
            if (sum == null)
            {
                sum = new Histogram(h.getHighestTrackableValue(), h.getNumberOfSignificantValueDigits());
            }
            sum.add(h);
        }
        if (sum == null)
        {
            throw new IllegalArgumentException(file + ": no intervals");
        }
        return sum;
    }
}
