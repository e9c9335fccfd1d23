package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;

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
    Histogram histogram,
    Histogram daemonSide,
    double meanBatchSize,
    List<Histogram> intervals,
    long startEpochMs,
    String notes)
{
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
