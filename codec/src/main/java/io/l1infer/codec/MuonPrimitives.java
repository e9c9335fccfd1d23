package io.l1infer.codec;

import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;

import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.QUALITY_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.QUALITY_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.SECTOR_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.SECTOR_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.STATION_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.STATION_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.TS2TAG_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.TS2TAG_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.WHEEL_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.WHEEL_MIN;

/**
 * The DT trigger primitives of one MuonSegments event, in arrival order, as a reusable pre-allocated holder: the one
 * place that says which primitives are usable, which one decides the event's detector partition and how the
 * primitives are read from and written to the wire.
 *
 * <p>Fields use the hardware encodings of the wire contract (codec/README.md, ranges in
 * {@link MuonPrimitiveLimits}). {@link #add} stores what it is given without range checks so that decoding stays
 * cheap; {@link #invalidField(int)} says which field, if any, is out of range. Not thread-safe: one instance per
 * thread.
 */
public class MuonPrimitives
{
    /** Most primitives one event carries. */
    public static final int CAPACITY = MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX;
    /** Quality code of a null primitive, which carries no measurement. */
    public static final int QUALITY_NULL = QUALITY_MAX;
    /** Lowest quality code of a primitive built from both superlayers (correlated). */
    public static final int QUALITY_CORRELATED_MIN = 4;

    private final int[] station = new int[CAPACITY];
    private final int[] wheel = new int[CAPACITY];
    private final int[] sector = new int[CAPACITY];
    private final int[] phi = new int[CAPACITY];
    private final int[] phiB = new int[CAPACITY];
    private final int[] quality = new int[CAPACITY];
    private final int[] ts2tag = new int[CAPACITY];
    private final int[] bx = new int[CAPACITY];
    private int count;

    /**
     * Forget all primitives; the arrays are reused.
     *
     * @return this holder.
     */
    public MuonPrimitives clear()
    {
        count = 0;
        return this;
    }

    /**
     * Append one primitive after those already held, unchecked.
     *
     * @param station DT station.
     * @param wheel   DT wheel.
     * @param sector  DT sector.
     * @param phi     local phi.
     * @param phiB    bending angle.
     * @param quality quality code.
     * @param ts2tag  second-segment tag.
     * @param bx      bunch crossing relative to the event.
     * @return this holder.
     * @throws IllegalStateException if {@link #CAPACITY} primitives are already held.
     */
    public MuonPrimitives add(
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
            throw new IllegalStateException("primitives full: capacity " + CAPACITY + " primitives");
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
        return this;
    }

    /**
     * Replace the content of this holder by a copy of {@code other}.
     *
     * @param other the primitives to copy.
     */
    public void copyFrom(final MuonPrimitives other)
    {
        // Through add, so that a subclass checking what it holds checks the copy too.
        clear();
        for (int i = 0, n = other.count; i < n; i++)
        {
            add(other.station[i], other.wheel[i], other.sector[i], other.phi[i], other.phiB[i], other.quality[i],
                other.ts2tag[i], other.bx[i]);
        }
    }

    /**
     * Replace the content by the primitives group of a validated MuonSegments message.
     *
     * @param group the group decoder, positioned before its first entry.
     * @return this holder.
     */
    public MuonPrimitives decode(final MuonSegmentsDecoder.PrimitivesDecoder group)
    {
        clear();
        while (group.hasNext())
        {
            group.next();
            add(group.station(), group.wheel(), group.sector(), group.phi(), group.phiB(), group.quality(),
                group.ts2tag(), group.bx());
        }
        return this;
    }

    /**
     * Write the held primitives as the primitives group of a MuonSegments message; every value must fit its wire
     * type (unsigned fields are written as their low bits).
     *
     * @param message the encoder, with the fixed block written.
     */
    public void encode(final MuonSegmentsEncoder message)
    {
        final MuonSegmentsEncoder.PrimitivesEncoder group = message.primitivesCount(count);
        for (int i = 0; i < count; i++)
        {
            group.next()
                .station((short)station[i])
                .wheel((byte)wheel[i])
                .sector((short)sector[i])
                .phi((short)phi[i])
                .phiB((short)phiB[i])
                .quality((short)quality[i])
                .ts2tag((short)ts2tag[i])
                .bx((byte)bx[i]);
        }
    }

    /**
     * The number of primitives held.
     *
     * @return 0..{@link #CAPACITY}.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param index below {@link #count()}.
     * @return the DT station of primitive {@code index}.
     */
    public int station(final int index)
    {
        return station[index];
    }

    /**
     * @param index below {@link #count()}.
     * @return the DT wheel of primitive {@code index}.
     */
    public int wheel(final int index)
    {
        return wheel[index];
    }

    /**
     * @param index below {@link #count()}.
     * @return the DT sector of primitive {@code index}.
     */
    public int sector(final int index)
    {
        return sector[index];
    }

    /**
     * @param index below {@link #count()}.
     * @return the local phi of primitive {@code index}.
     */
    public int phi(final int index)
    {
        return phi[index];
    }

    /**
     * @param index below {@link #count()}.
     * @return the bending angle of primitive {@code index}.
     */
    public int phiB(final int index)
    {
        return phiB[index];
    }

    /**
     * @param index below {@link #count()}.
     * @return the quality code of primitive {@code index}.
     */
    public int quality(final int index)
    {
        return quality[index];
    }

    /**
     * @param index below {@link #count()}.
     * @return the second-segment tag of primitive {@code index}.
     */
    public int ts2tag(final int index)
    {
        return ts2tag[index];
    }

    /**
     * @param index below {@link #count()}.
     * @return the bunch crossing, relative to the event, of primitive {@code index}.
     */
    public int bx(final int index)
    {
        return bx[index];
    }

    /**
     * Whether primitive {@code index} takes part in the muon features: in time (bx == 0) and not null.
     *
     * @param index below {@link #count()}.
     * @return true when usable.
     */
    public boolean isUsable(final int index)
    {
        return bx[index] == 0 && quality[index] != QUALITY_NULL;
    }

    /**
     * The number of usable primitives ({@link #isUsable(int)}).
     *
     * @return 0..{@link #count()}.
     */
    public int usableCount()
    {
        int usable = 0;
        for (int i = 0; i < count; i++)
        {
            if (isUsable(i))
            {
                usable++;
            }
        }
        return usable;
    }

    /**
     * The primitive whose wheel and sector decide the event's detector partition: the first usable one in arrival
     * order, which is also the one the model sees in feature slot 1; when none is usable, the first primitive (the
     * daemon then answers with a TOO_FEW_PRIMITIVES reject). Clients route by it and daemons on a shared stream
     * filter by it.
     *
     * @return an index below {@link #count()}, or -1 when empty.
     */
    public int partitionPrimitive()
    {
        for (int i = 0; i < count; i++)
        {
            if (isUsable(i))
            {
                return i;
            }
        }
        return count > 0 ? 0 : -1;
    }

    /**
     * Name the first field of primitive {@code index} whose value lies outside its hardware range.
     *
     * @param index below {@link #count()}.
     * @return the field name ("station", "wheel", "sector", "phi", "phiB", "quality" or "ts2tag"), or null when
     * every field is in range. The names are constants: nothing is allocated.
     * @throws IndexOutOfBoundsException when {@code index} is not below {@link #count()}.
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
        final StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
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
