package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the platform's own stalls while a benchmark runs, the way jHiccup does: a thread that asks to sleep for
 * 1 ms records how much longer it actually slept. Stalls it sees (CPU taken away by the host, GC or safepoint
 * pauses of this JVM) hit every thread, so they bound what any software layout can reach on this machine.
 */
public final class HiccupMeter implements AutoCloseable
{
    private static final long RESOLUTION_NS = 1_000_000L;

    private final Histogram hiccups = new Histogram(60_000_000_000L, 3);
    private final Thread thread;
    private volatile boolean running = true;

    private HiccupMeter()
    {
        thread = new Thread(this::measure, "l1infer-hiccup-meter");
        thread.setDaemon(true);
    }

    /** Start measuring now. */
    public static HiccupMeter start()
    {
        final HiccupMeter meter = new HiccupMeter();
        meter.thread.start();
        return meter;
    }

    private void measure()
    {
        long before = System.nanoTime();
        while (running)
        {
            LockSupport.parkNanos(RESOLUTION_NS);
            final long now = System.nanoTime();
            synchronized (hiccups)
            {
                hiccups.recordValue(Math.min(Math.max(0, now - before - RESOLUTION_NS),
                    hiccups.getHighestTrackableValue()));
            }
            before = now;
        }
    }

    /** One line: how many samples and the overrun percentiles. */
    public String summary()
    {
        synchronized (hiccups)
        {
            return String.format(Locale.ROOT, "platform hiccups (1 ms sleeps, overrun in us; %d samples): " +
                "p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f; sleeps overrun by more than 1 ms: %d",
                hiccups.getTotalCount(), hiccups.getValueAtPercentile(50) / 1e3,
                hiccups.getValueAtPercentile(90) / 1e3, hiccups.getValueAtPercentile(99) / 1e3,
                hiccups.getValueAtPercentile(99.9) / 1e3, hiccups.getMaxValue() / 1e3,
                hiccups.getCountBetweenValues(1_000_000L, hiccups.getHighestTrackableValue()));
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
