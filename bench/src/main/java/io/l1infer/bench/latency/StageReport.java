package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's latency breakdown: per stage its distribution, one-second intervals and share of the tail (the events at
 * or above the end-to-end p99), printed as one {@code STAGE} line per stage.
 *
 * @param label             the run's label.
 * @param rows              the stages, in path order.
 * @param endToEnd          end-to-end latencies of the events broken down, ns.
 * @param tailEvents        events counted in the tail (from the p99 bucket up).
 * @param unknownSend       answers whose send time was no longer in the table (too many in flight).
 * @param withoutStageTimes results from a daemon that stamps no stage times (schema version 1).
 * @param negative          stage times below zero (clocks not comparable), recorded as 0.
 */
public record StageReport(String label, List<Row> rows, Histogram endToEnd, long tailEvents, long unknownSend,
                          long withoutStageTimes, long negative)
{
    /**
     * One stage.
     *
     * @param name       the stage's label.
     * @param histogram  its times, ns.
     * @param intervals  its one-second intervals.
     * @param tailShare  the fraction of the tail events' total end-to-end time spent in this stage.
     * @param tailMeanNs the mean time of the tail events in this stage, ns.
     */
    public record Row(String name, Histogram histogram, List<Histogram> intervals, double tailShare,
                      double tailMeanNs)
    {
    }

    /** The STAGE lines, then one for the end-to-end time of the events broken down, then a note if any. */
    public List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        for (final Row row : rows)
        {
            lines.add(line(row.name(), row.histogram(), row.tailShare(), row.tailMeanNs()));
        }
        if (!rows.isEmpty())
        {
            double tailMean = 0;
            for (final Row row : rows)
            {
                tailMean += row.tailMeanNs();
            }
            lines.add(line("end_to_end", endToEnd, 1.0, tailMean));
        }
        else
        {
            lines.add("STAGE none: no answer of " + label + " carried stage times" +
                (withoutStageTimes > 0 ? " (the daemon stamps none: schema version 1)" : ""));
        }
        if (unknownSend + negative > 0)
        {
            lines.add(String.format(Locale.ROOT, "STAGE note run=%s unknown_send_time=%d negative_stage_times=%d",
                label, unknownSend, negative));
        }
        return lines;
    }

    private String line(final String name, final Histogram h, final double share, final double tailMeanNs)
    {
        return String.format(Locale.ROOT, "STAGE name=%s p50_us=%s p99_us=%s p999_us=%s share_above_p99=%.3f " +
            "tail_mean_us=%.1f tail_events=%d run=%s", name, us(h, 50), us(h, 99), us(h, 99.9), share,
            tailMeanNs / 1000.0, tailEvents, label);
    }

    private static String us(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
            h.getValueAtPercentile(percentile) / 1000.0);
    }

    /**
     * Write {@code LABEL-stage-NAME.hlog} per stage into {@code dir}.
     *
     * @return the files written.
     */
    public List<Path> writeLogs(final Path dir, final long startEpochMs)
    {
        final List<Path> written = new ArrayList<>();
        for (final Row row : rows)
        {
            final Path file = dir.resolve(label + "-stage-" + row.name() + ".hlog");
            HistogramFiles.writeLog(file, "l1infer-bench " + label + ": stage " + row.name() + ", ns", startEpochMs,
                row.intervals());
            written.add(file);
        }
        return written;
    }
}
