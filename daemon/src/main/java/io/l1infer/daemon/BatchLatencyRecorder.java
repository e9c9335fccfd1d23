package io.l1infer.daemon;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;
import org.agrona.concurrent.EpochClock;

/**
 * The owner's ingest-to-publish latencies, recorded a batch of answers at a time inside one writer critical section
 * of HdrHistogram's {@link WriterReaderPhaser} and taken by the monitor as interval histograms.
 *
 * <p>HdrHistogram's {@code SingleWriterRecorder} enters and leaves the phaser, two atomic increments, for every
 * value; a batch of answers needs them once. The swap is the one {@code SingleWriterRecorder} performs, with the
 * interval time stamps from the daemon's epoch clock.
 */
final class BatchLatencyRecorder
{
    private static final int WARM_UP_HIGHEST = 1 << 20;

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final EpochClock epochClock;
    private final long highestTrackableValue;
    private volatile Histogram active;
    /** Owner thread only: the histogram this batch records into and the phaser's value at its start. */
    private Histogram writing;
    private long criticalValue;

    /**
     * @param highestTrackableValue highest value recorded; the caller clamps longer latencies to it.
     * @param epochClock            the daemon's epoch clock, for the intervals' start and end time stamps.
     */
    BatchLatencyRecorder(final long highestTrackableValue, final EpochClock epochClock)
    {
        this.highestTrackableValue = highestTrackableValue;
        this.epochClock = epochClock;
        final Histogram first = newHistogram();
        first.setStartTimeStamp(epochClock.time());
        active = first;
    }

    /**
     * Train the JIT on both phases of the phaser, on a scratch recorder, before the daemon serves. The writer's exit
     * takes one branch per phase; without this the first interval swap (one histogram interval after start) met the
     * other branch cold inside the owner's compiled publish path, which deoptimised that path: the bench saw an
     * 8 ms stall in that second (C2's log: {@code unstable_if} in {@code writerCriticalSectionExit}).
     *
     * @param batches    batches recorded, swapping the interval every 16.
     * @param epochClock for the scratch intervals' time stamps.
     */
    static void warmUp(final int batches, final EpochClock epochClock)
    {
        final BatchLatencyRecorder scratch = new BatchLatencyRecorder(WARM_UP_HIGHEST, epochClock);
        Histogram recycle = null;
        for (int b = 0; b < batches; b++)
        {
            scratch.beginBatch();
            scratch.record(b & (WARM_UP_HIGHEST - 1));
            scratch.endBatch();
            if ((b & 15) == 15)
            {
                recycle = scratch.intervalHistogram(recycle);
            }
        }
    }

    /** Owner: start a batch of values; every {@link #record} until {@link #endBatch} goes to the same interval. */
    void beginBatch()
    {
        criticalValue = phaser.writerCriticalSectionEnter();
        writing = active;
    }

    /** Owner, between {@link #beginBatch} and {@link #endBatch}: one value, 0 to the highest trackable. */
    void record(final long value)
    {
        writing.recordValue(value);
    }

    /** Owner: end the batch; an interval swap waits for this. */
    void endBatch()
    {
        phaser.writerCriticalSectionExit(criticalValue);
    }

    /**
     * Monitor: the values recorded since the previous call (or since construction), in {@code recycle} when given
     * (a histogram this recorder returned before, its contents discarded) or a new histogram.
     */
    Histogram intervalHistogram(final Histogram recycle)
    {
        final Histogram next = recycle != null ? recycle : newHistogram();
        next.reset();
        final Histogram finished;
        phaser.readerLock();
        try
        {
            finished = active;
            final long now = epochClock.time();
            next.setStartTimeStamp(now);
            active = next;
            phaser.flipPhase();
            finished.setEndTimeStamp(now);
        }
        finally
        {
            phaser.readerUnlock();
        }
        return finished;
    }

    private Histogram newHistogram()
    {
        return new Histogram(highestTrackableValue, 3);
    }
}
