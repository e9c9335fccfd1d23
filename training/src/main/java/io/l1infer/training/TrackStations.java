package io.l1infer.training;

import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;

/**
 * Which primitive stands for each station in one event: the first usable one (bx 0, quality not null) in
 * arrival order, as the features use them. Reusable, allocation-free; one instance per thread.
 */
final class TrackStations
{
    static final int NONE = -1;

    private final int[] primitiveOfStation = new int[MuonPrimitiveLimits.STATION_MAX + 1];

    /** Finds the stations of {@code primitives}; returns how many distinct stations it has. */
    int find(final MuonPrimitives primitives)
    {
        java.util.Arrays.fill(primitiveOfStation, NONE);
        int stations = 0;
        for (int i = 0, n = primitives.count(); i < n; i++)
        {
            if (!primitives.isUsable(i) || primitives.invalidField(i) != null)
            {
                continue;
            }
            final int s = primitives.station(i);
            if (primitiveOfStation[s] == NONE)
            {
                primitiveOfStation[s] = i;
                stations++;
            }
        }
        return stations;
    }

    /** Index of the primitive of station 1..4 found last, or {@link #NONE}. */
    int primitive(final int station)
    {
        return primitiveOfStation[station];
    }

    boolean has(final StationPair pair)
    {
        return primitiveOfStation[pair.inner()] != NONE && primitiveOfStation[pair.outer()] != NONE;
    }
}
