package io.l1infer.bench.echo;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.l1infer.daemon.AeronConnection;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The echo server's ingest thread, shaped like the daemon's: polls the ingest subscription (and runs the driver's
 * duty cycle in invoker mode) and copies each fragment into a ring slot, returning ABORT when the ring is full so
 * the publisher is pushed back instead of losing anything. No validation, features or inference.
 */
final class EchoIngestAgent implements Agent, ControlledFragmentHandler
{
    private final Subscription subscription;
    private final RingBuffer<EchoSlot> ring;
    private final AeronConnection connection;
    private final int fragmentLimit;
    private final AtomicCounter ringFull;
    private final AtomicCounter oversize;

    EchoIngestAgent(final EchoContext ctx)
    {
        this.subscription = ctx.subscription;
        this.ring = ctx.ring;
        this.connection = ctx.connection;
        this.fragmentLimit = ctx.fragmentLimit;
        this.ringFull = ctx.counters.ringFull();
        this.oversize = ctx.counters.oversize();
    }

    @Override
    public String roleName()
    {
        return "l1infer-echo-ingest";
    }

    @Override
    public int doWork()
    {
        return connection.invokeDutyCycles() + subscription.controlledPoll(this, fragmentLimit);
    }

    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length > EchoSlot.CAPACITY)
        {
            // Not an l1infer request; counted and shown in the report rather than echoed truncated.
            oversize.incrementRelease();
            return Action.CONTINUE;
        }
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException full)
        {
            ringFull.incrementRelease();
            return Action.ABORT;
        }
        final EchoSlot slot = ring.get(sequence);
        slot.bytes.putBytes(0, buffer, offset, length);
        slot.length = length;
        ring.publish(sequence);
        return Action.CONTINUE;
    }
}
