package io.l1infer.daemon;

import io.aeron.Counter;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Locale;
import java.util.Objects;

/**
 * Tells systemd how the daemon is doing: WATCHDOG=1 only while the accelerator owner keeps completing duty cycles
 * (a device stuck in a call stops the pings, so systemd restarts the service), and a STATUS= line with the result
 * rate, the last interval's p99 and the rejects. Shares the latency monitor's sleeping thread.
 */
final class ServiceStatusAgent implements Agent
{
    private final SystemdNotifier notifier;
    private final Counter ownerDutyCycles;
    private final Counter resultsPublished;
    private final Counter rejects;
    private final AtomicCounter shadowChecked;
    private final AtomicCounter shadowMismatched;
    private final LatencyMonitorAgent monitor;
    private final AcceleratorOwner owner;
    private final long stallNs;
    private final long statusIntervalNs;
    private final NanoClock clock;
    private final String version = L1inferVersion.version();
    private long lastDutyCycles = -1;
    private long lastProgressNs;
    private long nextPingNs;
    private long nextStatusNs;
    private long lastResults;
    private long lastStatusNs;

    ServiceStatusAgent(final Context ctx)
    {
        ctx.conclude();
        this.clock = ctx.clock;
        this.notifier = ctx.notifier;
        this.ownerDutyCycles = ctx.counters.ownerDutyCycles;
        this.resultsPublished = ctx.counters.resultsPublished;
        this.rejects = ctx.counters.rejectsTotal;
        this.shadowChecked = ctx.counters.shadow.eventsChecked();
        this.shadowMismatched = ctx.counters.shadow.eventsMismatched();
        this.monitor = ctx.monitor;
        this.owner = ctx.owner;
        this.stallNs = ctx.stallNs;
        this.statusIntervalNs = ctx.statusIntervalNs;
        final long now = clock.nanoTime();
        lastProgressNs = now;
        lastStatusNs = now;
        nextPingNs = now;
        nextStatusNs = now + statusIntervalNs;
    }

    @Override
    public String roleName()
    {
        return "l1infer-service-status";
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        final long cycles = ownerDutyCycles.get();
        if (cycles != lastDutyCycles)
        {
            lastDutyCycles = cycles;
            lastProgressNs = now;
        }
        int work = owner.reportFailover();
        final long interval = notifier.watchdogIntervalNs();
        if (interval > 0 && notifier.isReady() && now - nextPingNs >= 0 && now - lastProgressNs < stallNs)
        {
            notifier.watchdog();
            nextPingNs = now + interval;
            work++;
        }
        if (notifier.isEnabled() && now - nextStatusNs >= 0)
        {
            notifier.status(statusLine(now));
            nextStatusNs = now + statusIntervalNs;
            work++;
        }
        return work;
    }

    private String statusLine(final long now)
    {
        final long results = resultsPublished.get();
        final double seconds = Math.max(1e-9, (now - lastStatusNs) / 1e9);
        final double rate = (results - lastResults) / seconds;
        lastResults = results;
        lastStatusNs = now;
        final Histogram interval = monitor.lastInterval();
        final String p99 = interval.getTotalCount() > 0 ?
            String.format(Locale.ROOT, "%.1f us", interval.getValueAtPercentile(99) / 1e3) : "n/a";
        final long checked = shadowChecked.get();
        return String.format(Locale.ROOT, "l1infer %s: %.0f results/s, p99 %s (last interval), %d rejects, " +
            "%d results%s%s%s", version, rate, p99, rejects.get(), results,
            checked > 0 ? ", shadow " + shadowMismatched.get() + " mismatched of " + checked + " checked" : "",
            owner.degradedReason() != null ? ", DEGRADED: " + owner.degradedReason() : "",
            now - lastProgressNs >= stallNs ? ", ACCELERATOR OWNER STALLED" : "");
    }

    /** What the status agent is built from, set by name (Aeron's context style) and checked once. */
    static final class Context
    {
        // One fluent setter per field, the same shape as the other agents' contexts on purpose (Aeron's style).
        private SystemdNotifier notifier;
        private DaemonCounters counters;
        private LatencyMonitorAgent monitor;
        private AcceleratorOwner owner;
        private long stallNs;
        private long statusIntervalNs;
        private NanoClock clock;

        /** Talks to systemd (a no-op without NOTIFY_SOCKET). */
        Context notifier(final SystemdNotifier notifier)
        {
            this.notifier = notifier;
            return this;
        }

        /** The daemon's counters: owner duty cycles, results, rejects, shadow checks. */
        Context counters(final DaemonCounters counters)
        {
            this.counters = counters;
            return this;
        }

        /** Whose last interval gives the status line's p99. */
        Context monitor(final LatencyMonitorAgent monitor)
        {
            this.monitor = monitor;
            return this;
        }

        /** The accelerator owner whose progress the watchdog pings follow. */
        Context owner(final AcceleratorOwner owner)
        {
            this.owner = owner;
            return this;
        }

        /** How long without an owner duty cycle before the pings stop ({@code l1infer.watchdog.stall}). */
        Context stallNs(final long stallNs)
        {
            this.stallNs = stallNs;
            return this;
        }

        /** Time between STATUS= lines. */
        Context statusIntervalNs(final long statusIntervalNs)
        {
            this.statusIntervalNs = statusIntervalNs;
            return this;
        }

        /** The daemon's monotonic clock. */
        Context clock(final NanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        private void conclude()
        {
            Objects.requireNonNull(notifier, "notifier");
            Objects.requireNonNull(counters, "counters");
            Objects.requireNonNull(monitor, "monitor");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(clock, "clock");
        }
    }
}
