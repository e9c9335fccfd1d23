package io.l1infer.daemon;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's counters, allocated in the Aeron counters file so an operator reads them with {@code AeronStat}
 * (filter with {@code type=10[0-9][0-9]}), one per {@link DaemonCounter} and one per reject reason.
 */
final class DaemonCounters implements AutoCloseable
{
    final Counter messagesReceived;
    final Counter eventsAccepted;
    final Counter resultsPublished;
    final Counter rejectsTotal;
    final Counter[] rejectsByReason;
    final Counter batches;
    final Counter batchedEvents;
    final Counter meanBatchSizeX100;
    final Counter backPressureRetries;
    final Counter undeliverable;
    final Counter ringOccupancy;
    final Counter ringFull;
    final Counter acceleratorErrors;
    final Counter failovers;
    final Counter errors;
    final Counter ownerDutyCycles;
    final Counter outsidePartition;
    final Counter acceleratorTimeouts;
    final Counter acceleratorOpenFailures;
    final Counter histogramLogWriteFailures;
    final ShadowChecker.ShadowCounters shadow;
    final Counter shadowMismatchesNotLogged;
    final Counter mismatchLogWriteFailures;
    final Counter failbackProbes;
    final Counter failbackProbesFailed;
    final Counter failbacks;
    private final Counter[] byDescriptor = new Counter[DaemonCounter.values().length];
    private final List<Counter> all = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    DaemonCounters(final Aeron aeron)
    {
        final RejectReason[] reasons = RejectReason.values();
        rejectsByReason = new Counter[reasons.length];
        for (final DaemonCounter descriptor : DaemonCounter.values())
        {
            byDescriptor[descriptor.ordinal()] = add(aeron, descriptor.typeId, descriptor.label);
            if (descriptor == DaemonCounter.REJECTS_TOTAL)
            {
                for (final RejectReason reason : reasons)
                {
                    if (reason != RejectReason.NULL_VAL)
                    {
                        rejectsByReason[reason.ordinal()] = add(aeron, descriptor.typeId,
                            DaemonCounter.PREFIX + DaemonCounter.REJECTS_BY_REASON + reason.name());
                    }
                }
            }
        }
        // Named fields for the agents, which read them on the hot path.
        messagesReceived = get(DaemonCounter.MESSAGES_RECEIVED);
        eventsAccepted = get(DaemonCounter.EVENTS_ACCEPTED);
        resultsPublished = get(DaemonCounter.RESULTS_PUBLISHED);
        rejectsTotal = get(DaemonCounter.REJECTS_TOTAL);
        batches = get(DaemonCounter.BATCHES);
        batchedEvents = get(DaemonCounter.BATCHED_EVENTS);
        meanBatchSizeX100 = get(DaemonCounter.MEAN_BATCH_SIZE_X100);
        backPressureRetries = get(DaemonCounter.BACK_PRESSURE_RETRIES);
        undeliverable = get(DaemonCounter.UNDELIVERABLE);
        ringOccupancy = get(DaemonCounter.RING_OCCUPANCY);
        ringFull = get(DaemonCounter.RING_FULL);
        acceleratorErrors = get(DaemonCounter.ACCELERATOR_ERRORS);
        failovers = get(DaemonCounter.FAILOVERS);
        errors = get(DaemonCounter.ERRORS);
        ownerDutyCycles = get(DaemonCounter.OWNER_DUTY_CYCLES);
        outsidePartition = get(DaemonCounter.OUTSIDE_PARTITION);
        acceleratorTimeouts = get(DaemonCounter.ACCELERATOR_TIMEOUTS);
        acceleratorOpenFailures = get(DaemonCounter.ACCELERATOR_OPEN_FAILURES);
        histogramLogWriteFailures = get(DaemonCounter.HISTOGRAM_LOG_WRITE_FAILURES);
        shadow = new ShadowChecker.ShadowCounters(get(DaemonCounter.SHADOW_BATCHES_CHECKED),
            get(DaemonCounter.SHADOW_EVENTS_CHECKED), get(DaemonCounter.SHADOW_EVENTS_MATCHED),
            get(DaemonCounter.SHADOW_EVENTS_MISMATCHED), get(DaemonCounter.SHADOW_BATCHES_SKIPPED));
        shadowMismatchesNotLogged = get(DaemonCounter.SHADOW_MISMATCHES_NOT_LOGGED);
        mismatchLogWriteFailures = get(DaemonCounter.MISMATCH_LOG_WRITE_FAILURES);
        failbackProbes = get(DaemonCounter.FAILBACK_PROBES);
        failbackProbesFailed = get(DaemonCounter.FAILBACK_PROBES_FAILED);
        failbacks = get(DaemonCounter.FAILBACKS);
    }

    private Counter add(final Aeron aeron, final int typeId, final String label)
    {
        final Counter counter = aeron.addCounter(typeId, label);
        all.add(counter);
        labels.add(label);
        return counter;
    }

    /** The counter of a descriptor. */
    Counter get(final DaemonCounter descriptor)
    {
        return byDescriptor[descriptor.ordinal()];
    }

    Counter rejects(final RejectReason reason)
    {
        return rejectsByReason[reason.ordinal()];
    }

    /** One line per counter, for the shutdown summary. */
    String summary()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < all.size(); i++)
        {
            final Counter c = all.get(i);
            if (!c.isClosed() && (c.get() != 0 || !labels.get(i).contains(DaemonCounter.REJECTS_BY_REASON)))
            {
                sb.append(String.format("%14d  %s%n", c.get(), labels.get(i)));
            }
        }
        return sb.toString();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(all);
    }
}
