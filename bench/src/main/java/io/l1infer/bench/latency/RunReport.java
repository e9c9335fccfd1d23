package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** The human-readable end-of-run report: counts, then a percentile table of the measured latencies. */
public final class RunReport
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 99.999};

    private RunReport()
    {
    }

    /** Counts and the percentile table of one run, with the daemon-side times next to the end-to-end ones. */
    public static String text(final RunResult r)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d events/s, %d measured events sent, %d answered, %d rejected, " +
            "%d lost, %d timed out%s%n", r.label(), r.rate(), r.sent(), r.received(), r.rejected(), r.lost(),
            r.timeouts(), r.fellBehind() ? " (SENDER FELL BEHIND: target not keeping up, run cut short)" : ""));
        sb.append(String.format(Locale.ROOT, "  sender: latest measured send %s behind schedule; %d events had to " +
            "wait for back pressure or in-flight room; %d loop gaps of 1 ms or more (%.1f ms in all)%s%n",
            LatencyFormat.us(r.maxSendLagNs()), r.refusedSends(), r.senderGaps(), r.senderGapNs() / 1e6,
            r.meanBatchSize() > 0 ? String.format(Locale.ROOT, "; mean accelerator batch %.2f events",
                r.meanBatchSize()) : ""));
        if (!r.notes().isEmpty())
        {
            sb.append("  note: ").append(r.notes()).append('\n');
        }
        final boolean daemonSide = r.daemonSide().getTotalCount() > 0;
        sb.append(String.format(Locale.ROOT, "  %-10s %14s%s%n", "percentile", "end-to-end us",
            daemonSide ? String.format(Locale.ROOT, " %14s", "in-daemon us") : ""));
        for (final double p : PERCENTILES)
        {
            row(sb, String.format(Locale.ROOT, "%.3f%%", p), r.histogram(), r.daemonSide(), p, daemonSide);
        }
        row(sb, "max", r.histogram(), r.daemonSide(), 100.0, daemonSide);
        return sb.toString();
    }

    private static void row(final StringBuilder sb, final String name, final Histogram endToEnd,
        final Histogram inDaemon, final double p, final boolean withDaemon)
    {
        sb.append(String.format(Locale.ROOT, "  %-10s %14.1f", name, value(endToEnd, p)));
        if (withDaemon)
        {
            sb.append(String.format(Locale.ROOT, " %14.1f", value(inDaemon, p)));
        }
        sb.append('\n');
    }

    private static double value(final Histogram h, final double p)
    {
        if (h.getTotalCount() == 0)
        {
            return 0;
        }
        return (p >= 100.0 ? h.getMaxValue() : h.getValueAtPercentile(p)) / 1000.0;
    }
}
