package io.l1infer.client;

import io.l1infer.codec.ValidationVerdict;

/**
 * Receives what {@link InferenceClient#poll()} takes from the result stream, on the polling thread. Views are
 * flyweights reused for the next message: read them inside the call. Implementations on a hot path should neither
 * allocate nor block.
 */
public interface ResultListener
{
    /**
     * The answer to a request of this client that was still in flight (matched by source id and event id and now
     * no longer in flight).
     *
     * @param result the result, valid during this call.
     */
    void onResult(ResultView result);

    /**
     * The daemon refused a request of this client that was still in flight.
     *
     * @param reject the reject, valid during this call.
     */
    void onReject(RejectView reject);

    /**
     * A request went unanswered for {@link ClientTuning#requestTimeoutNs(long)}; it is forgotten, and an answer that
     * arrives later is reported through {@link #onUnmatched} instead.
     *
     * @param sourceId   the request's source id.
     * @param eventId    the request's event id.
     * @param sendTimeNs the send time the request carried.
     */
    void onTimeout(long sourceId, long eventId, long sendTimeNs);

    /**
     * A request of this client came back unchanged and was matched, as only an echo server (a transport baseline
     * without inference) answers. The default does nothing.
     *
     * @param sourceId      the request's source id.
     * @param eventId       the request's event id.
     * @param sendTimeNs    the send time the request carried.
     * @param receiveTimeNs System.nanoTime() when the client took it from its subscription.
     */
    default void onEcho(final long sourceId, final long eventId, final long sendTimeNs, final long receiveTimeNs)
    {
    }

    /**
     * A well-formed answer matched no request in flight: another client's (result streams are shared), a late
     * answer to a timed-out request, or a duplicate. The default does nothing; the client counts them.
     *
     * @param sourceId   source id of the answer, the null value when a reject could not name it.
     * @param eventId    event id of the answer, the null value when a reject could not name it.
     * @param templateId what kind of message it was.
     */
    default void onUnmatched(final long sourceId, final long eventId, final int templateId)
    {
    }

    /**
     * A message on the result stream failed validation (a daemon defect or a foreign publisher); the client counts
     * it and reads nothing from it. The default does nothing.
     *
     * @param verdict why, valid during this call.
     */
    default void onMalformed(final ValidationVerdict verdict)
    {
    }
}
