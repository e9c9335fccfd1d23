package io.l1infer.systemtest;

import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.engine.ForwardingAccelerator;
import io.l1infer.fpga.model.ModelBundle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real CPU emulator, except that a launch hangs for as long as a trigger file exists: a device stuck in a call,
 * as seen from the accelerator-owner thread.
 */
final class StuckOnDemandAccelerator extends ForwardingAccelerator
{
    private final Path trigger;

    StuckOnDemandAccelerator(final ModelBundle model, final int maxBatch, final Path trigger)
    {
        super(new FixedPointEmulator(model, maxBatch));
        this.trigger = trigger;
    }

    @Override
    public String description()
    {
        return "stuck-on-demand (" + trigger + ") " + delegate.description();
    }

    @Override
    public void launch(final int set, final int batchSize)
    {
        while (Files.exists(trigger))
        {
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
        delegate.launch(set, batchSize);
    }
}
