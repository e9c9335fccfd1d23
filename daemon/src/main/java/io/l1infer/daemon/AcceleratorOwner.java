package io.l1infer.daemon;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.codec.sbe.ResultStatus;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.AcceleratorException;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.Objects;

/**
 * The only thread that touches the accelerator. Each duty cycle it writes whatever the ring holds (up to the
 * maximum batch) straight into a free buffer set of the accelerator and launches it, without waiting for a batch to
 * fill; then it completes the oldest batch in flight and publishes one answer per ring event, in ring order. With
 * two or more buffer sets the next batch is filled and launched while the previous one runs.
 *
 * <p>Ring slots are released only once answered, so a batch that fails on the accelerator is re-run from the ring
 * on the CPU emulator (failover): no event is lost. A batch that is not complete by its deadline is such a failure
 * too; the owner only polls a device for completion, so a device that never answers cannot block it, and once
 * abandoned the device is never called again.
 */
final class AcceleratorOwner implements Agent
{
    private final RingBuffer<RingEvent> ring;
    private final Sequence consumed;
    private final Accelerator primary;
    private final Accelerator fallback;
    private final ResultPublisher publisher;
    private final BatchLatencyRecorder latency;
    private final long highestTrackableNs;
    private final DaemonCounters counters;
    private final ErrorHandler errorHandler;
    private final int configuredMaxBatch;
    private final long timeoutNs;
    private final NanoClock clock;

    private Accelerator active;
    private int maxBatch;
    private int setCount;
    private volatile boolean failedOver;
    /** Why the daemon runs degraded (on the CPU emulator instead of its device), or null while it does not. */
    private volatile String degradedReason;
    /** The primary was abandoned after a timeout: no call may reach it again from this thread. */
    private boolean primaryAbandoned;
    /** Taken at start: a hung device is never asked for it again. */
    private final String primaryDescription;

    // A failover is reported (error log, log line, degraded reason) off the owner thread: building its text runs
    // cold code (string concatenation bootstraps, stack traces) that took milliseconds, and the events waiting for
    // the CPU engine must not wait for it. The fields are written before failoverUnreported, read after it.
    private volatile boolean failoverUnreported;
    /** The device's exception, or null when the failover was a batch timeout (described by the fields below). */
    private RuntimeException failoverCause;
    private long failoverReRunEvents;
    private int timedOutEvents;
    private int timedOutSet;
    private long timedOutAfterNs;

    // Fail-back: after a failover, at most every failbackIntervalNs a probe (a copy of a CPU batch just answered)
    // goes to the primary; the owner switches back once the primary answers one in time and bit for bit equal.
    // A primary with a batch still on it (hung) is polled, never waited for, and probed only once that batch is done.
    private static final int PROBE_SET = 0;
    private final long failbackIntervalNs;
    private final int outputSize;
    private final long[] probeExpected;
    /** Buffer sets of the primary with a batch launched and never awaited (in flight when it failed over). */
    private final boolean[] primaryPending;
    private long nextProbeNs;
    private long probeLaunchNs;
    /** Events of the probe in flight on the primary, 0 when none. */
    private int probeEvents;
    private boolean failbackReady;
    private volatile boolean failbackUnreported;

    // Batches in flight, oldest first: buffer sets queueHead, queueHead + 1, ... (mod setCount).
    private int queueHead;
    private int inFlight;
    private final long[] batchFirst;
    private final long[] batchLast;
    private final int[] batchRequests;
    private final boolean[] batchComplete;
    /** Each batch's launch time (deadline and stage time) and the moment its completion was seen (stage time). */
    private final long[] batchLaunchNs;
    private final long[] batchCompleteNs;
    private final boolean[] batchShadowed;
    /** Null without a shadow engine. */
    private final ShadowChecker shadow;
    /** Highest ring sequence assigned to a batch. */
    private long queuedUpTo;
    /** Next ring sequence to answer. */
    private long nextToPublish;

    AcceleratorOwner(final Context context)
    {
        context.conclude();
        this.ring = context.ring;
        this.consumed = context.consumed();
        this.primary = context.primary();
        this.fallback = context.fallback();
        this.publisher = context.publisher();
        this.latency = context.latency();
        this.highestTrackableNs = context.highestTrackableNs();
        this.counters = context.counters;
        this.errorHandler = context.errorHandler;
        this.configuredMaxBatch = context.maxBatch();
        this.timeoutNs = context.timeoutNs();
        this.clock = context.clock;
        this.primaryDescription = primary.description();
        this.failbackIntervalNs = context.failbackIntervalNs();
        this.outputSize = primary.model().output().size();
        this.probeExpected = new long[failbackIntervalNs > 0 ? configuredMaxBatch * outputSize : 0];
        this.primaryPending = new boolean[primary.bufferSetCount()];
        final int maxSets = Math.max(primary.bufferSetCount(), fallback != null ? fallback.bufferSetCount() : 1);
        batchFirst = new long[maxSets];
        batchLast = new long[maxSets];
        batchRequests = new int[maxSets];
        batchComplete = new boolean[maxSets];
        batchLaunchNs = new long[maxSets];
        batchCompleteNs = new long[maxSets];
        batchShadowed = new boolean[maxSets];
        this.shadow = context.shadow();
        queuedUpTo = consumed.get();
        nextToPublish = queuedUpTo + 1;
        use(primary);
        if (context.startDegradedReason() != null)
        {
            // Started on the CPU emulator in place of a device that could not be opened: answers say so.
            failedOver = true;
            degradedReason = context.startDegradedReason();
        }
    }

    private void use(final Accelerator accelerator)
    {
        active = accelerator;
        maxBatch = Math.min(configuredMaxBatch, accelerator.maxBatchSize());
        setCount = accelerator.bufferSetCount();
    }

    @Override
    public String roleName()
    {
        return "l1infer-accelerator-owner";
    }

    /** True once every event the ring has received is answered (or counted undeliverable). */
    boolean isDrained()
    {
        return consumed.get() == ring.getCursor();
    }

    /** True after an accelerator failure moved processing to the CPU emulator. */
    boolean hasFailedOver()
    {
        return failedOver;
    }

    /** Why the daemon runs on the CPU emulator instead of its device, or null when it does not. */
    String degradedReason()
    {
        reportFailover();
        return degradedReason;
    }

    /**
     * Report a failover the owner made since the last call: error log, one log line, the degraded reason. Called
     * from the status thread, from readers of the reason and at shutdown; never from the owner thread.
     *
     * @return 1 when there was one to report, else 0.
     */
    synchronized int reportFailover()
    {
        int work = 0;
        if (failoverUnreported)
        {
            final RuntimeException cause = failoverCause != null ? failoverCause : timeoutException();
            final long reRun = failoverReRunEvents;
            failoverUnreported = false;
            errorHandler.onError(cause);
            ServiceLog.warning("l1infer: accelerator failed (" + cause.getMessage() + "); switched to the CPU " +
                "emulator" + (failbackIntervalNs > 0 ? ", probing the accelerator every " +
                failbackIntervalNs / 1000 + " us (l1infer.failback.interval)" : " until restart") +
                ", re-running " + reRun + " unanswered events");
            degradedReason = "failed over to the CPU emulator: " + cause.getMessage();
            work++;
        }
        if (failbackUnreported)
        {
            failbackUnreported = false;
            ServiceLog.info("l1infer: accelerator " + primaryDescription + " answered a probe batch in time and " +
                "bit for bit as the CPU emulator; switched back to it");
            work++;
        }
        if (!failedOver)
        {
            degradedReason = null;
        }
        return work;
    }

    /** True once a batch timeout made the owner abandon the primary accelerator. */
    boolean hasAbandonedPrimary()
    {
        return primaryAbandoned;
    }

    @Override
    public int doWork()
    {
        counters.ownerDutyCycles.incrementRelease();
        int work = launchAvailable();
        if (inFlight > 0)
        {
            work += completeOldest();
        }
        if (probeEvents > 0)
        {
            work += completeProbe();
        }
        if (failbackReady && inFlight == 0)
        {
            switchBack();
            work++;
        }
        counters.ringOccupancy.setRelease(ring.getCursor() - consumed.get());
        if (work == 0 && shadow != null)
        {
            shadow.flush();
        }
        return work;
    }

    private int launchAvailable()
    {
        int work = 0;
        while (inFlight < setCount)
        {
            final long cursor = ring.getCursor();
            if (cursor <= queuedUpTo)
            {
                break;
            }
            final int set = (queueHead + inFlight) % setCount;
            final BatchBuffers buffers = active.buffers(set);
            final long first = queuedUpTo + 1;
            long seq = first;
            int requests = 0;
            while (seq <= cursor && requests < maxBatch)
            {
                final RingEvent event = ring.get(seq);
                if (event.kind == RingEvent.KIND_REQUEST && primaryAbandoned && active == primary)
                {
                    // Hung device and failover disabled: answer, never call into it again.
                    event.kind = RingEvent.KIND_REJECT;
                    event.verdict.reject(
                        RejectReason.ACCELERATOR_FAILURE, MessageField.NONE, ValidationVerdict.NO_INDEX, 0);
                }
                if (event.kind == RingEvent.KIND_REQUEST)
                {
                    event.batchSlot = requests;
                    event.putInputs(buffers, requests);
                    requests++;
                }
                seq++;
            }
            batchFirst[set] = first;
            batchLast[set] = seq - 1;
            batchRequests[set] = requests;
            batchComplete[set] = requests == 0;
            batchShadowed[set] = false;
            queuedUpTo = seq - 1;
            inFlight++;
            work += (int)(seq - first);
            if (requests > 0)
            {
                batchLaunchNs[set] = clock.nanoTime();
                try
                {
                    active.launch(set, requests);
                }
                catch (final RuntimeException ex)
                {
                    onAcceleratorFailure(ex);
                    return work;
                }
            }
        }
        return work;
    }

    private int completeOldest()
    {
        final int set = queueHead;
        if (!batchComplete[set])
        {
            try
            {
                if (active != fallback && !active.isComplete(set))
                {
                    if (clock.nanoTime() - batchLaunchNs[set] < timeoutNs)
                    {
                        return 0;
                    }
                    onBatchTimeout(set);
                    return 1;
                }
                active.await(set);
            }
            catch (final RuntimeException ex)
            {
                onAcceleratorFailure(ex);
                return 1;
            }
            batchComplete[set] = true;
            batchCompleteNs[set] = clock.nanoTime();
        }
        final BatchBuffers buffers = active.buffers(set);
        final int requests = batchRequests[set];
        if (shadow != null && requests > 0 && !batchShadowed[set])
        {
            batchShadowed[set] = true;
            handToShadow(set, buffers, requests);
        }
        final ResultStatus status = failedOver ? ResultStatus.FALLBACK : ResultStatus.OK;
        final long last = batchLast[set];
        final int work = publishFrom(set, buffers, status, requests, last);
        if (nextToPublish <= last)
        {
            // Back pressured: the rest waits for the next duty cycle; results are never dropped for it.
            return work;
        }
        if (requests > 0)
        {
            final long batches = counters.batches.get() + 1;
            final long events = counters.batchedEvents.get() + requests;
            counters.batches.setRelease(batches);
            counters.batchedEvents.setRelease(events);
            counters.meanBatchSizeX100.setRelease(events * 100 / batches);
            if (failbackIntervalNs > 0 && active == fallback && active != primary && probeEvents == 0 &&
                !failbackReady && clock.nanoTime() - nextProbeNs >= 0)
            {
                startProbe(set, buffers, requests);
            }
        }
        consumed.set(last);
        queueHead = (queueHead + 1) % setCount;
        inFlight--;
        return work;
    }

    /**
     * Publish the answers of batch {@code set} from {@code nextToPublish} up to {@code last}, their latencies in one
     * recorder batch; stops at back pressure, leaving {@code nextToPublish <= last}.
     *
     * @return answers published.
     */
    private int publishFrom(
        final int set, final BatchBuffers buffers, final ResultStatus status, final int requests, final long last)
    {
        int work = 0;
        latency.beginBatch();
        try
        {
            for (long seq = nextToPublish; seq <= last; seq++)
            {
                final RingEvent event = ring.get(seq);
                final long now = clock.nanoTime();
                final int outcome;
                if (event.kind == RingEvent.KIND_REQUEST)
                {
                    outcome = publisher.publishResult(event, buffers, event.batchSlot, status, requests,
                        batchLaunchNs[set], batchCompleteNs[set], now);
                    if (outcome == ResultPublisher.PUBLISHED)
                    {
                        counters.resultsPublished.incrementRelease();
                    }
                    if (outcome != ResultPublisher.BACK_PRESSURED)
                    {
                        latency.record(Math.min(now - event.ingestNs, highestTrackableNs));
                    }
                }
                else
                {
                    outcome = publisher.publishReject(event);
                    if (outcome != ResultPublisher.BACK_PRESSURED)
                    {
                        counters.rejectsTotal.incrementRelease();
                        counters.rejects(event.verdict.reason()).incrementRelease();
                    }
                }
                if (outcome == ResultPublisher.BACK_PRESSURED)
                {
                    return work;
                }
                nextToPublish = seq + 1;
                work++;
            }
        }
        finally
        {
            latency.endBatch();
        }
        return work;
    }

    /** Copy a completed batch for the shadow engine, unless it is not due or the shadow lags (then it is skipped). */
    private void handToShadow(final int set, final BatchBuffers buffers, final int requests)
    {
        final ShadowBatch batch = shadow.claim(requests);
        if (batch == null)
        {
            return;
        }
        final int in = batch.inputSize;
        final int out = batch.outputSize;
        final int offset = batch.events;
        for (long seq = batchFirst[set], last = batchLast[set]; seq <= last; seq++)
        {
            final RingEvent event = ring.get(seq);
            if (event.kind == RingEvent.KIND_REQUEST)
            {
                final int slot = offset + event.batchSlot;
                event.copyInputs(batch.inputs, slot * in);
                for (int o = 0; o < out; o++)
                {
                    batch.primaryOutputs[slot * out + o] = buffers.getOutputLong(event.batchSlot, o);
                }
                batch.sourceIds[slot] = event.sourceId;
                batch.eventIds[slot] = event.eventId;
            }
        }
        shadow.appended(batch, requests);
    }

    /** Copy a CPU batch just answered to the primary and launch it there, once nothing else is left on it. */
    private void startProbe(final int set, final BatchBuffers cpu, final int requests)
    {
        nextProbeNs = clock.nanoTime() + failbackIntervalNs;
        if (!primaryBatchesDone())
        {
            return;
        }
        counters.failbackProbes.incrementRelease();
        final int n = Math.min(requests, primary.maxBatchSize());
        try
        {
            final BatchBuffers device = primary.buffers(PROBE_SET);
            for (long seq = batchFirst[set], last = batchLast[set]; seq <= last; seq++)
            {
                final RingEvent event = ring.get(seq);
                final int slot = event.batchSlot;
                if (event.kind == RingEvent.KIND_REQUEST && slot < n)
                {
                    event.putInputs(device, slot);
                    for (int o = 0; o < outputSize; o++)
                    {
                        probeExpected[slot * outputSize + o] = cpu.getOutputLong(slot, o);
                    }
                }
            }
            probeLaunchNs = clock.nanoTime();
            primary.launch(PROBE_SET, n);
            probeEvents = n;
        }
        catch (final RuntimeException ex)
        {
            counters.failbackProbesFailed.incrementRelease();
        }
    }

    /** True once no batch is left on the primary; polls, and awaits only what is complete. */
    private boolean primaryBatchesDone()
    {
        for (int set = 0; set < primaryPending.length; set++)
        {
            if (primaryPending[set])
            {
                try
                {
                    if (!primary.isComplete(set))
                    {
                        return false;
                    }
                    primary.await(set);
                }
                catch (final RuntimeException ex)
                {
                    // That batch's events were answered on the CPU engine; only the device's state mattered.
                }
                primaryPending[set] = false;
            }
        }
        return true;
    }

    /** Poll the probe: in time and equal makes the owner switch back; late, failed or different does not. */
    private int completeProbe()
    {
        final long elapsed;
        try
        {
            if (!primary.isComplete(PROBE_SET))
            {
                if (clock.nanoTime() - probeLaunchNs < timeoutNs)
                {
                    return 0;
                }
                // Hung again: leave the probe on it, and probe again only once it is done.
                primaryPending[PROBE_SET] = true;
                primaryAbandoned = true;
                probeEvents = 0;
                counters.failbackProbesFailed.incrementRelease();
                return 1;
            }
            elapsed = clock.nanoTime() - probeLaunchNs;
            primary.await(PROBE_SET);
        }
        catch (final RuntimeException ex)
        {
            probeEvents = 0;
            counters.failbackProbesFailed.incrementRelease();
            return 1;
        }
        final BatchBuffers device = primary.buffers(PROBE_SET);
        boolean equal = elapsed <= timeoutNs;
        for (int slot = 0; slot < probeEvents && equal; slot++)
        {
            for (int o = 0; o < outputSize; o++)
            {
                if (device.getOutputLong(slot, o) != probeExpected[slot * outputSize + o])
                {
                    equal = false;
                    break;
                }
            }
        }
        probeEvents = 0;
        if (equal)
        {
            failbackReady = true;
        }
        else
        {
            counters.failbackProbesFailed.incrementRelease();
        }
        return 1;
    }

    /** Every CPU batch is answered and the primary passed its probe: batches go to it again, answers say OK. */
    private void switchBack()
    {
        failbackReady = false;
        use(primary);
        queueHead = 0;
        primaryAbandoned = false;
        failedOver = false;
        counters.failbacks.incrementRelease();
        failbackUnreported = true;
    }

    /**
     * The device did not finish a batch in time: abandon it without another call into it (it may never return) and
     * fail over as for any accelerator error.
     */
    private void onBatchTimeout(final int set)
    {
        counters.acceleratorTimeouts.incrementRelease();
        primaryAbandoned = true;
        timedOutEvents = batchRequests[set];
        timedOutSet = set;
        timedOutAfterNs = clock.nanoTime() - batchLaunchNs[set];
        onAcceleratorFailure(null);
    }

    private AcceleratorException timeoutException()
    {
        return new AcceleratorException("batch of " + timedOutEvents + " events on buffer set " + timedOutSet +
            " not complete " + timedOutAfterNs / 1000 + " us after its launch (l1infer.accelerator.timeout " +
            timeoutNs / 1000 + " us); device " + primaryDescription + " abandoned");
    }

    /**
     * Re-run every unanswered event on the CPU emulator from its ring slot, or, without a usable fallback, answer
     * them with ACCELERATOR_FAILURE rejects. Either way nothing is lost.
     *
     * @param cause the device's exception, or null for the batch timeout just recorded.
     */
    private void onAcceleratorFailure(final RuntimeException cause)
    {
        counters.acceleratorErrors.incrementRelease();
        final int inFlightAtFailure = inFlight;
        final int headAtFailure = queueHead;
        inFlight = 0;
        queueHead = 0;
        if (fallback != null && active != fallback)
        {
            for (int i = 0; i < inFlightAtFailure; i++)
            {
                primaryPending[(headAtFailure + i) % primaryPending.length] = true;
            }
            nextProbeNs = clock.nanoTime() + failbackIntervalNs;
            counters.failovers.incrementRelease();
            failedOver = true;
            failoverCause = cause;
            failoverReRunEvents = queuedUpTo - nextToPublish + 1;
            use(fallback);
            queuedUpTo = nextToPublish - 1;
            failoverUnreported = true;
            return;
        }
        final RuntimeException ex = cause != null ? cause : timeoutException();
        errorHandler.onError(ex);
        if (primaryAbandoned)
        {
            degradedReason = "accelerator abandoned, failover disabled (events rejected): " + ex.getMessage();
        }
        // No fallback: turn the unanswered requests into rejects and answer them as one completed batch.
        for (long seq = nextToPublish; seq <= queuedUpTo; seq++)
        {
            final RingEvent event = ring.get(seq);
            if (event.kind == RingEvent.KIND_REQUEST)
            {
                event.kind = RingEvent.KIND_REJECT;
                event.verdict.reject(RejectReason.ACCELERATOR_FAILURE, MessageField.NONE, ValidationVerdict.NO_INDEX,
                    0);
            }
        }
        if (nextToPublish <= queuedUpTo)
        {
            batchFirst[0] = nextToPublish;
            batchLast[0] = queuedUpTo;
            batchRequests[0] = 0;
            batchComplete[0] = true;
            inFlight = 1;
        }
    }

    /**
     * What an owner is built from, set fluently and checked by {@link #conclude()} (as Aeron's agents are built).
     */
    static final class Context extends RingAgentContext<Context>
    {
        private Sequence consumed;
        private Accelerator primary;
        private Accelerator fallback;
        private int maxBatch;
        private ResultPublisher publisher;
        private BatchLatencyRecorder latency;
        private long highestTrackableNs;
        private long timeoutNs;
        private String startDegradedReason;
        private ShadowChecker shadow;
        private long failbackIntervalNs;

        Context()
        {
            clock(SystemNanoClock.INSTANCE);
        }

        /** Set the owner's gating sequence on the ring: the last answered slot. */
        Context consumed(final Sequence consumed)
        {
            this.consumed = consumed;
            return this;
        }

        Sequence consumed()
        {
            return consumed;
        }

        /** Set the configured accelerator. */
        Context primary(final Accelerator primary)
        {
            this.primary = primary;
            return this;
        }

        Accelerator primary()
        {
            return primary;
        }

        /** Set the CPU engine to fail over to, or null when failover is disabled. */
        Context fallback(final Accelerator fallback)
        {
            this.fallback = fallback;
            return this;
        }

        Accelerator fallback()
        {
            return fallback;
        }

        /** Set most events per batch (the accelerators may allow fewer). */
        Context maxBatch(final int maxBatch)
        {
            this.maxBatch = maxBatch;
            return this;
        }

        int maxBatch()
        {
            return maxBatch;
        }

        /** Set where the answers go. */
        Context publisher(final ResultPublisher publisher)
        {
            this.publisher = publisher;
            return this;
        }

        ResultPublisher publisher()
        {
            return publisher;
        }

        /** Set ingest-to-publish latency of every answer. */
        Context latency(final BatchLatencyRecorder latency)
        {
            this.latency = latency;
            return this;
        }

        BatchLatencyRecorder latency()
        {
            return latency;
        }

        /** Set the latency histogram's highest value; longer latencies are recorded as it. */
        Context highestTrackableNs(final long highestTrackableNs)
        {
            this.highestTrackableNs = highestTrackableNs;
            return this;
        }

        long highestTrackableNs()
        {
            return highestTrackableNs;
        }

        /** Set a batch not complete this long after its launch is an accelerator failure. */
        Context timeoutNs(final long timeoutNs)
        {
            this.timeoutNs = timeoutNs;
            return this;
        }

        long timeoutNs()
        {
            return timeoutNs;
        }

        /** Set why the daemon starts on the CPU engine in place of its device, or null. */
        Context startDegradedReason(final String startDegradedReason)
        {
            this.startDegradedReason = startDegradedReason;
            return this;
        }

        String startDegradedReason()
        {
            return startDegradedReason;
        }

        /** Set the shadow engine, or null. */
        Context shadow(final ShadowChecker shadow)
        {
            this.shadow = shadow;
            return this;
        }

        ShadowChecker shadow()
        {
            return shadow;
        }

        /** Set how often a failed-over owner probes the primary to switch back to it; 0 = never. */
        Context failbackIntervalNs(final long failbackIntervalNs)
        {
            this.failbackIntervalNs = failbackIntervalNs;
            return this;
        }

        long failbackIntervalNs()
        {
            return failbackIntervalNs;
        }

        /**
         * Check that everything an owner needs is set.
         *
         * @throws NullPointerException naming what is missing; IllegalArgumentException for a bad number.
         */
        @Override
        void conclude()
        {
            super.conclude();
            Objects.requireNonNull(consumed, "consumed");
            Objects.requireNonNull(primary, "primary");
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(latency, "latency");
            if (maxBatch < 1 || timeoutNs <= 0 || highestTrackableNs <= 0 || failbackIntervalNs < 0)
            {
                throw new IllegalArgumentException("maxBatch " + maxBatch + ", timeoutNs " + timeoutNs +
                    ", highestTrackableNs " + highestTrackableNs + ", failbackIntervalNs " + failbackIntervalNs +
                    ": out of range");
            }
        }
    }
}
