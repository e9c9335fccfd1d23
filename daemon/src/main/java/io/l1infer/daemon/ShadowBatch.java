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
    final int[] inputs;
    final int[] primaryOutputs;
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
        inputs = new int[capacity * inputSize];
        primaryOutputs = new int[capacity * outputSize];
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
