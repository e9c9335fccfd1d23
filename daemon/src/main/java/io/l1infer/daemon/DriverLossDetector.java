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
        }
    }

    /** The driver timeout the client reported, or null while the driver is alive. */
    DriverTimeoutException cause()
    {
        return cause;
    }
}
