package io.l1infer.daemon;

import io.aeron.exceptions.DriverTimeoutException;
import org.agrona.ErrorHandler;

/**
 * Passes Aeron client errors on and remembers a driver timeout: with an external media driver that died, the client
 * closes itself and the daemon can no longer answer, so it must say so and exit rather than sit silent.
 */
final class DriverLossDetector implements ErrorHandler
{
    private final ErrorHandler delegate;
    private volatile DriverTimeoutException cause;
    private volatile Runnable onLoss;

    DriverLossDetector(final ErrorHandler delegate)
    {
        this.delegate = delegate;
    }

    @Override
    public void onError(final Throwable throwable)
    {
        delegate.onError(throwable);
        if (throwable instanceof DriverTimeoutException timeout && cause == null)
        {
            cause = timeout;
            final Runnable action = onLoss;
            if (action != null)
            {
                // Runs on the client conductor's thread before it unmaps the CnC file, which holds the counters
                // the agents write: stopping them first keeps them from touching unmapped memory.
                action.run();
            }
        }
    }

    /** What to do, synchronously, when the driver times out: stop everything that uses the Aeron client. */
    void onLoss(final Runnable action)
    {
        onLoss = action;
    }

    /** The driver timeout the client reported, or null while the driver is alive. */
    DriverTimeoutException cause()
    {
        return cause;
    }
}
