package io.l1infer.daemon;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.fpga.engine.BatchBuffers;

/**
 * One pre-allocated Disruptor ring slot: a request with its raw model inputs written in place by the ingest agent,
 * or a rejected message with its verdict, answered in ring order by the accelerator owner.
 */
final class RingEvent
{
    static final int KIND_REQUEST = 1;
    static final int KIND_REJECT = 2;

    int kind;
    long sourceId;
    long eventId;
    long sendTimeNs;
    /** The daemon's NanoClock when the ingest agent accepted the fragment (its ring claim). */
    long ingestNs;
    /** The daemon's NanoClock at the first ingest poll that saw the fragment (before ingestNs after a full ring). */
    long firstPollNs;
    /** Raw input values in the model input type, model order (empty when the input type is wide). */
    final int[] inputs;
    /**
     * Raw input values of an input type wider than int32 (an unsigned 64-bit value as its 64 bits), model order;
     * empty for every other type.
     */
    final long[] wideInputs;
    /** Position of this request in the accelerator batch it was written to. */
    int batchSlot;
    final ValidationVerdict verdict = new ValidationVerdict();

    /**
     * @param inputSize  the model's number of inputs.
     * @param wideInputs whether its input type is wider than int32 ({@link ModelWireLimits#isWide}).
     */
    RingEvent(final int inputSize, final boolean wideInputs)
    {
        this.inputs = new int[wideInputs ? 0 : inputSize];
        this.wideInputs = new long[wideInputs ? inputSize : 0];
    }

    /**
     * The daemon's ring of {@code size} pre-allocated events for a model of {@code inputSize} inputs.
     *
     * <p>The owner reads the ring's cursor itself and never waits through the Disruptor's wait strategy, so the
     * strategy only decides what {@code publish} does for waiters: the default of {@code createSingleProducer}
     * (blocking) enters a monitor and calls {@code notifyAll} on every publish, a lock per event on the hot path;
     * the yielding strategy's signal does nothing.
     */
    static RingBuffer<RingEvent> newRing(final int inputSize, final boolean wideInputs, final int size)
    {
        return RingBuffer.createSingleProducer(
            () -> new RingEvent(inputSize, wideInputs), size, new YieldingWaitStrategy());
    }

    /** Copy this request's raw inputs, widened to longs, to {@code dst} from {@code offset}. */
    void copyInputs(final long[] dst, final int offset)
    {
        final long[] wide = wideInputs;
        if (wide.length == 0)
        {
            final int[] narrow = inputs;
            for (int i = 0; i < narrow.length; i++)
            {
                dst[offset + i] = narrow[i];
            }
            return;
        }
        System.arraycopy(wide, 0, dst, offset, wide.length);
    }

    /** Write this request's raw inputs into event {@code slot} of {@code buffers}. */
    void putInputs(final BatchBuffers buffers, final int slot)
    {
        final long[] wide = wideInputs;
        if (wide.length == 0)
        {
            buffers.putInputs(slot, inputs, 0);
            return;
        }
        for (int i = 0; i < wide.length; i++)
        {
            buffers.putInputLong(slot, i, wide[i]);
        }
    }
}
