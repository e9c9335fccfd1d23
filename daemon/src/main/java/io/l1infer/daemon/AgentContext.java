package io.l1infer.daemon;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;

import java.util.Objects;

/**
 * What every daemon agent's context holds (Aeron's context style): the error handler and the daemon's monotonic
 * clock, declared once for all of them.
 *
 * @param <C> the concrete context, returned by the fluent setters.
 */
abstract class AgentContext<C extends AgentContext<C>>
{
    ErrorHandler errorHandler;
    NanoClock clock;

    /** Receives the agent's errors. */
    C errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return self();
    }

    /** The daemon's monotonic clock. */
    C clock(final NanoClock clock)
    {
        this.clock = clock;
        return self();
    }

    /** Check what every context needs; a context's own conclude calls it first. */
    void conclude()
    {
        Objects.requireNonNull(errorHandler, "errorHandler");
        Objects.requireNonNull(clock, "clock");
    }

    @SuppressWarnings("unchecked")
    C self()
    {
        return (C)this;
    }
}
