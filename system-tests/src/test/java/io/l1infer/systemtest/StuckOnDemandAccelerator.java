package io.l1infer.systemtest;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real CPU emulator, except that a launch hangs for as long as a trigger file exists: a device stuck in a call,
 * as seen from the accelerator-owner thread.
 */
final class StuckOnDemandAccelerator implements Accelerator
{
    private final FixedPointEmulator engine;
    private final Path trigger;

    StuckOnDemandAccelerator(final ModelBundle model, final int maxBatch, final Path trigger)
    {
        this.engine = new FixedPointEmulator(model, maxBatch);
        this.trigger = trigger;
    }

    @Override
    public ModelBundle model()
    {
        return engine.model();
    }

    @Override
    public String description()
    {
        return "stuck-on-demand (" + trigger + ") " + engine.description();
    }

    @Override
    public int maxBatchSize()
    {
        return engine.maxBatchSize();
    }

    @Override
    public int bufferSetCount()
    {
        return engine.bufferSetCount();
    }

    @Override
    public BatchBuffers buffers(final int set)
    {
        return engine.buffers(set);
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
        engine.launch(set, batchSize);
    }

    @Override
    public void await(final int set)
    {
        engine.await(set);
    }

    @Override
    public void close()
    {
        engine.close();
    }
}
