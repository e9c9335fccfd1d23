package io.l1infer.daemon;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The shadow engine: on a thread of its own, recomputes batches the primary accelerator answered and compares every
 * raw output bit for bit. The owner hands batches over through a bounded queue of pre-allocated {@link ShadowBatch}es
 * and never waits: when none is free it skips the batch and counts it. Mismatching events go to the mismatch log.
 * The thread runs at the lowest scheduling priority and sleeps between drains of its queue, so that on a machine with
 * few cores it costs the primary's threads no core time they want.
 */
final class ShadowChecker implements Agent
{
    /**
     * How long the idle shadow thread sleeps: it then checks everything queued meanwhile in one go (at 100 kHz about
     * 100 events, within one record), instead of waking for each batch and taking a core each time.
     */
    static final long IDLE_SLEEP_MS = 1;

    private final Accelerator engine;
    private final OneToOneConcurrentArrayQueue<ShadowBatch> free;
    private final OneToOneConcurrentArrayQueue<ShadowBatch> filled;
    private final int every;
    private final ShadowCounters counters;
    private final MismatchLog mismatchLog;
    private final EpochClock clock;
    private final int capacity;
    private long offered;
    /** Owner thread only: the record being filled, or null. */
    private ShadowBatch pending;
    private volatile int pendingEvents;
    private volatile long submitted;
    private volatile long checked;
    private volatile String scheduling = "not started";

    ShadowChecker(final Context ctx)
    {
        ctx.conclude();
        this.engine = ctx.engine;
        this.every = ctx.every;
        this.counters = ctx.counters;
        this.mismatchLog = ctx.mismatchLog;
        this.clock = ctx.clock;
        final int inputSize = engine.model().input().size();
        final int outputSize = engine.model().output().size();
        capacity = Math.min(ctx.maxBatch, engine.maxBatchSize());
        free = new OneToOneConcurrentArrayQueue<>(ctx.maxLag);
        filled = new OneToOneConcurrentArrayQueue<>(ctx.maxLag);
        for (int i = 0; i < ctx.maxLag; i++)
        {
            free.offer(new ShadowBatch(capacity, inputSize, outputSize));
        }
    }

    @Override
    public String roleName()
    {
        return "l1infer-shadow";
    }

    /**
     * Owner thread: the record to copy a primary batch of {@code requests} events into (at index {@code events}
     * onwards), or null when the batch is not due or must be skipped (then counted): the record being filled while it
     * has room, else a free one (the full one is handed over first), else none when the shadow lags by max.lag records.
     */
    ShadowBatch claim(final int requests)
    {
        if (offered++ % every != 0)
        {
            return null;
        }
        if (pending != null && pending.hasRoomFor(requests))
        {
            return pending;
        }
        if (pending != null)
        {
            submitPending();
        }
        pending = requests <= capacity ? free.poll() : null;
        if (pending == null)
        {
            counters.batchesSkipped.incrementRelease();
        }
        return pending;
    }

    /**
     * Owner thread: the claimed record holds {@code requests} more events; it is handed over at once when the shadow
     * has nothing queued, else it keeps filling (so that a shadow waking up checks many batches in one call).
     */
    void appended(final ShadowBatch batch, final int requests)
    {
        final long now = clock.time();
        final int first = batch.events;
        for (int e = first, end = first + requests; e < end; e++)
        {
            batch.primaryBatchSizes[e] = requests;
            batch.completedEpochMs[e] = now;
        }
        batch.events = first + requests;
        batch.primaryBatches++;
        pendingEvents = batch.events;
        if (filled.isEmpty())
        {
            submitPending();
        }
    }

    /** Owner thread, on an idle duty cycle: hand over the record being filled once the shadow has nothing queued. */
    void flush()
    {
        if (pending != null && filled.isEmpty())
        {
            submitPending();
        }
    }

    private void submitPending()
    {
        filled.offer(pending);
        pending = null;
        submitted++;
        pendingEvents = 0;
    }

    /** True once every event handed to the shadow has been checked. */
    boolean isIdle()
    {
        return pendingEvents == 0 && checked == submitted;
    }

    /** How the shadow thread is scheduled (known once it started), for the daemon's start line. */
    String scheduling()
    {
        return scheduling;
    }

    @Override
    public void onStart()
    {
        // The primary's threads wait for a core whenever the shadow holds one: it takes only what they leave.
        scheduling = ShadowThreadPriority.lowerCallingThread();
    }

    @Override
    public int doWork()
    {
        final ShadowBatch batch = filled.poll();
        if (batch == null)
        {
            return 0;
        }
        check(batch);
        batch.events = 0;
        batch.primaryBatches = 0;
        free.offer(batch);
        checked++;
        return 1;
    }

    private void check(final ShadowBatch batch)
    {
        final BatchBuffers buffers = engine.buffers(0);
        final int n = batch.events;
        final int in = batch.inputSize;
        final int out = batch.outputSize;
        for (int e = 0; e < n; e++)
        {
            for (int i = 0; i < in; i++)
            {
                buffers.putInputLong(e, i, batch.inputs[e * in + i]);
            }
        }
        engine.infer(0, n);
        int mismatched = 0;
        for (int e = 0; e < n; e++)
        {
            boolean same = true;
            for (int o = 0; o < out; o++)
            {
                same &= buffers.getOutputLong(e, o) == batch.primaryOutputs[e * out + o];
            }
            if (!same)
            {
                mismatched++;
                if (mismatchLog != null)
                {
                    mismatchLog.write(batch, e, buffers);
                }
            }
        }
        counters.batchesChecked.getAndAddRelease(batch.primaryBatches);
        counters.eventsChecked.getAndAddRelease(n);
        counters.eventsMatched.getAndAddRelease(n - mismatched);
        if (mismatched > 0)
        {
            counters.eventsMismatched.getAndAddRelease(mismatched);
        }
    }

    @Override
    public void onClose()
    {
        if (mismatchLog != null)
        {
            mismatchLog.close();
        }
        engine.close();
    }

    /** What the shadow is built from, set by name (Aeron's context style) and checked once. */
    static final class Context
    {
        // One fluent setter per field, the same shape as the other agents' contexts on purpose (Aeron's style).
        private Accelerator engine;
        private int maxBatch;
        private int maxLag;
        private int every;
        private ShadowCounters counters;
        private MismatchLog mismatchLog;
        private EpochClock clock;

        /** The shadow's own accelerator (only the shadow's thread calls it). */
        Context engine(final Accelerator engine)
        {
            this.engine = engine;
            return this;
        }

        /** Most events per batch (the primary's). */
        Context maxBatch(final int maxBatch)
        {
            this.maxBatch = maxBatch;
            return this;
        }

        /** Records of events (each up to maxBatch events of one or more batches) that may wait for the check. */
        Context maxLag(final int maxLag)
        {
            this.maxLag = maxLag;
            return this;
        }

        /** Check one batch in every this many. */
        Context every(final int every)
        {
            this.every = every;
            return this;
        }

        /** The shadow counters. */
        Context counters(final ShadowCounters counters)
        {
            this.counters = counters;
            return this;
        }

        /** Where mismatching events are written, or null for nowhere. */
        Context mismatchLog(final MismatchLog mismatchLog)
        {
            this.mismatchLog = mismatchLog;
            return this;
        }

        /** Time stamps of batches. */
        Context clock(final EpochClock clock)
        {
            this.clock = clock;
            return this;
        }

        private void conclude()
        {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(counters, "counters");
            Objects.requireNonNull(clock, "clock");
            if (maxBatch < 1 || maxLag < 1 || every < 1)
            {
                throw new IllegalArgumentException("maxBatch, maxLag and every must be >= 1: " + maxBatch + ", " +
                    maxLag + ", " + every);
            }
        }
    }

    /** The shadow's counters, held by the daemon's counter set. */
    record ShadowCounters(
        AtomicCounter batchesChecked, AtomicCounter eventsChecked, AtomicCounter eventsMatched,
        AtomicCounter eventsMismatched, AtomicCounter batchesSkipped)
    {
    }

    /** Text lines, one per mismatching event, bounded, written through a {@link RetryingLogFile}. */
    static final class MismatchLog implements AutoCloseable
    {
        static final String HEADER_PREFIX = "# l1infer shadow mismatches";

        private final RetryingLogFile file;
        private final int maxRecords;
        private final AtomicCounter notLogged;
        private final StringBuilder line = new StringBuilder(256);
        private int records;

        MismatchLog(final RetryingLogFile file, final int maxRecords, final AtomicCounter notLogged)
        {
            this.file = file;
            this.maxRecords = maxRecords;
            this.notLogged = notLogged;
        }

        static byte[] header(final String model, final String primary, final String shadow)
        {
            return (HEADER_PREFIX + "; model " + model + "; primary " + primary + "; shadow " + shadow + "\n" +
                "# time_ms source_id event_id batch_size inputs=raw,... primary=raw,... shadow=raw,...\n")
                .getBytes(StandardCharsets.UTF_8);
        }

        void write(final ShadowBatch batch, final int event, final BatchBuffers shadowOutputs)
        {
            if (records >= maxRecords)
            {
                notLogged.incrementRelease();
                return;
            }
            records++;
            line.setLength(0);
            line.append(batch.completedEpochMs[event]).append(' ').append(batch.sourceIds[event]).append(' ')
                .append(batch.eventIds[event]).append(' ').append(batch.primaryBatchSizes[event]).append(" inputs=");
            for (int i = 0; i < batch.inputSize; i++)
            {
                line.append(i == 0 ? "" : ",").append(batch.inputs[event * batch.inputSize + i]);
            }
            line.append(" primary=");
            for (int o = 0; o < batch.outputSize; o++)
            {
                line.append(o == 0 ? "" : ",").append(batch.primaryOutputs[event * batch.outputSize + o]);
            }
            line.append(" shadow=");
            for (int o = 0; o < batch.outputSize; o++)
            {
                line.append(o == 0 ? "" : ",").append(shadowOutputs.getOutputLong(event, o));
            }
            line.append('\n');
            file.append(line.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close()
        {
            file.close();
        }
    }
}
