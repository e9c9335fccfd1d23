package io.l1infer.bench.latency;

import io.l1infer.client.InferenceClient;
import io.l1infer.client.SendOutcome;

/**
 * A pre-built pool of requests the open-loop publisher cycles through: building them costs far more than sending
 * them, so nothing is built on the send path.
 */
public interface Workload
{
    /** Short name used in labels and file names, such as {@code thesis} or {@code toy}. */
    String name();

    /** The number of distinct requests in the pool. */
    int size();

    /**
     * Send pool entry {@code eventId mod size()} with these ids; allocation-free.
     *
     * @param client     where to send.
     * @param sourceId   the bench's source id.
     * @param eventId    unique event id.
     * @param sendTimeNs intended send time to stamp.
     * @return the client's outcome.
     */
    SendOutcome send(InferenceClient client, long sourceId, long eventId, long sendTimeNs);
}
