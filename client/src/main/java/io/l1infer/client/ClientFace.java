package io.l1infer.client;

/**
 * What the two public clients share as faces of one {@link ClientCore}: sends, the in-flight count and the
 * statistics go straight to the core; a face adds its transport, its polling and its closing.
 */
abstract class ClientFace implements InferenceClient
{
    final ClientCore core;
    /** From the options, copied when the client is made: changing the options later changes no running client. */
    final long requestTimeoutNs;
    final int fragmentLimit;
    final int timeoutScanSlots;

    /**
     * @param options         the client's options, already concluded.
     * @param firstDeadlineNs how long after sending a request's deadline (timeout or re-send) falls.
     * @param listener        receives answers and timeouts on the polling thread.
     */
    ClientFace(final ClientTuning<?> options, final long firstDeadlineNs, final ResultListener listener)
    {
        this.core = new ClientCore(options.maxInFlight(), firstDeadlineNs, listener);
        this.requestTimeoutNs = options.requestTimeoutNs();
        this.fragmentLimit = options.fragmentLimit();
        this.timeoutScanSlots = options.timeoutScanSlots();
    }

    @Override
    public final SendOutcome sendSegments(
        final long sourceId, final long eventId, final long sendTimeNs, final int bx, final PrimitiveList primitives)
    {
        return core.sendSegments(sourceId, eventId, sendTimeNs, bx, primitives);
    }

    @Override
    public final SendOutcome sendFeatures(
        final long sourceId, final long eventId, final long sendTimeNs, final int[] raw, final int offset,
        final int count)
    {
        return core.sendFeatures(sourceId, eventId, sendTimeNs, raw, offset, count);
    }

    @Override
    public final SendOutcome sendFeatures(
        final long sourceId, final long eventId, final long sendTimeNs, final long[] raw, final int offset,
        final int count)
    {
        return core.sendFeatures(sourceId, eventId, sendTimeNs, raw, offset, count);
    }

    @Override
    public final int inFlight()
    {
        return core.inFlight.size();
    }

    @Override
    public final ClientStatistics statistics()
    {
        return core.statistics;
    }
}
