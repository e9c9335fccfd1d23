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
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;

/**
 * The only thread that touches the accelerator. Each duty cycle it writes whatever the ring holds (up to the
 * maximum batch) straight into a free buffer set of the accelerator and launches it, without waiting for a batch to
 * fill; then it completes the oldest batch in flight and publishes one answer per ring event, in ring order. With
 * two or more buffer sets the next batch is filled and launched while the previous one runs.
 *
 * <p>Ring slots are released only once answered, so a batch that fails on the accelerator is re-run from the ring
 * on the CPU emulator (failover): no event is lost.
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

    private Accelerator active;
    private int maxBatch;
    private int setCount;
    private volatile boolean failedOver;

    // Batches in flight, oldest first: buffer sets queueHead, queueHead + 1, ... (mod setCount).
    private int queueHead;
    private int inFlight;
    private final long[] batchFirst;
    private final long[] batchLast;
    private final int[] batchRequests;
    private final boolean[] batchComplete;
    /** System.nanoTime() of each batch's launch and of the moment its completion was seen (stage times). */
    private final long[] batchLaunchNs;
    private final long[] batchCompleteNs;
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
        final ErrorHandler errorHandler)
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
        final int maxSets = Math.max(primary.bufferSetCount(), fallback != null ? fallback.bufferSetCount() : 1);
        batchFirst = new long[maxSets];
        batchLast = new long[maxSets];
        batchRequests = new int[maxSets];
        batchComplete = new boolean[maxSets];
        batchLaunchNs = new long[maxSets];
        batchCompleteNs = new long[maxSets];
        queuedUpTo = consumed.get();
        nextToPublish = queuedUpTo + 1;
        use(primary);
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
            queuedUpTo = seq - 1;
            inFlight++;
            work += (int)(seq - first);
            if (requests > 0)
            {
                batchLaunchNs[set] = System.nanoTime();
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
                active.await(set);
            }
            catch (final RuntimeException ex)
            {
                onAcceleratorFailure(ex);
                return 1;
            }
            batchComplete[set] = true;
            batchCompleteNs[set] = System.nanoTime();
        }
        final BatchBuffers buffers = active.buffers(set);
        final int requests = batchRequests[set];
        final ResultStatus status = failedOver ? ResultStatus.FALLBACK : ResultStatus.OK;
        final long last = batchLast[set];
        int work = 0;
        for (long seq = nextToPublish; seq <= last; seq++)
        {
            final RingEvent event = ring.get(seq);
            final long now = System.nanoTime();
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
            System.err.println("l1infer: accelerator failed (" + ex.getMessage() + "); switching to " +
                "the CPU emulator until restart, re-running " + (queuedUpTo - nextToPublish + 1) +
                " unanswered events");
            counters.failovers.incrementRelease();
            failedOver = true;
            use(fallback);
            queuedUpTo = nextToPublish - 1;
            return;
        }
        // No fallback: turn the unanswered requests into rejects and answer them as one completed batch.
        for (long seq = nextToPublish; seq <= queuedUpTo; seq++)
        {
            final RingEvent event = ring.get(seq);
            if (event.kind == RingEvent.KIND_REQUEST)
            {
                event.kind = RingEvent.KIND_REJECT;
                event.verdict.reject(RejectReason.ACCELERATOR_FAILURE, MessageField.NONE, ValidationVerdict.NO_INDEX, 0);
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
