package io.l1infer.fpga.engine;

import io.l1infer.fpga.model.ModelBundle;

/**
 * Batched inference of one model from raw fixed-point inputs to raw outputs, driven by a single owner thread.
 *
 * <p>The accelerator owns one or more {@link BatchBuffers} sets. The owner writes a batch's inputs into a set in
 * place, {@link #launch launches} it, and {@link #await awaits} it before reading the outputs; with two or more sets
 * it can fill the next set while the device runs the previous one. Neither call allocates. Implementations are not
 * thread-safe: exactly one thread may call them.
 */
public interface Accelerator extends AutoCloseable
{
    /** The model this accelerator runs: input and output sizes and fixed-point types. */
    ModelBundle model();

    /** Short human-readable description, e.g. the engine or device name. */
    String description();

    /** Most events per launch. */
    int maxBatchSize();

    /**
     * The one check of a requested batch capacity, for every engine's constructor.
     *
     * @param maxBatchSize most events per launch asked for.
     * @return {@code maxBatchSize}.
     * @throws IllegalArgumentException when it is below 1.
     */
    static int requireMaxBatchSize(final int maxBatchSize)
    {
        if (maxBatchSize < 1)
        {
            throw new IllegalArgumentException("maxBatchSize must be >= 1: " + maxBatchSize);
        }
        return maxBatchSize;
    }

    /** Number of buffer sets that can be in flight at once (1 for a synchronous engine). */
    int bufferSetCount();

    /** Buffer set {@code set} in [0, bufferSetCount()). */
    BatchBuffers buffers(int set);

    /**
     * Start inference of the first {@code batchSize} events of buffer set {@code set}. A synchronous engine
     * computes the outputs before returning.
     *
     * @throws AcceleratorException when the device fails.
     */
    void launch(int set, int batchSize);

    /**
     * Wait until the batch launched on {@code set} is complete and its outputs are readable.
     *
     * @throws AcceleratorException when the device fails.
     */
    void await(int set);

    /**
     * Whether the batch launched on {@code set} has finished, so that {@link #await} would return at once; never
     * blocks and never allocates. The owner polls this to enforce its batch deadline without ever waiting inside a
     * device that may not answer. A synchronous engine, whose launch computes the batch, is always complete.
     *
     * @throws AcceleratorException when the device fails.
     */
    default boolean isComplete(final int set)
    {
        return true;
    }

    /** Launch and wait: the whole batch in one call. */
    default void infer(final int set, final int batchSize)
    {
        launch(set, batchSize);
        await(set);
    }

    /** Release device resources; idempotent. */
    @Override
    void close();
}
