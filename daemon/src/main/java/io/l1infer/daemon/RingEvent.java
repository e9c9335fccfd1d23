package io.l1infer.daemon;

import io.l1infer.codec.ValidationVerdict;

/**
 * One pre-allocated Disruptor ring slot: a request with its raw model inputs written in place by the ingest agent,
 * or a rejected message with its verdict, answered in ring order by the accelerator owner.
 */
final class RingEvent
{
    static final int KIND_REQUEST = 1;
    static final int KIND_REJECT = 2;

    int kind;
    long sourceId;
    long eventId;
    long sendTimeNs;
    /** The daemon's NanoClock when the ingest agent accepted the fragment (its ring claim). */
    long ingestNs;
    /** The daemon's NanoClock at the first ingest poll that saw the fragment (before ingestNs after a full ring). */
    long firstPollNs;
    /** Raw input values in the model input type, model order. */
    final int[] inputs;
    /** Position of this request in the accelerator batch it was written to. */
    int batchSlot;
    final ValidationVerdict verdict = new ValidationVerdict();

    RingEvent(final int inputSize)
    {
        inputs = new int[inputSize];
    }
}
