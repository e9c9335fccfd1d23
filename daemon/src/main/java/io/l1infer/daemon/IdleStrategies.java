package io.l1infer.daemon;

import io.l1infer.config.IdleStrategySpec;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/** Maps a configured {@link IdleStrategySpec} onto the Agrona strategy of the same name. */
public final class IdleStrategies
{
    private IdleStrategies()
    {
    }

    /**
     * A new strategy instance (strategies hold state: one per thread).
     *
     * @param spec the configured strategy.
     * @return the Agrona strategy.
     */
    public static IdleStrategy of(final IdleStrategySpec spec)
    {
        return switch (spec.kind())
        {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case NOOP -> new NoOpIdleStrategy();
            case YIELD -> new YieldingIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy(spec.maxSpins(), spec.maxYields(), spec.minParkNs(),
                spec.maxParkNs());
            case SLEEP -> new SleepingIdleStrategy(spec.sleepNs());
        };
    }
}
