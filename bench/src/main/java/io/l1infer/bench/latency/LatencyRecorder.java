package io.l1infer.bench.latency;

import io.l1infer.client.RejectView;
import io.l1infer.client.ResultListener;
import io.l1infer.client.ResultView;
import org.HdrHistogram.Histogram;

/**
 * Records each answer's latency, receive time minus the intended send time the request carried (so a stalled
 * sender or daemon shows up in full: no coordinated omission), in HdrHistograms: one for the warm-up, one for the
 * measured events and one for the current reporting interval. Events are told apart by id: the run numbers them
 * consecutively, warm-up first. Runs on the bench thread; allocation-free per answer.
 */
public final class LatencyRecorder implements ResultListener
{
    /** Highest latency tracked; larger ones are recorded as this and counted as clipped. */
    public static final long HIGHEST_TRACKABLE_NS = 60_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    private static final int WARMUP = 0;
    private static final int MEASURED = 1;

    private final Histogram warmup = newHistogram();
    private final Histogram measured = newHistogram();
    private final Histogram interval = newHistogram();
    private final Histogram daemonSide = newHistogram();
    private final StageBreakdown breakdown;
    // Warm-up answers take the measured answers' code into these twins, indexed by phase rather than chosen by a
    // branch: a path first taken when the measurement starts made the JIT deoptimise the bench's receive loop
    // there, and the bench fell milliseconds behind in the first measured second.
    private final Histogram[] latencyByPhase = {warmup, measured};
    private final Histogram[] intervalByPhase = {newHistogram(), interval};
    private final Histogram[] daemonSideByPhase = {newHistogram(), daemonSide};
    private final StageBreakdown[] breakdownByPhase;
    private long firstId;
    private long measuredFromId;
    private long endId;

    private long warmupAnswers;
    private long answers;
    private long rejects;
    private long timeouts;
    private long stale;
    private long unmatched;
    private long malformed;
    private long clipped;
    private long negative;
    private long batchSizeSum;
    private long lastProgressNs;
    private String firstReject;

    /** A recorder without a stage breakdown. */
    public LatencyRecorder()
    {
        this(null);
    }

    /** @param breakdown also splits each measured answer into stages, or null. */
    public LatencyRecorder(final StageBreakdown breakdown)
    {
        this.breakdown = breakdown;
        this.breakdownByPhase = breakdown == null ? null : new StageBreakdown[] {new StageBreakdown(), breakdown};
    }

    /** A histogram of this recorder's range and precision. */
    public static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /**
     * Start a run: forget everything and classify ids from now on.
     *
     * @param firstId        first event id of the run (warm-up starts here).
     * @param measuredFromId first measured event id.
     * @param endId          one past the last event id of the run.
     */
    public void begin(final long firstId, final long measuredFromId, final long endId)
    {
        this.firstId = firstId;
        this.measuredFromId = measuredFromId;
        this.endId = endId;
        for (int phase = WARMUP; phase <= MEASURED; phase++)
        {
            latencyByPhase[phase].reset();
            intervalByPhase[phase].reset();
            daemonSideByPhase[phase].reset();
            if (breakdownByPhase != null)
            {
                breakdownByPhase[phase].reset();
            }
        }
        warmupAnswers = 0;
        answers = 0;
        rejects = 0;
        timeouts = 0;
        stale = 0;
        unmatched = 0;
        malformed = 0;
        clipped = 0;
        negative = 0;
        batchSizeSum = 0;
        firstReject = null;
        lastProgressNs = System.nanoTime();
    }

    @Override
    public void onResult(final ResultView result)
    {
        final int phase = record(result.eventId(), result.sendTimeNs(), result.receiveTimeNs());
        if (phase >= 0)
        {
            daemonSideByPhase[phase].recordValue(clamp(result.daemonLatencyNs()));
            batchSizeSum += (long)phase * result.batchSize();
            if (breakdownByPhase != null)
            {
                breakdownByPhase[phase].onResult(result);
            }
        }
    }

    @Override
    public void onEcho(final long sourceId, final long eventId, final long sendTimeNs, final long receiveTimeNs)
    {
        final int phase = record(eventId, sendTimeNs, receiveTimeNs);
        if (phase >= 0 && breakdownByPhase != null)
        {
            breakdownByPhase[phase].onEcho(eventId, sendTimeNs, receiveTimeNs);
        }
    }

    /** The bench thread started sending {@code eventId} at {@code nowNs} (kept only for a breakdown). */
    void sent(final long eventId, final long nowNs)
    {
        if (breakdownByPhase != null)
        {
            breakdownByPhase[WARMUP].sent(eventId, nowNs);
            breakdown.sent(eventId, nowNs);
        }
    }

    /** The stage breakdown, or null. */
    public StageBreakdown breakdown()
    {
        return breakdown;
    }

    @Override
    public void onReject(final RejectView reject)
    {
        lastProgressNs = reject.receiveTimeNs();
        final long id = reject.eventId();
        if (id >= measuredFromId && id < endId)
        {
            rejects++;
            if (firstReject == null)
            {
                firstReject = reject.toString();
            }
        }
        else if (id >= firstId && id < endId)
        {
            warmupAnswers++;
        }
        else
        {
            stale++;
        }
    }

    @Override
    public void onTimeout(final long sourceId, final long eventId, final long sendTimeNs)
    {
        if (eventId >= measuredFromId && eventId < endId)
        {
            timeouts++;
        }
    }

    @Override
    public void onUnmatched(final long sourceId, final long eventId, final int templateId)
    {
        unmatched++;
    }

    @Override
    public void onMalformed(final io.l1infer.codec.ValidationVerdict verdict)
    {
        malformed++;
    }

    /** @return the event's phase ({@link #MEASURED} or {@link #WARMUP}), or -1 for an event of no current run. */
    private int record(final long eventId, final long sendTimeNs, final long receiveTimeNs)
    {
        lastProgressNs = receiveTimeNs;
        final long latency = clamp(receiveTimeNs - sendTimeNs);
        if (eventId < firstId || eventId >= endId)
        {
            stale++;
            return -1;
        }
        // 1 from the first measured id on, else 0, without a branch (ids are far below 2^62).
        final int phase = (int)((measuredFromId - 1 - eventId) >>> 63);
        answers += phase;
        warmupAnswers += 1 - phase;
        latencyByPhase[phase].recordValue(latency);
        intervalByPhase[phase].recordValue(latency);
        return phase;
    }

    private long clamp(final long latencyNs)
    {
        if (latencyNs < 0)
        {
            negative++;
            return 0;
        }
        if (latencyNs > HIGHEST_TRACKABLE_NS)
        {
            clipped++;
            return HIGHEST_TRACKABLE_NS;
        }
        return latencyNs;
    }

    /**
     * Copy the current interval of a phase into a new histogram stamped with the given wall-clock times, and start a
     * new one (the warm-up's intervals go to throwaway twins, so both phases run the same code).
     *
     * @param phase 1 once the measurement has started, else 0.
     * @return the finished interval.
     */
    Histogram rotateInterval(final int phase, final long startEpochMs, final long endEpochMs)
    {
        final Histogram current = intervalByPhase[phase];
        final Histogram done = current.copy();
        done.setStartTimeStamp(startEpochMs);
        done.setEndTimeStamp(endEpochMs);
        current.reset();
        if (breakdownByPhase != null)
        {
            breakdownByPhase[phase].rotateInterval(startEpochMs, endEpochMs);
        }
        return done;
    }

    /** Latencies so far of a phase: 0 the warm-up, 1 the measured events. */
    Histogram latency(final int phase)
    {
        return latencyByPhase[phase];
    }

    /** Latencies of the measured events so far. */
    public Histogram measured()
    {
        return measured;
    }

    /** Latencies of the warm-up events so far. */
    public Histogram warmup()
    {
        return warmup;
    }

    /** The daemon's own ingest-to-publish times of the measured results. */
    public Histogram daemonSide()
    {
        return daemonSide;
    }

    /** Measured events answered with a result (or echo). */
    public long answers()
    {
        return answers;
    }

    /** Warm-up events answered. */
    public long warmupAnswers()
    {
        return warmupAnswers;
    }

    /** Measured events rejected. */
    public long rejects()
    {
        return rejects;
    }

    /** Measured events that timed out. */
    public long timeouts()
    {
        return timeouts;
    }

    /** Answers to events of an earlier run of the same client. */
    public long stale()
    {
        return stale;
    }

    /** Answers matching no request in flight (another client's, or after a timeout). */
    public long unmatched()
    {
        return unmatched;
    }

    /** Messages on the result stream that failed validation. */
    public long malformed()
    {
        return malformed;
    }

    /** Latencies above {@link #HIGHEST_TRACKABLE_NS}, recorded as that. */
    public long clipped()
    {
        return clipped;
    }

    /** Negative latencies (clocks not comparable), recorded as 0. */
    public long negative()
    {
        return negative;
    }

    /** Sum of the batch sizes the measured results report. */
    public long batchSizeSum()
    {
        return batchSizeSum;
    }

    /** System.nanoTime() of the last answer of any kind. */
    public long lastProgressNs()
    {
        return lastProgressNs;
    }

    /** The first measured reject, described, or null. */
    public String firstReject()
    {
        return firstReject;
    }
}
