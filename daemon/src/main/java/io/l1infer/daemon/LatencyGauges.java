package io.l1infer.daemon;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;

/**
 * The last histogram interval's latency percentiles and event count as Aeron counters, so that
 * {@code l1infer-stat} (another process) and the metrics endpoint (another thread) read them without touching the
 * histogram; updated on the latency monitor's thread when it takes a new interval.
 */
final class LatencyGauges implements Agent, AutoCloseable
{
    /** Aeron counter type ids of the gauges, after the daemon's event counters. */
    static final int TYPE_LATENCY_P50 = 1030;
    static final int TYPE_LATENCY_P99 = 1031;
    static final int TYPE_LATENCY_P999 = 1032;
    static final int TYPE_LATENCY_MAX = 1033;
    static final int TYPE_LATENCY_EVENTS = 1034;

    private static final String PREFIX = "l1infer: ";
    private static final String SUFFIX = " (last interval)";

    private final LatencyMonitorAgent monitor;
    private final Counter p50;
    private final Counter p99;
    private final Counter p999;
    private final Counter max;
    private final Counter events;
    private Histogram lastSeen;

    LatencyGauges(final Aeron aeron, final LatencyMonitorAgent monitor)
    {
        this.monitor = monitor;
        p50 = aeron.addCounter(TYPE_LATENCY_P50, PREFIX + "latency p50 ns" + SUFFIX);
        p99 = aeron.addCounter(TYPE_LATENCY_P99, PREFIX + "latency p99 ns" + SUFFIX);
        p999 = aeron.addCounter(TYPE_LATENCY_P999, PREFIX + "latency p99.9 ns" + SUFFIX);
        max = aeron.addCounter(TYPE_LATENCY_MAX, PREFIX + "latency max ns" + SUFFIX);
        events = aeron.addCounter(TYPE_LATENCY_EVENTS, PREFIX + "latency events" + SUFFIX);
        lastSeen = monitor.lastInterval();
    }

    /** True for the type ids of these gauges. */
    static boolean isLatencyGauge(final int typeId)
    {
        return typeId >= TYPE_LATENCY_P50 && typeId <= TYPE_LATENCY_EVENTS;
    }

    @Override
    public String roleName()
    {
        return "l1infer-latency-gauges";
    }

    @Override
    public int doWork()
    {
        // The recorder hands out a different histogram object each interval.
        final Histogram interval = monitor.lastInterval();
        if (interval == lastSeen)
        {
            return 0;
        }
        lastSeen = interval;
        final boolean empty = interval.getTotalCount() == 0;
        p50.setOrdered(empty ? 0 : interval.getValueAtPercentile(50));
        p99.setOrdered(empty ? 0 : interval.getValueAtPercentile(99));
        p999.setOrdered(empty ? 0 : interval.getValueAtPercentile(99.9));
        max.setOrdered(empty ? 0 : interval.getMaxValue());
        events.setOrdered(interval.getTotalCount());
        return 1;
    }

    /** Closed with the daemon's other counters, on the closing thread, once the agents have stopped. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(p50, p99, p999, max, events);
    }
}
