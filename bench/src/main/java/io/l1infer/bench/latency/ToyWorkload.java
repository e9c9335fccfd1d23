package io.l1infer.bench.latency;

import io.l1infer.client.InferenceClient;
import io.l1infer.client.PrimitiveList;
import io.l1infer.client.SendOutcome;
import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;

/**
 * Muon-segment requests from the toy barrel simulation: a seeded pool of accepted events (at least two usable
 * primitives) generated before the run, packed into one int array, and sent as MuonSegments messages, cycled.
 */
public final class ToyWorkload implements Workload
{
    private static final int FIELDS = 8;
    private static final int BX_PER_ORBIT = MuonPrimitiveLimits.EVENT_BX_MAX + 1;

    private final int size;
    private final long seed;
    private final int[] first;
    private final int[] fields;
    private final PrimitiveList primitives = new PrimitiveList();

    private ToyWorkload(final int size, final long seed, final int[] first, final int[] fields)
    {
        this.size = size;
        this.seed = seed;
        this.first = first;
        this.fields = fields;
    }

    /**
     * Simulate a pool (about 10 us per event with the default 1 cm steps).
     *
     * @param poolSize accepted events to keep.
     * @param seed     simulation seed: the same seed gives the same pool.
     * @return the workload.
     */
    public static ToyWorkload generate(final int poolSize, final long seed)
    {
        if (poolSize < 1)
        {
            throw new IllegalArgumentException("toy pool size must be >= 1, got " + poolSize);
        }
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), seed);
        final ToyEvent event = new ToyEvent();
        final int[] first = new int[poolSize + 1];
        int[] fields = new int[poolSize * 4 * FIELDS];
        int used = 0;
        for (int e = 0; e < poolSize; e++)
        {
            simulation.nextAccepted(event);
            final MuonPrimitives p = event.primitives();
            if (used + p.count() * FIELDS > fields.length)
            {
                fields = java.util.Arrays.copyOf(fields, fields.length * 2);
            }
            first[e] = used;
            for (int i = 0; i < p.count(); i++)
            {
                fields[used++] = p.station(i);
                fields[used++] = p.wheel(i);
                fields[used++] = p.sector(i);
                fields[used++] = p.phi(i);
                fields[used++] = p.phiB(i);
                fields[used++] = p.quality(i);
                fields[used++] = p.ts2tag(i);
                fields[used++] = p.bx(i);
            }
        }
        first[poolSize] = used;
        return new ToyWorkload(poolSize, seed, first, java.util.Arrays.copyOf(fields, used));
    }

    @Override
    public String name()
    {
        return "toy";
    }

    @Override
    public int size()
    {
        return size;
    }

    /** The simulation seed of the pool. */
    public long seed()
    {
        return seed;
    }

    /**
     * Copy pool entry {@code index}'s primitives into a codec holder (benchmarks of the daemon's ingest encode them).
     *
     * @return {@code into}.
     */
    public MuonPrimitives copyPrimitives(final int index, final MuonPrimitives into)
    {
        into.clear();
        for (int i = first[index], end = first[index + 1]; i < end; i += FIELDS)
        {
            into.add(fields[i], fields[i + 1], fields[i + 2], fields[i + 3], fields[i + 4], fields[i + 5],
                fields[i + 6], fields[i + 7]);
        }
        return into;
    }

    /** The number of primitives of pool entry {@code index}. */
    public int primitiveCount(final int index)
    {
        return (first[index + 1] - first[index]) / FIELDS;
    }

    @Override
    public SendOutcome send(final InferenceClient client, final long sourceId, final long eventId,
        final long sendTimeNs)
    {
        final int index = (int)Long.remainderUnsigned(eventId, size);
        final PrimitiveList p = primitives.clear();
        for (int i = first[index], end = first[index + 1]; i < end; i += FIELDS)
        {
            p.add(fields[i], fields[i + 1], fields[i + 2], fields[i + 3], fields[i + 4], fields[i + 5],
                fields[i + 6], fields[i + 7]);
        }
        return client.sendSegments(
            sourceId, eventId, sendTimeNs, (int)Long.remainderUnsigned(eventId, BX_PER_ORBIT), p);
    }
}
