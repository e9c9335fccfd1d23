package io.l1infer.bench.echo;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The echo server's publishing thread, in the place of the daemon's accelerator owner: takes whatever the ring
 * holds (up to one batch per duty cycle) and publishes each request's bytes unchanged on the result stream with
 * tryClaim, retrying back pressure a bounded number of times per duty cycle as the daemon's publisher does.
 */
final class EchoPublisherAgent implements Agent
{
    private final RingBuffer<EchoSlot> ring;
    private final Sequence consumed;
    private final ExclusivePublication publication;
    private final BufferClaim claim = new BufferClaim();
    private final int maxBatch;
    private final int maxRetries;
    private final AtomicCounter echoed;
    private final AtomicCounter backPressureRetries;
    private final AtomicCounter undeliverable;

    EchoPublisherAgent(final EchoContext ctx)
    {
        this.ring = ctx.ring;
        this.consumed = ctx.consumed;
        this.publication = ctx.publication;
        this.maxBatch = ctx.maxBatch;
        this.maxRetries = ctx.maxRetries;
        this.echoed = ctx.counters.echoed();
        this.backPressureRetries = ctx.counters.backPressureRetries();
        this.undeliverable = ctx.counters.undeliverable();
    }

    @Override
    public String roleName()
    {
        return "l1infer-echo-publisher";
    }

    @Override
    public int doWork()
    {
        final long cursor = ring.getCursor();
        long next = consumed.get() + 1;
        int work = 0;
        while (next <= cursor && work < maxBatch)
        {
            if (!publish(ring.get(next)))
            {
                break;
            }
            next++;
            work++;
        }
        if (work > 0)
        {
            consumed.set(next - 1);
        }
        return work;
    }

    /** @return false when still back-pressured after the retries: the slot stays for the next duty cycle. */
    private boolean publish(final EchoSlot slot)
    {
        for (int attempt = 0; ; attempt++)
        {
            final long result = publication.tryClaim(slot.length, claim);
            if (result > 0)
            {
                claim.buffer().putBytes(claim.offset(), slot.bytes, 0, slot.length);
                claim.commit();
                echoed.incrementRelease();
                return true;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                backPressureRetries.incrementRelease();
                if (attempt >= maxRetries)
                {
                    return false;
                }
                Thread.onSpinWait();
                continue;
            }
            undeliverable.incrementRelease();
            return true;
        }
    }
}
