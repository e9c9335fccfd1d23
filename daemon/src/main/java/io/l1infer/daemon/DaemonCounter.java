package io.l1infer.daemon;

/**
 * The daemon's counters, one line each: the Aeron counter type id (application counters start at 1000) and the
 * label after {@link #PREFIX}, as {@code AeronStat} shows them. Never change a type id or a label: operators'
 * AeronStat filters and scripts read them.
 */
enum DaemonCounter
{
    MESSAGES_RECEIVED(1000, "messages received"),
    EVENTS_ACCEPTED(1001, "events accepted"),
    RESULTS_PUBLISHED(1002, "results published"),
    /** Followed by one counter of the same type per reject reason, labelled "rejects REASON". */
    REJECTS_TOTAL(1003, "rejects total"),
    BATCHES(1004, "batches"),
    BATCHED_EVENTS(1005, "batched events"),
    MEAN_BATCH_SIZE_X100(1006, "mean batch size x100"),
    BACK_PRESSURE_RETRIES(1007, "back-pressure retries"),
    UNDELIVERABLE(1008, "undeliverable results"),
    RING_OCCUPANCY(1009, "ring occupancy"),
    RING_FULL(1010, "ring full aborts"),
    ACCELERATOR_ERRORS(1011, "accelerator errors"),
    FAILOVERS(1012, "failovers to CPU emulator"),
    ERRORS(1013, "errors logged"),
    OWNER_DUTY_CYCLES(1014, "accelerator owner duty cycles"),
    OUTSIDE_PARTITION(1015, "messages outside partition (ignored)"),
    ACCELERATOR_TIMEOUTS(1016, "accelerator batch timeouts"),
    ACCELERATOR_OPEN_FAILURES(1017, "accelerator open failures"),
    HISTOGRAM_LOG_WRITE_FAILURES(1018, "histogram log write failures"),
    SHADOW_BATCHES_CHECKED(1019, "shadow batches checked"),
    SHADOW_EVENTS_CHECKED(1020, "shadow events checked"),
    SHADOW_EVENTS_MATCHED(1021, "shadow events matched"),
    SHADOW_EVENTS_MISMATCHED(1022, "shadow events mismatched"),
    SHADOW_BATCHES_SKIPPED(1023, "shadow batches skipped"),
    SHADOW_MISMATCHES_NOT_LOGGED(1024, "shadow mismatches not logged"),
    MISMATCH_LOG_WRITE_FAILURES(1025, "mismatch log write failures"),
    FAILBACK_PROBES(1026, "failback probes"),
    FAILBACK_PROBES_FAILED(1027, "failback probes failed"),
    FAILBACKS(1028, "failbacks to the accelerator");

    /** What every label starts with, so that the daemon's counters stand together in AeronStat. */
    static final String PREFIX = "l1infer: ";
    /** Label of the per-reason reject counters before the reason's name. */
    static final String REJECTS_BY_REASON = "rejects ";

    final int typeId;
    final String label;

    DaemonCounter(final int typeId, final String label)
    {
        this.typeId = typeId;
        this.label = PREFIX + label;
    }
}
