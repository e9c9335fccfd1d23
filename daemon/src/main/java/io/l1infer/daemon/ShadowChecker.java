package io.l1infer.daemon;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.nio.charset.StandardCharsets;

/**
 * The shadow engine: on a thread of its own, recomputes batches the primary accelerator answered and compares every
 * raw output bit for bit. The owner hands batches over through a bounded queue of pre-allocated {@link ShadowBatch}es
 * and never waits: when none is free it skips the batch and counts it. Mismatching events go to the mismatch log.
 */
final class ShadowChecker implements Agent
{
    private final Accelerator engine;
    private final OneToOneConcurrentArrayQueue<ShadowBatch> free;
    private final OneToOneConcurrentArrayQueue<ShadowBatch> filled;
    private final int every;
    private final ShadowCounters counters;
    private final MismatchLog mismatchLog;
    private final EpochClock clock;
    private final int[] eventInputs;
    private long offered;

    /**
     * @param engine      the shadow's own accelerator (only this agent's thread calls it).
     * @param maxBatch    most events per batch (the primary's).
     * @param maxLag      batches that may wait for the check.
     * @param every       check one batch in every this many.
     * @param counters    the shadow counters.
     * @param mismatchLog where mismatching events are written, or null.
     * @param clock       time stamps of batches.
     */
    ShadowChecker(
        final Accelerator engine,
        final int maxBatch,
        final int maxLag,
        final int every,
        final ShadowCounters counters,
        final MismatchLog mismatchLog,
        final EpochClock clock)
    {
        this.engine = engine;
        this.every = every;
        this.counters = counters;
        this.mismatchLog = mismatchLog;
        this.clock = clock;
        final int inputSize = engine.model().input().size();
        final int outputSize = engine.model().output().size();
        final int batch = Math.min(maxBatch, engine.maxBatchSize());
        free = new OneToOneConcurrentArrayQueue<>(maxLag);
        filled = new OneToOneConcurrentArrayQueue<>(maxLag);
        for (int i = 0; i < maxLag; i++)
        {
            free.offer(new ShadowBatch(batch, inputSize, outputSize));
        }
        eventInputs = new int[inputSize];
    }

    @Override
    public String roleName()
    {
        return "l1infer-shadow";
    }

    /**
     * Owner thread: a free batch to fill when this batch is to be checked and the shadow keeps up, else null (the
     * batch is counted as skipped when it was due).
     */
    ShadowBatch claim()
    {
        if (offered++ % every != 0)
        {
            return null;
        }
        final ShadowBatch batch = free.poll();
        if (batch == null)
        {
            counters.batchesSkipped.incrementRelease();
        }
        return batch;
    }

    /** Owner thread: hand a filled batch over. */
    void submit(final ShadowBatch batch)
    {
        batch.completedEpochMs = clock.time();
        filled.offer(batch);
    }

    /** True once every submitted batch has been checked. */
    boolean isIdle()
    {
        return filled.isEmpty();
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
        free.offer(batch);
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
            System.arraycopy(batch.inputs, e * in, eventInputs, 0, in);
            buffers.putInputs(e, eventInputs, 0);
        }
        engine.infer(0, n);
        int mismatched = 0;
        for (int e = 0; e < n; e++)
        {
            boolean same = true;
            for (int o = 0; o < out; o++)
            {
                same &= buffers.getOutput(e, o) == batch.primaryOutputs[e * out + o];
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
        counters.batchesChecked.incrementRelease();
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
            line.append(batch.completedEpochMs).append(' ').append(batch.sourceIds[event]).append(' ')
                .append(batch.eventIds[event]).append(' ').append(batch.events).append(" inputs=");
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
                line.append(o == 0 ? "" : ",").append(shadowOutputs.getOutput(event, o));
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
