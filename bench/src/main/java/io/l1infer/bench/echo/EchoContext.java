package io.l1infer.bench.echo;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.l1infer.daemon.AeronConnection;

import java.util.Objects;

/**
 * What the echo server's two agents are built from, set by name and checked once (Aeron's context style, one context
 * for the agents of one server as Aeron's driver context serves its conductor, sender and receiver).
 */
final class EchoContext
{
    // One fluent setter per field, the same shape as the daemon's agent contexts on purpose (Aeron's style).
    Subscription subscription;
    ExclusivePublication publication;
    int ringSize;
    AeronConnection connection;
    int fragmentLimit;
    int maxBatch;
    int maxRetries;
    EchoCounters counters;
    /** Created by {@link #conclude()}. */
    RingBuffer<EchoSlot> ring;
    Sequence consumed;

    /** The ingest stream the ingest agent polls. */
    EchoContext subscription(final Subscription subscription)
    {
        this.subscription = subscription;
        return this;
    }

    /** The result stream the publisher echoes on. */
    EchoContext publication(final ExclusivePublication publication)
    {
        this.publication = publication;
        return this;
    }

    /** Slots of the ring between the two agents, a power of two ({@code l1infer.ring.size}). */
    EchoContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /** Whose driver and client duty cycles the ingest agent runs in invoker mode. */
    EchoContext connection(final AeronConnection connection)
    {
        this.connection = connection;
        return this;
    }

    /** Most fragments per poll ({@code l1infer.ingest.fragment.limit}). */
    EchoContext fragmentLimit(final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        return this;
    }

    /** Most slots published per duty cycle ({@code l1infer.accelerator.max.batch}). */
    EchoContext maxBatch(final int maxBatch)
    {
        this.maxBatch = maxBatch;
        return this;
    }

    /** Back pressure retries per slot and duty cycle ({@code l1infer.publish.max.retries}). */
    EchoContext maxRetries(final int maxRetries)
    {
        this.maxRetries = maxRetries;
        return this;
    }

    /** The echo server's counters. */
    EchoContext counters(final EchoCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /**
     * Check what both agents need, naming what is missing or out of range, and create the ring between them (the
     * server calls it once, before building the agents).
     *
     * @return this context.
     */
    EchoContext conclude()
    {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(publication, "publication");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(counters, "counters");
        if (fragmentLimit < 1 || maxBatch < 1 || maxRetries < 0)
        {
            throw new IllegalArgumentException("fragmentLimit " + fragmentLimit + ", maxBatch " + maxBatch +
                ", maxRetries " + maxRetries);
        }
        // As the daemon's ring (RingEvent.newRing): the consumer reads the cursor; publish must not signal a monitor.
        ring = RingBuffer.createSingleProducer(EchoSlot::new, ringSize, new YieldingWaitStrategy());
        consumed = new Sequence();
        ring.addGatingSequences(consumed);
        return this;
    }
}
