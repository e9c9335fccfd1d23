package io.l1infer.client;

/** What became of one send: sent, or why not. Nothing but {@link #SENT} puts a request in flight. */
public enum SendOutcome
{
    /** The request is in the Aeron log and awaits its answer. */
    SENT,
    /** The daemon is not keeping up (or Aeron asked for an admin action): try again later, after polling. */
    BACK_PRESSURED,
    /** No daemon subscribes to the ingest stream (yet, or any more). */
    NOT_CONNECTED,
    /** {@link ClientTuning#maxInFlight(int)} requests already await answers: poll, then try again. */
    IN_FLIGHT_FULL,
    /** A request with the same (source id, event id) is still awaiting its answer; ids must be unique. */
    DUPLICATE_IN_FLIGHT,
    /** The client or its publication is closed. */
    CLOSED;

    /**
     * Whether trying the same send again later can succeed without anything else changing.
     *
     * @return true for back pressure, not connected and a full in-flight table.
     */
    public boolean isRetryable()
    {
        return this == BACK_PRESSURED || this == NOT_CONNECTED || this == IN_FLIGHT_FULL;
    }
}
