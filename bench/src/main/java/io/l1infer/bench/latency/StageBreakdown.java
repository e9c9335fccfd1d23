package io.l1infer.bench.latency;

import io.l1infer.client.ResultView;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits each measured answer's latency into {@link Stage}s from the bench's own send time (kept per event in a
 * pre-allocated table) and the daemon's stage times carried in the result (schema version 2), and records each
 * stage in its own histogram, its one-second intervals, and its share of the tail. On the bench thread;
 * allocation-free per event (the interval copies are made once per second).
 */
public final class StageBreakdown
{
    /** Send-time table size: a power of two above the client's default in-flight limit (2^17). */
    private static final int SEND_SLOTS = 1 << 18;
    private static final int SIGNIFICANT_DIGITS = 2;

    /** Sees every measured event's stage times, raw and unclamped; for tests. */
    @FunctionalInterface
    public interface Observer
    {
        /**
         * @param eventId    the event.
         * @param endToEndNs receive time minus intended send time.
         * @param stages     the stages that apply to this answer, in path order.
         * @param stageNs    each stage's time, indexed by {@link Stage#ordinal()}; valid during the call only.
         */
        void onStages(long eventId, long endToEndNs, Stage[] stages, long[] stageNs);
    }

    private final long[] sendIds = new long[SEND_SLOTS];
    private final long[] sendTimes = new long[SEND_SLOTS];
    private final long[] stageNs = new long[Stage.values().length];
    private final Histogram[] measured = new Histogram[Stage.values().length];
    private final Histogram[] interval = new Histogram[Stage.values().length];
    private final List<List<Histogram>> intervals = new ArrayList<>();
    private final Histogram endToEnd = newHistogram();
    private final TailShares shares = new TailShares();
    private final Observer observer;
    private Stage[] stagesSeen;
    private long unknownSend;
    private long withoutStageTimes;
    private long negative;

    /** A breakdown with no per-event observer. */
    public StageBreakdown()
    {
        this(null);
    }

    /** @param observer sees every measured event's raw stage times, or null. */
    public StageBreakdown(final Observer observer)
    {
        this.observer = observer;
        for (final Stage stage : Stage.values())
        {
            measured[stage.ordinal()] = newHistogram();
            interval[stage.ordinal()] = newHistogram();
            intervals.add(new ArrayList<>());
        }
        java.util.Arrays.fill(sendIds, -1);
    }

    private static Histogram newHistogram()
    {
        return new Histogram(1, LatencyRecorder.HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /** Forget everything: a new run starts. */
    void reset()
    {
        for (final Stage stage : Stage.values())
        {
            measured[stage.ordinal()].reset();
            interval[stage.ordinal()].reset();
            intervals.get(stage.ordinal()).clear();
        }
        endToEnd.reset();
        shares.reset();
        stagesSeen = null;
        unknownSend = 0;
        withoutStageTimes = 0;
        negative = 0;
    }

    /** The bench thread started sending event {@code eventId} at {@code nowNs}. */
    public void sent(final long eventId, final long nowNs)
    {
        final int slot = (int)(eventId & (SEND_SLOTS - 1));
        sendIds[slot] = eventId;
        sendTimes[slot] = nowNs;
    }

    /** A measured result arrived. */
    void onResult(final ResultView result)
    {
        final long sent = sendTime(result.eventId());
        if (sent == Long.MIN_VALUE)
        {
            return;
        }
        if (result.ingestPollNs() == ResultView.STAGE_TIME_ABSENT)
        {
            withoutStageTimes++;
            return;
        }
        final long intended = result.sendTimeNs();
        stageNs[Stage.SEND_LAG.ordinal()] = sent - intended;
        stageNs[Stage.INGEST_WAIT.ordinal()] = result.ingestPollNs() - sent;
        stageNs[Stage.RING_WAIT.ordinal()] = result.ringClaimNs() - result.ingestPollNs();
        stageNs[Stage.BATCH_WAIT.ordinal()] = result.batchLaunchNs() - result.ringClaimNs();
        stageNs[Stage.COMPUTE.ordinal()] = result.batchCompleteNs() - result.batchLaunchNs();
        stageNs[Stage.PUBLISH_WAIT.ordinal()] = result.resultClaimNs() - result.batchCompleteNs();
        stageNs[Stage.RESULT_WAIT.ordinal()] = result.receiveTimeNs() - result.resultClaimNs();
        record(result.eventId(), result.receiveTimeNs() - intended, Stage.DAEMON);
    }

    /** A measured echo arrived. */
    void onEcho(final long eventId, final long intendedNs, final long receiveTimeNs)
    {
        final long sent = sendTime(eventId);
        if (sent == Long.MIN_VALUE)
        {
            return;
        }
        stageNs[Stage.SEND_LAG.ordinal()] = sent - intendedNs;
        stageNs[Stage.ECHO_ROUND_TRIP.ordinal()] = receiveTimeNs - sent;
        record(eventId, receiveTimeNs - intendedNs, Stage.ECHO);
    }

    private long sendTime(final long eventId)
    {
        final int slot = (int)(eventId & (SEND_SLOTS - 1));
        if (sendIds[slot] != eventId)
        {
            // Overwritten: more than SEND_SLOTS events were in flight.
            unknownSend++;
            return Long.MIN_VALUE;
        }
        return sendTimes[slot];
    }

    private void record(final long eventId, final long endToEndNs, final Stage[] stages)
    {
        stagesSeen = stages;
        if (observer != null)
        {
            observer.onStages(eventId, endToEndNs, stages, stageNs);
        }
        for (final Stage stage : stages)
        {
            long value = stageNs[stage.ordinal()];
            if (value < 0)
            {
                negative++;
                value = 0;
                stageNs[stage.ordinal()] = 0;
            }
            measured[stage.ordinal()].recordValue(Math.min(value, LatencyRecorder.HIGHEST_TRACKABLE_NS));
            interval[stage.ordinal()].recordValue(Math.min(value, LatencyRecorder.HIGHEST_TRACKABLE_NS));
        }
        final long total = Math.max(0, Math.min(endToEndNs, LatencyRecorder.HIGHEST_TRACKABLE_NS));
        endToEnd.recordValue(total);
        shares.add(total, stages, stageNs);
    }

    /** Close the current one-second interval of every stage in use, stamped with these wall-clock times. */
    void rotateInterval(final long startEpochMs, final long endEpochMs)
    {
        if (stagesSeen != null)
        {
            for (final Stage stage : stagesSeen)
            {
                final Histogram done = interval[stage.ordinal()].copy();
                done.setStartTimeStamp(startEpochMs);
                done.setEndTimeStamp(endEpochMs);
                intervals.get(stage.ordinal()).add(done);
            }
        }
        resetInterval();
    }

    /** Forget the current interval (before measurement starts). */
    void resetInterval()
    {
        for (final Histogram h : interval)
        {
            h.reset();
        }
    }

    /**
     * The run's breakdown so far, copied.
     *
     * @param label the run's label.
     * @return the stages seen (none when no answer carried stage times).
     */
    public StageReport report(final String label)
    {
        final List<StageReport.Row> rows = new ArrayList<>();
        final long p99 = endToEnd.getTotalCount() == 0 ? 0 : endToEnd.getValueAtPercentile(99);
        final long tailTotal = shares.totalFrom(p99);
        if (stagesSeen != null)
        {
            for (final Stage stage : stagesSeen)
            {
                final long tailStage = shares.stageFrom(stage, p99);
                rows.add(new StageReport.Row(stage.label(), measured[stage.ordinal()].copy(),
                    List.copyOf(intervals.get(stage.ordinal())), tailTotal == 0 ? 0.0 : tailStage / (double)tailTotal,
                    shares.countFrom(p99) == 0 ? 0.0 : tailStage / (double)shares.countFrom(p99)));
            }
        }
        return new StageReport(label, rows, endToEnd.copy(), shares.countFrom(p99), unknownSend, withoutStageTimes,
            negative);
    }
}
