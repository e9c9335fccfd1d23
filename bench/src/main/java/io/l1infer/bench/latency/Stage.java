package io.l1infer.bench.latency;

import java.util.Locale;

/**
 * One stretch of an answer's end-to-end latency, between two timestamps of its path; the daemon's stages add up to
 * the end-to-end time (receive minus intended send) of each event, and so do the echo's.
 */
public enum Stage
{
    /** Intended send time to the moment the bench thread started the send (the sender behind schedule). */
    SEND_LAG,
    /** Send to the first daemon ingest poll that saw the fragment: waiting in the ingest log. */
    INGEST_WAIT,
    /** That poll to the ring claim: the fragment left in the log while the ring was full. */
    RING_WAIT,
    /** Ring claim to the launch of the batch holding the event: waiting in the ring. */
    BATCH_WAIT,
    /** Batch launch to the moment its completion was seen: the engine. */
    COMPUTE,
    /** Completion to the start of this result's claim: behind the batch's earlier results, or back pressure. */
    PUBLISH_WAIT,
    /** Result claim to its arrival at the client: encoding, commit and waiting in the result log. */
    RESULT_WAIT,
    /** Echo target: send to arrival of the echoed request (the echo stamps no times of its own). */
    ECHO_ROUND_TRIP;

    /** The daemon's stages, in path order. */
    static final Stage[] DAEMON = { SEND_LAG, INGEST_WAIT, RING_WAIT, BATCH_WAIT, COMPUTE, PUBLISH_WAIT, RESULT_WAIT };
    /** The echo's stages, in path order. */
    static final Stage[] ECHO = { SEND_LAG, ECHO_ROUND_TRIP };

    /** The name printed in STAGE lines and file names, such as {@code ingest_wait}. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
