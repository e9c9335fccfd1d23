package io.l1infer.muon;

import io.l1infer.codec.MuonPrimitiveLimits;

/**
 * Reusable, pre-allocated holder of the DT trigger primitives of one event, kept in arrival order.
 *
 * <p>Fields use the hardware encodings of the CMS barrel trigger (see {@code muon/README.md}): station 1..4,
 * wheel -2..+2, sector 1..12, phi 12-bit signed (LSB 1/4096 rad, relative to the sector centre), phiB 10-bit
 * signed (LSB 1/512 rad), quality 0..7 (7 = null), ts2tag 0..1, bx any bunch crossing. {@link #add} stores what
 * it is given without range checks so that decoding stays cheap; {@link #invalidField(int)} says which field,
 * if any, is out of range. Not thread-safe: one instance per thread.
 */
public final class TriggerPrimitives
{
    // The hardware ranges are declared once, in the wire contract.

    /** Most primitives one event can carry. */
    public static final int CAPACITY = MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX;

    public static final int STATION_MIN = MuonPrimitiveLimits.STATION_MIN;
    public static final int STATION_MAX = MuonPrimitiveLimits.STATION_MAX;
    public static final int WHEEL_MIN = MuonPrimitiveLimits.WHEEL_MIN;
    public static final int WHEEL_MAX = MuonPrimitiveLimits.WHEEL_MAX;
    public static final int SECTOR_MIN = MuonPrimitiveLimits.SECTOR_MIN;
    public static final int SECTOR_MAX = MuonPrimitiveLimits.SECTOR_MAX;
    public static final int PHI_MIN = MuonPrimitiveLimits.PHI_MIN;
    public static final int PHI_MAX = MuonPrimitiveLimits.PHI_MAX;
    public static final int PHI_B_MIN = MuonPrimitiveLimits.PHI_B_MIN;
    public static final int PHI_B_MAX = MuonPrimitiveLimits.PHI_B_MAX;
    public static final int QUALITY_MIN = MuonPrimitiveLimits.QUALITY_MIN;
    public static final int QUALITY_MAX = MuonPrimitiveLimits.QUALITY_MAX;
    /** Quality code of a null primitive, which carries no measurement. */
    public static final int QUALITY_NULL = 7;
    /** Lowest quality code of a primitive built from both superlayers (correlated). */
    public static final int QUALITY_CORRELATED_MIN = 4;
    public static final int TS2TAG_MIN = MuonPrimitiveLimits.TS2TAG_MIN;
    public static final int TS2TAG_MAX = MuonPrimitiveLimits.TS2TAG_MAX;

    private final int[] station = new int[CAPACITY];
    private final int[] wheel = new int[CAPACITY];
    private final int[] sector = new int[CAPACITY];
    private final int[] phi = new int[CAPACITY];
    private final int[] phiB = new int[CAPACITY];
    private final int[] quality = new int[CAPACITY];
    private final int[] ts2tag = new int[CAPACITY];
    private final int[] bx = new int[CAPACITY];
    private int count;

    /** Forgets all primitives; the arrays are reused. */
    public void clear()
    {
        count = 0;
    }

    /**
     * Appends one primitive after those already held.
     *
     * @throws IllegalStateException if {@link #CAPACITY} primitives are already held.
     */
    public void add(
        final int station,
        final int wheel,
        final int sector,
        final int phi,
        final int phiB,
        final int quality,
        final int ts2tag,
        final int bx)
    {
        final int i = count;
        if (i == CAPACITY)
        {
            throw new IllegalStateException("TriggerPrimitives is full: capacity " + CAPACITY + " primitives");
        }
        this.station[i] = station;
        this.wheel[i] = wheel;
        this.sector[i] = sector;
        this.phi[i] = phi;
        this.phiB[i] = phiB;
        this.quality[i] = quality;
        this.ts2tag[i] = ts2tag;
        this.bx[i] = bx;
        count = i + 1;
    }

    /** Replaces the content of this holder by a copy of {@code other}. */
    public void copyFrom(final TriggerPrimitives other)
    {
        final int n = other.count;
        System.arraycopy(other.station, 0, station, 0, n);
        System.arraycopy(other.wheel, 0, wheel, 0, n);
        System.arraycopy(other.sector, 0, sector, 0, n);
        System.arraycopy(other.phi, 0, phi, 0, n);
        System.arraycopy(other.phiB, 0, phiB, 0, n);
        System.arraycopy(other.quality, 0, quality, 0, n);
        System.arraycopy(other.ts2tag, 0, ts2tag, 0, n);
        System.arraycopy(other.bx, 0, bx, 0, n);
        count = n;
    }

    /** Number of primitives held, 0..{@link #CAPACITY}. */
    public int count()
    {
        return count;
    }

    public int station(final int index)
    {
        return station[index];
    }

    public int wheel(final int index)
    {
        return wheel[index];
    }

    public int sector(final int index)
    {
        return sector[index];
    }

    public int phi(final int index)
    {
        return phi[index];
    }

    public int phiB(final int index)
    {
        return phiB[index];
    }

    public int quality(final int index)
    {
        return quality[index];
    }

    public int ts2tag(final int index)
    {
        return ts2tag[index];
    }

    public int bx(final int index)
    {
        return bx[index];
    }

    /**
     * Names the first field of primitive {@code index} whose value lies outside its hardware range.
     *
     * @return the field name ("station", "wheel", "sector", "phi", "phiB", "quality" or "ts2tag"), or null when
     * every field is in range. The names are constants: nothing is allocated.
     */
    public String invalidField(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("primitive index " + index + " outside 0.." + (count - 1));
        }
        if (outside(station[index], STATION_MIN, STATION_MAX))
        {
            return "station";
        }
        if (outside(wheel[index], WHEEL_MIN, WHEEL_MAX))
        {
            return "wheel";
        }
        if (outside(sector[index], SECTOR_MIN, SECTOR_MAX))
        {
            return "sector";
        }
        if (outside(phi[index], PHI_MIN, PHI_MAX))
        {
            return "phi";
        }
        if (outside(phiB[index], PHI_B_MIN, PHI_B_MAX))
        {
            return "phiB";
        }
        if (outside(quality[index], QUALITY_MIN, QUALITY_MAX))
        {
            return "quality";
        }
        if (outside(ts2tag[index], TS2TAG_MIN, TS2TAG_MAX))
        {
            return "ts2tag";
        }
        return null;
    }

    private static boolean outside(final int value, final int min, final int max)
    {
        return value < min || value > max;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("TriggerPrimitives[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            sb.append("{station=").append(station[i])
                .append(", wheel=").append(wheel[i])
                .append(", sector=").append(sector[i])
                .append(", phi=").append(phi[i])
                .append(", phiB=").append(phiB[i])
                .append(", quality=").append(quality[i])
                .append(", ts2tag=").append(ts2tag[i])
                .append(", bx=").append(bx[i])
                .append('}');
        }
        return sb.append(']').toString();
    }
}
