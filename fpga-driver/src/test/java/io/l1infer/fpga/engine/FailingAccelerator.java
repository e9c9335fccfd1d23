package io.l1infer.fpga.engine;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * Fault injection for tests, never for production: wraps a real accelerator and behaves exactly like it until
 * launch number {@code failingLaunch} (counting from 0), which fails with an {@link AcceleratorException} at launch
 * or at await, either once or from then on, the way a device that dies mid-run does. Nothing of OpenCL is mocked:
 * the wrapped engine really runs every batch that does not fail.
 */
public final class FailingAccelerator extends ForwardingAccelerator
{
    /** Where the injected fault surfaces. */
    public enum Stage
    {
        /** launch() throws and the batch never starts. */
        LAUNCH,
        /** launch() succeeds and the batch runs, then await() throws (an asynchronous device error). */
        AWAIT,
        /**
         * launch() succeeds but the batch never completes: isComplete() stays false and await() blocks until
         * close(), like a kernel that never finishes. Every later call blocks the same way (a hung device).
         */
        HANG
    }

    /** Whether the fault repeats. */
    public enum Persistence
    {
        /** Only the failing launch fails; later batches run normally. */
        ONCE,
        /** The failing launch and every call after it fail, like a device that is gone. */
        PERMANENT
    }

    private final long failingLaunch;
    private final Stage stage;
    private final Persistence persistence;
    private final boolean[] failAtAwait;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final long[] setLaunch;
    private long launches;
    private long healsAtLaunch = Long.MAX_VALUE;
    private boolean failed;
    private volatile long hungAtNs;

    /**
     * @param delegate      the accelerator that does the real work (closed by {@link #close()}).
     * @param failingLaunch index of the launch that fails, from 0.
     * @param stage         where the fault is thrown.
     * @param persistence   once or from then on.
     */
    public FailingAccelerator(
        final Accelerator delegate, final long failingLaunch, final Stage stage, final Persistence persistence)
    {
        super(delegate);
        if (failingLaunch < 0)
        {
            throw new IllegalArgumentException("failingLaunch must be >= 0: " + failingLaunch);
        }
        this.failingLaunch = failingLaunch;
        this.stage = Objects.requireNonNull(stage, "stage");
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        this.failAtAwait = new boolean[delegate.bufferSetCount()];
        this.setLaunch = new long[delegate.bufferSetCount()];
    }

    /**
     * A PERMANENT LAUNCH or AWAIT fault ends at launch number {@code launch}: from then on every call works again,
     * like a device that was reset or came back.
     *
     * @return this.
     */
    public FailingAccelerator healAt(final long launch)
    {
        healsAtLaunch = launch;
        return this;
    }

    /** Where the fault surfaces. */
    public Stage stage()
    {
        return stage;
    }

    /** Launches attempted so far, including failed ones. */
    public long launches()
    {
        return launches;
    }

    /** System.nanoTime() of the launch that hung (Stage.HANG), 0 before it. */
    public long hungAtNs()
    {
        return hungAtNs;
    }

    /** True once the fault has been thrown (or, for Stage.HANG, once the device hung). */
    public boolean hasFailed()
    {
        return failed;
    }

    @Override
    public String description()
    {
        return "fault-injecting wrapper (fails launch " + failingLaunch + " at " + stage + ", " + persistence +
            ") of " + delegate.description();
    }

    @Override
    public void launch(final int set, final int batchSize)
    {
        final long launch = launches++;
        setLaunch[set] = launch;
        if (stage == Stage.HANG)
        {
            if (failed)
            {
                blockUntilClosed();
            }
            delegate.launch(set, batchSize);
            if (launch == failingLaunch)
            {
                failed = true;
                hungAtNs = System.nanoTime();
            }
            return;
        }
        if (failed && persistence == Persistence.PERMANENT && launch < healsAtLaunch)
        {
            throw new AcceleratorException("launch: injected fault, the accelerator failed at launch " +
                failingLaunch + " (FailingAccelerator, for tests)");
        }
        if (launch == failingLaunch && stage == Stage.LAUNCH)
        {
            failed = true;
            throw injected("launch", launch, set);
        }
        delegate.launch(set, batchSize);
        if (launch == failingLaunch)
        {
            failAtAwait[set] = true;
        }
    }

    @Override
    public boolean isComplete(final int set)
    {
        return !(stage == Stage.HANG && failed) && delegate.isComplete(set);
    }

    @Override
    public void await(final int set)
    {
        if (stage == Stage.HANG && failed)
        {
            blockUntilClosed();
        }
        delegate.await(set);
        if (failAtAwait[set])
        {
            failAtAwait[set] = false;
            failed = true;
            throw injected("await", failingLaunch, set);
        }
        if (failed && persistence == Persistence.PERMANENT && setLaunch[set] < healsAtLaunch)
        {
            throw new AcceleratorException("await: injected fault, the accelerator failed at launch " +
                failingLaunch + " (FailingAccelerator, for tests)");
        }
    }

    @Override
    public void close()
    {
        closed.countDown();
        super.close();
    }

    private void blockUntilClosed()
    {
        try
        {
            closed.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        throw new AcceleratorException("hung device closed (FailingAccelerator HANG, for tests)");
    }

    private static AcceleratorException injected(final String call, final long launch, final int set)
    {
        return new AcceleratorException(call + ": injected fault at launch " + launch + " on buffer set " + set +
            " (FailingAccelerator, for tests)");
    }
}
