package io.l1infer.client;

/**
 * What a publisher application does with l1infer: send requests, poll for their answers. {@link L1inferClient}
 * talks to one daemon, {@link RoutingClient} routes over several (failover, partitions); both are faces of one
 * core, and sends return an outcome instead of throwing on transport trouble.
 *
 * <p>Single-threaded: one thread sends and polls. Ids are the caller's: (source id, event id) must be unique
 * among requests in flight, and answers are matched to requests by them.
 */
public interface InferenceClient extends AutoCloseable
{
    /**
     * Send the DT trigger primitives of one event (a MuonSegments message); allocation-free.
     *
     * @param sourceId   publisher id, 0..2^32-2.
     * @param eventId    event id, any value but -1 (the wire's null).
     * @param sendTimeNs the intended send time to stamp, System.nanoTime() clock; echoed in the answer.
     * @param bx         the event's bunch crossing (valid 0..3563; uint16 on the wire).
     * @param primitives 1..8 primitives in arrival order; read during the call only.
     * @return {@link SendOutcome#SENT}, or why the request was not sent.
     * @throws IllegalArgumentException naming the argument when a value cannot be encoded as given.
     */
    SendOutcome sendSegments(long sourceId, long eventId, long sendTimeNs, int bx, PrimitiveList primitives);

    /**
     * Send raw model inputs (a FeatureVector message); allocation-free.
     *
     * @param sourceId   publisher id, 0..2^32-2.
     * @param eventId    event id, any value but -1 (the wire's null).
     * @param sendTimeNs the intended send time to stamp, System.nanoTime() clock; echoed in the answer.
     * @param raw        raw fixed-point inputs in the model input type, model order.
     * @param offset     index of the first input in {@code raw}.
     * @param count      number of inputs, 1..64 (the daemon rejects a count other than its model's).
     * @return {@link SendOutcome#SENT}, or why the request was not sent.
     * @throws IllegalArgumentException naming the argument when a value cannot be encoded as given.
     */
    SendOutcome sendFeatures(long sourceId, long eventId, long sendTimeNs, int[] raw, int offset, int count);

    /**
     * Send raw model inputs as int64 values (a version-3 FeatureVector): for input types whose raw values exceed
     * int32 (wider than ap_fixed&lt;32,...&gt; or ap_ufixed&lt;31,...&gt;; an unsigned 64-bit value as its 64 bits);
     * the daemon takes either form for any model and checks every value against its input type. Allocation-free.
     *
     * @param sourceId   publisher id, 0..2^32-2.
     * @param eventId    event id, any value but -1 (the wire's null).
     * @param sendTimeNs the intended send time to stamp, System.nanoTime() clock; echoed in the answer.
     * @param raw        raw fixed-point inputs in the model input type, model order.
     * @param offset     index of the first input in {@code raw}.
     * @param count      number of inputs (the daemon rejects a count other than its model's).
     * @return {@link SendOutcome#SENT}, or why the request was not sent.
     * @throws IllegalArgumentException naming the argument when a value cannot be encoded as given.
     */
    SendOutcome sendFeatures(long sourceId, long eventId, long sendTimeNs, long[] raw, int offset, int count);

    /**
     * Take what has arrived and hand it to the listener; report requests that timed out.
     *
     * @return the number of messages and timeouts handled (0 when idle).
     */
    int poll();

    /**
     * The requests sent and not yet answered, rejected or timed out.
     *
     * @return the number in flight.
     */
    int inFlight();

    /**
     * The counts of requests and answers so far, updated in place on the polling thread.
     *
     * @return this client's statistics.
     */
    ClientStatistics statistics();

    /** Release the connection; requests still in flight are abandoned without callbacks. */
    @Override
    void close();
}
