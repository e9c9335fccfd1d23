package io.l1infer.daemon;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.codec.sbe.ResultStatus;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import org.HdrHistogram.SingleWriterRecorder;
import io.l1infer.fpga.engine.AcceleratorException;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

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
    private final SingleWriterRecorder latency;
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

    AcceleratorOwner(
        final RingBuffer<RingEvent> ring,
        final Sequence consumed,
        final Accelerator primary,
        final Accelerator fallback,
        final int maxBatch,
        final ResultPublisher publisher,
        final SingleWriterRecorder latency,
        final long highestTrackableNs,
        final DaemonCounters counters,
        final ErrorHandler errorHandler,
        final long timeoutNs,
        final NanoClock clock,
        final String startDegradedReason,
        final ShadowChecker shadow)
    {
        this.ring = ring;
        this.consumed = consumed;
        this.primary = primary;
        this.fallback = fallback;
        this.publisher = publisher;
        this.latency = latency;
        this.highestTrackableNs = highestTrackableNs;
        this.counters = counters;
        this.errorHandler = errorHandler;
        this.configuredMaxBatch = maxBatch;
        this.timeoutNs = timeoutNs;
        this.clock = clock;
        final int maxSets = Math.max(primary.bufferSetCount(), fallback != null ? fallback.bufferSetCount() : 1);
        batchFirst = new long[maxSets];
        batchLast = new long[maxSets];
        batchRequests = new int[maxSets];
        batchComplete = new boolean[maxSets];
        batchLaunchNs = new long[maxSets];
        batchCompleteNs = new long[maxSets];
        batchShadowed = new boolean[maxSets];
        this.shadow = shadow;
        queuedUpTo = consumed.get();
        nextToPublish = queuedUpTo + 1;
        use(primary);
        if (startDegradedReason != null)
        {
            // Started on the CPU emulator in place of a device that could not be opened: answers say so.
            failedOver = true;
            degradedReason = startDegradedReason;
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
        return degradedReason;
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
        counters.ringOccupancy.setRelease(ring.getCursor() - consumed.get());
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
                    buffers.putInputs(requests, event.inputs, 0);
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
        int work = 0;
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
                    latency.recordValue(Math.min(now - event.ingestNs, highestTrackableNs));
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
                // Keep the rest for the next duty cycle: results are never dropped for back pressure.
                return work;
            }
            nextToPublish = seq + 1;
            work++;
        }
        if (requests > 0)
        {
            final long batches = counters.batches.get() + 1;
            final long events = counters.batchedEvents.get() + requests;
            counters.batches.setRelease(batches);
            counters.batchedEvents.setRelease(events);
            counters.meanBatchSizeX100.setRelease(events * 100 / batches);
        }
        consumed.set(last);
        queueHead = (queueHead + 1) % setCount;
        inFlight--;
        return work;
    }

    /** Copy a completed batch for the shadow engine, unless it is not due or the shadow lags (then it is skipped). */
    private void handToShadow(final int set, final BatchBuffers buffers, final int requests)
    {
        final ShadowBatch batch = shadow.claim();
        if (batch == null)
        {
            return;
        }
        final int in = batch.inputSize;
        final int out = batch.outputSize;
        for (long seq = batchFirst[set], last = batchLast[set]; seq <= last; seq++)
        {
            final RingEvent event = ring.get(seq);
            if (event.kind == RingEvent.KIND_REQUEST)
            {
                final int slot = event.batchSlot;
                System.arraycopy(event.inputs, 0, batch.inputs, slot * in, in);
                for (int o = 0; o < out; o++)
                {
                    batch.primaryOutputs[slot * out + o] = buffers.getOutput(slot, o);
                }
                batch.sourceIds[slot] = event.sourceId;
                batch.eventIds[slot] = event.eventId;
            }
        }
        batch.events = requests;
        shadow.submit(batch);
    }

    /**
     * The device did not finish a batch in time: abandon it without another call into it (it may never return) and
     * fail over as for any accelerator error.
     */
    private void onBatchTimeout(final int set)
    {
        counters.acceleratorTimeouts.incrementRelease();
        primaryAbandoned = true;
        onAcceleratorFailure(new AcceleratorException("batch of " + batchRequests[set] + " events on buffer set " +
            set + " not complete " + (clock.nanoTime() - batchLaunchNs[set]) / 1000 + " us after its launch (" +
            "l1infer.accelerator.timeout " + timeoutNs / 1000 + " us); device " + active.description() +
            " abandoned"));
    }

    /**
     * Re-run every unanswered event on the CPU emulator from its ring slot, or, without a usable fallback, answer
     * them with ACCELERATOR_FAILURE rejects. Either way nothing is lost.
     */
    private void onAcceleratorFailure(final RuntimeException ex)
    {
        counters.acceleratorErrors.incrementRelease();
        errorHandler.onError(ex);
        inFlight = 0;
        queueHead = 0;
        if (fallback != null && active != fallback)
        {
            ServiceLog.warning("l1infer: accelerator failed (" + ex.getMessage() + "); switching to " +
                "the CPU emulator until restart, re-running " + (queuedUpTo - nextToPublish + 1) +
                " unanswered events");
            counters.failovers.incrementRelease();
            failedOver = true;
            degradedReason = "failed over to the CPU emulator: " + ex.getMessage();
            use(fallback);
            queuedUpTo = nextToPublish - 1;
            return;
        }
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
}
