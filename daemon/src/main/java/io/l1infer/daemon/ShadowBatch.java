package io.l1infer.daemon;

/**
 * One batch handed from the accelerator owner to the shadow checker: copies of the raw inputs, the primary's raw
 * outputs and the event ids, in pre-allocated arrays reused for ever (the owner fills a free one, the checker returns
 * it), so the hand-off allocates nothing and never holds a ring slot.
 */
final class ShadowBatch
{
    final int inputSize;
    final int outputSize;
    final int[] inputs;
    final int[] primaryOutputs;
    final long[] sourceIds;
    final long[] eventIds;
    int events;
    long completedEpochMs;

    ShadowBatch(final int maxBatch, final int inputSize, final int outputSize)
    {
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        inputs = new int[maxBatch * inputSize];
        primaryOutputs = new int[maxBatch * outputSize];
        sourceIds = new long[maxBatch];
        eventIds = new long[maxBatch];
    }
}
