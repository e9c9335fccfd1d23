package io.l1infer.training;

import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;

/**
 * Builds the {@link PtLut} tables from simulated muons of known pT, as the notes describe: per table, the mean
 * |address| in each 1 GeV/c bin of true pT, made non-increasing in pT (weighted pool-adjacent-violators), then
 * inverted: the pT of an address is where the mean curve crosses it, interpolated linearly in 1/pT between bin
 * centres (bending is about proportional to 1/pT); beyond the ends of the curve, address * pT is held constant;
 * every entry is clamped to the simulated pT range.
 *
 * <p>Every event contributes to every table it has data for (a pair table learns from all events with both
 * stations, whichever pair the assignment would pick).
 */
public final class PtLutBuilder
{
    /** Width of the pT bins of the mean curves, GeV/c. */
    static final double BIN_WIDTH = 1.0;
    /** Bins with fewer events than this are left out of a curve. */
    static final int MIN_BIN_EVENTS = 20;

    private final double minPt;
    private final double maxPt;
    private final int bins;
    private final double[][] pairSum;
    private final long[][] pairCount;
    private final double[][] phiBSum;
    private final long[][] phiBCount;
    private final TrackStations stations = new TrackStations();
    private long events;

    /** @param minPt lowest and {@code maxPt} highest true pT of the muons that will be added (GeV/c). */
    public PtLutBuilder(final double minPt, final double maxPt)
    {
        if (!(minPt > 0 && maxPt > minPt))
        {
            throw new IllegalArgumentException("pT range must satisfy 0 < min < max: " + minPt + ", " + maxPt);
        }
        this.minPt = minPt;
        this.maxPt = maxPt;
        this.bins = (int)Math.ceil((maxPt - minPt) / BIN_WIDTH);
        final int pairs = StationPair.values().length;
        pairSum = new double[pairs][bins];
        pairCount = new long[pairs][bins];
        phiBSum = new double[MuonPrimitiveLimits.STATION_MAX][bins];
        phiBCount = new long[MuonPrimitiveLimits.STATION_MAX][bins];
    }

    /**
     * The seed of the table's own muons when an evaluation with {@code evaluationSeed} does not name one: a
     * stream split from the evaluation's, so table and evaluation never share events.
     */
    public static long defaultSeedFor(final long evaluationSeed)
    {
        return new java.util.SplittableRandom(evaluationSeed).split().nextLong();
    }

    /** Simulate {@code events} accepted muons with {@code seed} and build the tables from them. */
    public static PtLut simulate(final ToySimulationConfig config, final long seed, final int events)
    {
        final PtLutBuilder builder =
            new PtLutBuilder(config.gun().spectrum().minPt(), config.gun().spectrum().maxPt());
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(config, seed);
        final ToyEvent event = new ToyEvent();
        for (int e = 0; e < events; e++)
        {
            simulation.nextAccepted(event);
            builder.add(event.primitives(), event.pt());
        }
        return builder.build();
    }

    /** Add one muon of true transverse momentum {@code pt}. */
    public void add(final MuonPrimitives primitives, final double pt)
    {
        if (!(pt >= minPt && pt <= maxPt))
        {
            throw new IllegalArgumentException("pT " + pt + " outside the table range " + minPt + ".." + maxPt);
        }
        final int bin = Math.min(bins - 1, (int)((pt - minPt) / BIN_WIDTH));
        stations.find(primitives);
        for (final StationPair pair : StationPair.byPriority())
        {
            if (stations.has(pair))
            {
                final int address = LutAddress.deltaPhi(
                    primitives, stations.primitive(pair.inner()), stations.primitive(pair.outer()));
                pairSum[pair.ordinal()][bin] += Math.abs(address);
                pairCount[pair.ordinal()][bin]++;
            }
        }
        for (int s = 1; s <= MuonPrimitiveLimits.STATION_MAX; s++)
        {
            final int i = stations.primitive(s);
            if (i != TrackStations.NONE)
            {
                phiBSum[s - 1][bin] += Math.abs(primitives.phiB(i));
                phiBCount[s - 1][bin]++;
            }
        }
        events++;
    }

    public long events()
    {
        return events;
    }

    public PtLut build()
    {
        final double[][] pairTables = new double[pairSum.length][];
        for (int p = 0; p < pairSum.length; p++)
        {
            pairTables[p] = invert(pairSum[p], pairCount[p]);
        }
        final double[][] phiBTables = new double[phiBSum.length][];
        for (int s = 0; s < phiBSum.length; s++)
        {
            phiBTables[s] = invert(phiBSum[s], phiBCount[s]);
        }
        return new PtLut(pairTables, phiBTables);
    }

    /** The table of one mean curve, or null when fewer than two bins have enough events. */
    private double[] invert(final double[] sum, final long[] count)
    {
        int used = 0;
        final double[] centre = new double[bins];
        final double[] mean = new double[bins];
        final double[] weight = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            if (count[b] >= MIN_BIN_EVENTS)
            {
                centre[used] = minPt + (b + 0.5) * BIN_WIDTH;
                mean[used] = sum[b] / count[b];
                weight[used] = count[b];
                used++;
            }
        }
        if (used < 2)
        {
            return null;
        }
        final double[] curve = MonotoneFit.nonIncreasing(mean, weight, used);
        final double[] table = new double[LutAddress.ENTRIES];
        for (int a = 0; a < table.length; a++)
        {
            table[a] = clamp(ptOfAddress(a, centre, curve, used));
        }
        return table;
    }

    private static double ptOfAddress(final int a, final double[] centre, final double[] curve, final int n)
    {
        if (a >= curve[0])
        {
            return centre[0] * curve[0] / Math.max(a, 1e-9);
        }
        if (a <= curve[n - 1])
        {
            return a > 0 ? centre[n - 1] * curve[n - 1] / a : Double.POSITIVE_INFINITY;
        }
        // curve[k] >= a > curve[k + 1] for exactly one segment, found by scanning (513 x ~200: build time only).
        int k = 0;
        while (!(curve[k] >= a && a > curve[k + 1]))
        {
            k++;
        }
        final double u0 = 1.0 / centre[k];
        final double u1 = 1.0 / centre[k + 1];
        final double f = (a - curve[k + 1]) / (curve[k] - curve[k + 1]);
        return 1.0 / (u1 + f * (u0 - u1));
    }

    private double clamp(final double pt)
    {
        return Math.max(minPt, Math.min(maxPt, pt));
    }
}
