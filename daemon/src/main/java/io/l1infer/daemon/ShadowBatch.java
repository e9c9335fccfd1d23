package io.l1infer.daemon;

/**
 * Events handed from the accelerator owner to the shadow checker: copies of the raw inputs, the primary's raw outputs,
 * the event ids and each event's primary batch size and completion time, in pre-allocated arrays reused for ever (the
 * owner fills a free one, the checker returns it), so the hand-off allocates nothing and never holds a ring slot.
 * Several small primary batches share one record while the shadow is busy, so that it checks them in one call.
 */
final class ShadowBatch
{
    final int capacity;
    final int inputSize;
    final int outputSize;
    /** Raw values as longs, so that types wider than int32 (an unsigned 64-bit value as its bits) fit too. */
    final long[] inputs;
    final long[] primaryOutputs;
    final long[] sourceIds;
    final long[] eventIds;
    final int[] primaryBatchSizes;
    final long[] completedEpochMs;
    int events;
    int primaryBatches;

    ShadowBatch(final int capacity, final int inputSize, final int outputSize)
    {
        this.capacity = capacity;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        inputs = new long[capacity * inputSize];
        primaryOutputs = new long[capacity * outputSize];
        sourceIds = new long[capacity];
        eventIds = new long[capacity];
        primaryBatchSizes = new int[capacity];
        completedEpochMs = new long[capacity];
    }

    /** Room for a primary batch of this many events. */
    boolean hasRoomFor(final int requests)
    {
        return events + requests <= capacity;
    }
}
