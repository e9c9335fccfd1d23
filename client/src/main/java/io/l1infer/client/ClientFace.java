package io.l1infer.client;

/**
 * What the two public clients share as faces of one {@link ClientCore}: sends, the in-flight count and the
 * statistics go straight to the core; a face adds its transport, its polling and its closing.
 */
abstract class ClientFace implements InferenceClient
{
    final ClientCore core;

    ClientFace(final ClientCore core)
    {
        this.core = core;
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
