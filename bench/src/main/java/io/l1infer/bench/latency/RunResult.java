package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one open-loop run: counts of the measured events (warm-up excluded), their latency histogram
 * (receive time minus intended send time) and its one-second intervals.
 *
 * @param label         such as {@code embedded-thesis}.
 * @param target        target name.
 * @param workload      workload name.
 * @param rate          intended events per second.
 * @param sent          measured events sent.
 * @param received      measured events answered with a result (or echoed).
 * @param rejected      measured events rejected.
 * @param lost          sent minus received minus rejected after the grace period.
 * @param timeouts      measured events the client timed out.
 * @param refusedSends  events whose send was refused at least once and retried (back pressure, not connected,
 *                      in-flight table full), warm-up included.
 * @param maxSendLagNs  how far behind its intended time the latest measured send went out.
 * @param fellBehind    the sender gave up because it fell more than the allowed lag behind.
 * @param senderGaps    measured-phase turns of the sender's loop that came 1 ms or more after the previous one (the
 *                      thread was descheduled, paused or busy reading answers): the bench's own share of a stall.
 * @param senderGapNs   the time of those gaps together.
 * @param histogram     latencies of the measured events, ns.
 * @param daemonSide    the daemon's own ingest-to-publish times of the measured results, ns (empty for echo).
 * @param meanBatchSize mean accelerator batch size of the measured results (0 for echo).
 * @param intervals     one-second interval histograms, stamped with wall-clock start and end (ms).
 * @param startEpochMs  wall-clock time the run started.
 * @param notes         anything unusual (first reject, unmatched answers, clipped values), or empty.
 */
public record RunResult(
    String label,
    String target,
    String workload,
    long rate,
    long sent,
    long received,
    long rejected,
    long lost,
    long timeouts,
    long refusedSends,
    long maxSendLagNs,
    boolean fellBehind,
    long senderGaps,
    long senderGapNs,
    Histogram histogram,
    Histogram daemonSide,
    double meanBatchSize,
    List<Histogram> intervals,
    long startEpochMs,
    String notes)
{
    /**
     * The runs of one target that alternated with another target's runs in one invocation, as one run: counts and
     * histograms added, intervals in order, the worst send lag, behind schedule if any run was.
     *
     * @param rounds runs of the same target, workload and rate, in the order they ran.
     * @return one result with the first run's label and start time.
     * @throws IllegalArgumentException when the list is empty or mixes targets, workloads or rates.
     */
    public static RunResult merge(final List<RunResult> rounds)
    {
        if (rounds.isEmpty())
        {
            throw new IllegalArgumentException("no runs to merge");
        }
        final RunResult first = rounds.get(0);
        final Histogram histogram = first.histogram.copy();
        final Histogram daemonSide = first.daemonSide.copy();
        histogram.reset();
        daemonSide.reset();
        final List<Histogram> intervals = new ArrayList<>();
        final StringBuilder notes = new StringBuilder();
        long sent = 0;
        long received = 0;
        long rejected = 0;
        long lost = 0;
        long timeouts = 0;
        long refused = 0;
        long maxLag = 0;
        boolean behind = false;
        long gaps = 0;
        long gapNs = 0;
        double batchSum = 0;
        for (final RunResult r : rounds)
        {
            if (!r.target.equals(first.target) || !r.workload.equals(first.workload) || r.rate != first.rate)
            {
                throw new IllegalArgumentException("cannot merge " + r.label + " (" + r.target + ", " + r.workload +
                    ", " + r.rate + "/s) with " + first.label + " (" + first.target + ", " + first.workload + ", " +
                    first.rate + "/s)");
            }
            sent += r.sent;
            received += r.received;
            rejected += r.rejected;
            lost += r.lost;
            timeouts += r.timeouts;
            refused += r.refusedSends;
            maxLag = Math.max(maxLag, r.maxSendLagNs);
            behind |= r.fellBehind;
            gaps += r.senderGaps;
            gapNs += r.senderGapNs;
            histogram.add(r.histogram);
            daemonSide.add(r.daemonSide);
            batchSum += r.meanBatchSize * r.received;
            intervals.addAll(r.intervals);
            if (!r.notes.isEmpty())
            {
                notes.append(notes.length() == 0 ? "" : "; ").append(r.notes);
            }
        }
        return new RunResult(first.label, first.target, first.workload, first.rate, sent, received, rejected, lost,
            timeouts, refused, maxLag, behind, gaps, gapNs, histogram, daemonSide,
            received == 0 ? 0.0 : batchSum / received, List.copyOf(intervals), first.startEpochMs, notes.toString());
    }

    /** Latency at a percentile in microseconds, 0 when nothing was received. */
    public double percentileUs(final double percentile)
    {
        return histogram.getTotalCount() == 0 ? 0.0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Highest latency in microseconds, 0 when nothing was received. */
    public double maxUs()
    {
        return histogram.getTotalCount() == 0 ? 0.0 : histogram.getMaxValue() / 1000.0;
    }

    /** True when every measured event was answered with a result and the sender kept to its schedule. */
    public boolean clean()
    {
        return lost == 0 && rejected == 0 && !fellBehind && sent > 0;
    }
}
