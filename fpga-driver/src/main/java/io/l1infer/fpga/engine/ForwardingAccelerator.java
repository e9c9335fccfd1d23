package io.l1infer.fpga.engine;

import io.l1infer.fpga.model.ModelBundle;

import java.util.Objects;

/**
 * An accelerator that passes every call to a real one; subclasses override the calls they change (fault injection,
 * slow or stuck devices in tests). It owns the delegate and closes it.
 */
public abstract class ForwardingAccelerator implements Accelerator
{
    protected final Accelerator delegate;

    protected ForwardingAccelerator(final Accelerator delegate)
    {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public ModelBundle model()
    {
        return delegate.model();
    }

    @Override
    public String description()
    {
        return delegate.description();
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
        delegate.launch(set, batchSize);
    }

    @Override
    public boolean isComplete(final int set)
    {
        return delegate.isComplete(set);
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
