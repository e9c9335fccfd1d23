package io.l1infer.training;

import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;


/**
 * The classic Level-1 barrel pT assignment used as the baseline (see training/README.md): pick the first station
 * pair present in the order 1-2, 1-3, 1-4, 2-3, 2-4, 3-4; pT = deltaPhiTable[pair][|address|] with the 10-bit
 * address of {@link LutAddress#deltaPhi}; a track with exactly two stations also reads the bending-angle table of
 * its inner station, phiBTable[station][|phiB counts|], and keeps the smaller pT. An event whose usable primitives
 * are all in one station (two segments in MB1) gets that station's bending-angle pT.
 *
 * <p>{@link #assign} allocates nothing; an instance holds scratch state, so one per thread.
 */
public final class PtLut
{
    private final double[][] deltaPhiTable;
    private final double[][] phiBTable;
    private final TrackStations stations = new TrackStations();

    /**
     * @param deltaPhiTable per {@link StationPair} ordinal, {@link LutAddress#ENTRIES} pT values, or null for a pair
     *                      without enough data (then the next pair in priority is used).
     * @param phiBTable     per station 1..4 (index station - 1), {@link LutAddress#ENTRIES} pT values, or null.
     */
    PtLut(final double[][] deltaPhiTable, final double[][] phiBTable)
    {
        this.deltaPhiTable = deltaPhiTable;
        this.phiBTable = phiBTable;
    }

    /**
     * pT in GeV/c of the track made of {@code primitives}, or NaN when no table applies (no usable primitive).
     */
    public double assign(final MuonPrimitives primitives)
    {
        final int count = stations.find(primitives);
        if (count == 0)
        {
            return Double.NaN;
        }
        if (count == 1)
        {
            for (int s = 1; s <= MuonPrimitiveLimits.STATION_MAX; s++)
            {
                if (stations.primitive(s) != TrackStations.NONE)
                {
                    return phiBPt(primitives, s);
                }
            }
        }
        for (final StationPair pair : StationPair.byPriority())
        {
            final double[] table = deltaPhiTable[pair.ordinal()];
            if (table == null || !stations.has(pair))
            {
                continue;
            }
            final int address = LutAddress.deltaPhi(
                primitives, stations.primitive(pair.inner()), stations.primitive(pair.outer()));
            final double pt = table[Math.abs(address)];
            return count == 2 ? Math.min(pt, phiBPt(primitives, pair.inner())) : pt;
        }
        return Double.NaN;
    }

    private double phiBPt(final MuonPrimitives primitives, final int station)
    {
        final double[] table = phiBTable[station - 1];
        if (table == null)
        {
            return Double.NaN;
        }
        return table[Math.abs(primitives.phiB(stations.primitive(station)))];
    }

    /** pT of |address| in the delta-phi table of {@code pair}, or NaN if the pair has no table. */
    public double deltaPhiEntry(final StationPair pair, final int address)
    {
        final double[] table = deltaPhiTable[pair.ordinal()];
        return table == null ? Double.NaN : table[Math.abs(address)];
    }

    /** pT of |phiB counts| in the bending-angle table of {@code station}, or NaN if it has none. */
    public double phiBEntry(final int station, final int phiB)
    {
        final double[] table = phiBTable[station - 1];
        return table == null ? Double.NaN : table[Math.abs(phiB)];
    }
}
