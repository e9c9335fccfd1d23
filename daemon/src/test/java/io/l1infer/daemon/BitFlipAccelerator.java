package io.l1infer.daemon;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.ForwardingAccelerator;

/**
 * Fault injection for the shadow engine's tests: the real engine's answers, except that output 0 of one event in
 * every {@code period} (counting events across batches from 0) has its lowest bit flipped, as a firmware bug would.
 */
final class BitFlipAccelerator extends ForwardingAccelerator
{
    private final long period;
    private final int[] batchSizes;
    private long events;
    private long flipped;

    BitFlipAccelerator(final Accelerator delegate, final long period)
    {
        super(delegate);
        this.period = period;
        this.batchSizes = new int[delegate.bufferSetCount()];
    }

    /** Events whose output was flipped so far. */
    long flipped()
    {
        return flipped;
    }

    @Override
    public String description()
    {
        return "bit-flipping wrapper (1 in " + period + ") of " + delegate.description();
    }

    @Override
    public void launch(final int set, final int batchSize)
    {
        batchSizes[set] = batchSize;
        delegate.launch(set, batchSize);
    }

    @Override
    public void await(final int set)
    {
        delegate.await(set);
        final BatchBuffers buffers = delegate.buffers(set);
        for (int e = 0; e < batchSizes[set]; e++)
        {
            if (events++ % period == period - 1)
            {
                buffers.putOutput(e, 0, buffers.getOutput(e, 0) ^ 1);
                flipped++;
            }
        }
        batchSizes[set] = 0;
    }
}
