package io.l1infer.client;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.ForwardingAccelerator;

import java.util.concurrent.locks.LockSupport;

/** A device that hangs while its gate is closed (a daemon that stops answering without going away), then recovers. */
final class GatedAccelerator extends ForwardingAccelerator
{
    private volatile boolean open = true;

    GatedAccelerator(final Accelerator delegate)
    {
        super(delegate);
    }

    /** Hang every launch from now on (true) or let them run again (false). */
    void hang(final boolean hang)
    {
        open = !hang;
    }

    @Override
    public void launch(final int set, final int batchSize)
    {
        while (!open)
        {
            LockSupport.parkNanos(1_000_000L);
        }
        super.launch(set, batchSize);
    }
}
