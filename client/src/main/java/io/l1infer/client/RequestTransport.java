package io.l1infer.client;

import org.agrona.MutableDirectBuffer;

/**
 * How a client face moves requests to its daemons for the {@link ClientCore}: the one daemon's log claimed in
 * place, or a stored copy offered to the daemon a policy picks.
 */
interface RequestTransport
{
    /** {@link #answered} result: the answer's request was in flight and is no longer. */
    int MATCHED = 0;
    /** {@link #answered} result: no request in flight matches. */
    int UNMATCHED = 1;
    /** {@link #answered} result: a later answer to a request that was sent more than once. */
    int DUPLICATE = 2;

    /**
     * Make room for one request; on {@link SendOutcome#SENT} it is written at {@link #buffer()},
     * {@link #offset()}.
     *
     * @param length of the encoded request.
     * @return SENT, or why there is no room.
     */
    SendOutcome reserve(int length);

    /**
     * @param wide whether the inputs are int64 values rather than int32 ones.
     * @return the most inputs of a feature vector this transport takes.
     */
    int maxInputs(boolean wide);

    /** @return the buffer of the room last reserved. */
    MutableDirectBuffer buffer();

    /** @return the offset of the room last reserved. */
    int offset();

    /**
     * Send the request written in the room last reserved; on a refusal the room is given back.
     *
     * @param length of the encoded request.
     * @param wheel  wheel of the deciding primitive, or {@link DaemonSelector#NO_PARTITION}.
     * @param sector sector of the deciding primitive.
     * @param nowNs  the time of sending.
     * @return SENT, or why it was not sent.
     */
    SendOutcome send(int length, int wheel, int sector, long nowNs);

    /** @return what to keep in flight with the request just sent (the stored copy's slot, or 0). */
    int payload();

    /**
     * Take the request an answer belongs to out of flight.
     *
     * @param sessionId Aeron session of the image the answer came on.
     * @param nowNs     when it was taken from the subscription.
     * @return {@link #MATCHED}, {@link #UNMATCHED} or {@link #DUPLICATE}.
     */
    int answered(long sourceId, long eventId, int sessionId, long nowNs);
}
