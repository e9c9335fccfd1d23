package io.l1infer.daemon;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.AcceleratorException;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.model.ModelBundle;

/**
 * A real accelerator (the CPU emulator) behind a test hook: slowed down by a fixed pause per launch, or made to
 * fail from a given launch on, to test back pressure and failover. Not a mock: every answer still comes from the
 * wrapped engine.
 */
final class DelegatingAccelerator implements Accelerator
{
    private final Accelerator delegate;
    private final long pauseNsPerLaunch;
    private final int failFromLaunch;
    private int launches;
    volatile boolean stuck;

    DelegatingAccelerator(final Accelerator delegate, final long pauseNsPerLaunch, final int failFromLaunch)
    {
        this.delegate = delegate;
        this.pauseNsPerLaunch = pauseNsPerLaunch;
        this.failFromLaunch = failFromLaunch;
    }

    int launches()
    {
        return launches;
    }

    @Override
    public ModelBundle model()
    {
        return delegate.model();
    }

    @Override
    public String description()
    {
        return "test hook over " + delegate.description();
    }

    @Override
    public int maxBatchSize()
    {
        return delegate.maxBatchSize();
    }

    @Override
    public int bufferSetCount()
    {
        return delegate.bufferSetCount();
    }

    @Override
    public BatchBuffers buffers(final int set)
    {
        return delegate.buffers(set);
    }

    @Override
    public void launch(final int set, final int batchSize)
    {
        launches++;
        if (failFromLaunch > 0 && launches >= failFromLaunch)
        {
            throw new AcceleratorException("clEnqueueTask: CL_OUT_OF_RESOURCES (injected at launch " + launches + ")");
        }
        if (pauseNsPerLaunch > 0)
        {
            final long until = System.nanoTime() + pauseNsPerLaunch;
            while (System.nanoTime() < until)
            {
                Thread.onSpinWait();
            }
        }
        while (stuck)
        {
            Thread.onSpinWait();
        }
        delegate.launch(set, batchSize);
    }

    @Override
    public void await(final int set)
    {
        delegate.await(set);
    }

    @Override
    public void close()
    {
        delegate.close();
    }
}
