package io.l1infer.daemon;

import com.lmax.disruptor.RingBuffer;

import java.util.Objects;

/**
 * What the two agents on either side of the ring declare alike: the ring and the daemon's counters.
 *
 * @param <C> the concrete context, returned by the fluent setters.
 */
abstract class RingAgentContext<C extends RingAgentContext<C>> extends AgentContext<C>
{
    RingBuffer<RingEvent> ring;
    DaemonCounters counters;

    /** The ring the ingest agent fills and the owner drains. */
    C ring(final RingBuffer<RingEvent> ring)
    {
        this.ring = ring;
        return self();
    }

    /** The daemon's counters. */
    C counters(final DaemonCounters counters)
    {
        this.counters = counters;
        return self();
    }

    /** Check the ring and the counters after what every context needs. */
    @Override
    void conclude()
    {
        super.conclude();
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(counters, "counters");
    }
}
