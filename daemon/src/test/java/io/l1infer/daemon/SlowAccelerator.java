package io.l1infer.daemon;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.ForwardingAccelerator;

/**
 * A real accelerator (the CPU emulator) made deliberately slow by a fixed busy pause per launch, to test back
 * pressure: every answer still comes from the wrapped engine.
 */
final class SlowAccelerator extends ForwardingAccelerator
{
    private final long pauseNsPerLaunch;

    SlowAccelerator(final Accelerator delegate, final long pauseNsPerLaunch)
    {
        super(delegate);
        this.pauseNsPerLaunch = pauseNsPerLaunch;
    }

    @Override
    public String description()
    {
        return "slowed (" + pauseNsPerLaunch + " ns per launch) " + delegate.description();
    }

    @Override
    public void launch(final int set, final int batchSize)
    {
        final long until = System.nanoTime() + pauseNsPerLaunch;
        while (System.nanoTime() < until)
        {
            Thread.onSpinWait();
        }
        delegate.launch(set, batchSize);
    }
}
