package io.l1infer.daemon;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's counters, allocated in the Aeron counters file so an operator reads them with {@code AeronStat}
 * (filter with {@code type=100[0-9]}); one counter per reject reason.
 */
final class DaemonCounters implements AutoCloseable
{
    /** Aeron counter type ids: application counters start at 1000. */
    static final int TYPE_MESSAGES_RECEIVED = 1000;
    static final int TYPE_EVENTS_ACCEPTED = 1001;
    static final int TYPE_RESULTS_PUBLISHED = 1002;
    static final int TYPE_REJECTS = 1003;
    static final int TYPE_BATCHES = 1004;
    static final int TYPE_BATCHED_EVENTS = 1005;
    static final int TYPE_MEAN_BATCH_SIZE_X100 = 1006;
    static final int TYPE_BACK_PRESSURE_RETRIES = 1007;
    static final int TYPE_UNDELIVERABLE = 1008;
    static final int TYPE_RING_OCCUPANCY = 1009;
    static final int TYPE_RING_FULL = 1010;
    static final int TYPE_ACCELERATOR_ERRORS = 1011;
    static final int TYPE_FAILOVERS = 1012;
    static final int TYPE_ERRORS = 1013;
    static final int TYPE_OWNER_DUTY_CYCLES = 1014;
    static final int TYPE_OUTSIDE_PARTITION = 1015;
    static final int TYPE_ACCELERATOR_TIMEOUTS = 1016;
    static final int TYPE_ACCELERATOR_OPEN_FAILURES = 1017;
    static final int TYPE_LOG_WRITE_FAILURES = 1018;
    static final int TYPE_SHADOW_BATCHES_CHECKED = 1019;
    static final int TYPE_SHADOW_EVENTS_CHECKED = 1020;
    static final int TYPE_SHADOW_EVENTS_MATCHED = 1021;
    static final int TYPE_SHADOW_EVENTS_MISMATCHED = 1022;
    static final int TYPE_SHADOW_BATCHES_SKIPPED = 1023;
    static final int TYPE_SHADOW_MISMATCHES_NOT_LOGGED = 1024;

    private static final String PREFIX = "l1infer: ";

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
    private final List<Counter> all = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    DaemonCounters(final Aeron aeron)
    {
        messagesReceived = add(aeron, TYPE_MESSAGES_RECEIVED, "messages received");
        eventsAccepted = add(aeron, TYPE_EVENTS_ACCEPTED, "events accepted");
        resultsPublished = add(aeron, TYPE_RESULTS_PUBLISHED, "results published");
        rejectsTotal = add(aeron, TYPE_REJECTS, "rejects total");
        final RejectReason[] reasons = RejectReason.values();
        rejectsByReason = new Counter[reasons.length];
        for (final RejectReason reason : reasons)
        {
            if (reason != RejectReason.NULL_VAL)
            {
                rejectsByReason[reason.ordinal()] = add(aeron, TYPE_REJECTS, "rejects " + reason.name());
            }
        }
        batches = add(aeron, TYPE_BATCHES, "batches");
        batchedEvents = add(aeron, TYPE_BATCHED_EVENTS, "batched events");
        meanBatchSizeX100 = add(aeron, TYPE_MEAN_BATCH_SIZE_X100, "mean batch size x100");
        backPressureRetries = add(aeron, TYPE_BACK_PRESSURE_RETRIES, "back-pressure retries");
        undeliverable = add(aeron, TYPE_UNDELIVERABLE, "undeliverable results");
        ringOccupancy = add(aeron, TYPE_RING_OCCUPANCY, "ring occupancy");
        ringFull = add(aeron, TYPE_RING_FULL, "ring full aborts");
        acceleratorErrors = add(aeron, TYPE_ACCELERATOR_ERRORS, "accelerator errors");
        failovers = add(aeron, TYPE_FAILOVERS, "failovers to CPU emulator");
        errors = add(aeron, TYPE_ERRORS, "errors logged");
        ownerDutyCycles = add(aeron, TYPE_OWNER_DUTY_CYCLES, "accelerator owner duty cycles");
        outsidePartition = add(aeron, TYPE_OUTSIDE_PARTITION, "messages outside partition (ignored)");
        acceleratorTimeouts = add(aeron, TYPE_ACCELERATOR_TIMEOUTS, "accelerator batch timeouts");
        acceleratorOpenFailures = add(aeron, TYPE_ACCELERATOR_OPEN_FAILURES, "accelerator open failures");
        histogramLogWriteFailures = add(aeron, TYPE_LOG_WRITE_FAILURES, "histogram log write failures");
        shadow = new ShadowChecker.ShadowCounters(
            add(aeron, TYPE_SHADOW_BATCHES_CHECKED, "shadow batches checked"),
            add(aeron, TYPE_SHADOW_EVENTS_CHECKED, "shadow events checked"),
            add(aeron, TYPE_SHADOW_EVENTS_MATCHED, "shadow events matched"),
            add(aeron, TYPE_SHADOW_EVENTS_MISMATCHED, "shadow events mismatched"),
            add(aeron, TYPE_SHADOW_BATCHES_SKIPPED, "shadow batches skipped"));
        shadowMismatchesNotLogged = add(aeron, TYPE_SHADOW_MISMATCHES_NOT_LOGGED, "shadow mismatches not logged");
        mismatchLogWriteFailures = add(aeron, TYPE_LOG_WRITE_FAILURES, "mismatch log write failures");
    }

    private Counter add(final Aeron aeron, final int typeId, final String label)
    {
        final Counter counter = aeron.addCounter(typeId, PREFIX + label);
        all.add(counter);
        labels.add(PREFIX + label);
        return counter;
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
            if (!c.isClosed() && (c.get() != 0 || !labels.get(i).contains("rejects ")))
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
