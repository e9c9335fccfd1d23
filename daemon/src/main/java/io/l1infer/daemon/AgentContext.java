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
        requireSet("errorHandler, clock", errorHandler, clock);
    }

    /**
     * {@link Objects#requireNonNull(Object, String)} for each part, so that a context lists what it requires in one
     * call: the NullPointerException names the first part that is not set.
     *
     * @param names the parts' names, separated by ", ", in the order of {@code parts}.
     * @param parts the parts to check.
     * @throws IllegalArgumentException when the names do not match the parts in number (a programming error).
     */
    static void requireSet(final String names, final Object... parts)
    {
        final String[] name = names.split(", ");
        if (name.length != parts.length)
        {
            throw new IllegalArgumentException(name.length + " names for " + parts.length + " parts: " + names);
        }
        for (int i = 0; i < parts.length; i++)
        {
            Objects.requireNonNull(parts[i], name[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private C self()
    {
        return (C)this;
    }
}
