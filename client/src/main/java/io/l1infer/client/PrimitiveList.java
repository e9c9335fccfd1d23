package io.l1infer.client;

import io.l1infer.codec.MuonPrimitiveLimits;

/**
 * The DT trigger primitives of one event, in arrival order, as a reusable holder the caller fills before
 * {@link InferenceClient#sendSegments}: {@link #clear()}, then {@link #add} once per primitive.
 *
 * <p>Values must fit their wire types (the daemon, not the client, checks the hardware ranges and answers with a
 * reject); a value that would not survive encoding unchanged is refused here, so nothing is silently altered.
 */
public final class PrimitiveList
{
    /** Most primitives one MuonSegments message carries. */
    public static final int CAPACITY = MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX;
    /** The quality code of a null segment, which the model does not use. */
    public static final int QUALITY_NULL = MuonPrimitiveLimits.QUALITY_MAX;

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
     * Empty the list.
     *
     * @return this list.
     */
    public PrimitiveList clear()
    {
        count = 0;
        return this;
    }

    /**
     * Append one primitive.
     *
     * @param station DT station, uint8 on the wire (valid 1..4).
     * @param wheel   DT wheel, int8 (valid -2..2).
     * @param sector  DT sector, uint8 (valid 1..12).
     * @param phi     local phi, int16 (valid -2048..2047).
     * @param phiB    bending angle, int16 (valid -512..511).
     * @param quality quality code, uint8 (valid 0..7).
     * @param ts2tag  second-segment tag, uint8 (valid 0..1).
     * @param bx      bunch crossing relative to the event, int8.
     * @return this list.
     * @throws IllegalStateException    when the list already holds {@link #CAPACITY} primitives.
     * @throws IllegalArgumentException naming the field whose value does not fit its wire type.
     */
    public PrimitiveList add(
        final int station,
        final int wheel,
        final int sector,
        final int phi,
        final int phiB,
        final int quality,
        final int ts2tag,
        final int bx)
    {
        if (count == CAPACITY)
        {
            throw new IllegalStateException("a MuonSegments message holds at most " + CAPACITY + " primitives");
        }
        checkUnsigned8("station", station);
        checkSigned8("wheel", wheel);
        checkUnsigned8("sector", sector);
        checkSigned16("phi", phi);
        checkSigned16("phiB", phiB);
        checkUnsigned8("quality", quality);
        checkUnsigned8("ts2tag", ts2tag);
        checkSigned8("bx", bx);
        final int i = count++;
        this.station[i] = station;
        this.wheel[i] = wheel;
        this.sector[i] = sector;
        this.phi[i] = phi;
        this.phiB[i] = phiB;
        this.quality[i] = quality;
        this.ts2tag[i] = ts2tag;
        this.bx[i] = bx;
        return this;
    }

    /** The number of primitives held. */
    public int count()
    {
        return count;
    }

    /** The station of primitive {@code i}, an index below {@link #count()}. */
    public int station(final int i)
    {
        return station[i];
    }

    /** The wheel of primitive {@code i}, an index below {@link #count()}. */
    public int wheel(final int i)
    {
        return wheel[i];
    }

    /** The sector of primitive {@code i}, an index below {@link #count()}. */
    public int sector(final int i)
    {
        return sector[i];
    }

    /** The phi of primitive {@code i}, an index below {@link #count()}. */
    public int phi(final int i)
    {
        return phi[i];
    }

    /** The phiB of primitive {@code i}, an index below {@link #count()}. */
    public int phiB(final int i)
    {
        return phiB[i];
    }

    /** The quality of primitive {@code i}, an index below {@link #count()}. */
    public int quality(final int i)
    {
        return quality[i];
    }

    /** The ts2tag of primitive {@code i}, an index below {@link #count()}. */
    public int ts2tag(final int i)
    {
        return ts2tag[i];
    }

    /** The bunch crossing of primitive {@code i}, an index below {@link #count()}. */
    public int bx(final int i)
    {
        return bx[i];
    }

    /**
     * The primitive whose wheel and sector decide the event's detector partition: the first usable one in arrival
     * order (bx == 0 and quality not null, 7), which is also the one the model sees in feature slot 1; when none is
     * usable, the first primitive (the daemon then answers with a TOO_FEW_PRIMITIVES reject). The daemon's
     * partition filter applies the same rule.
     *
     * @return an index below {@link #count()}, or -1 when the list is empty.
     */
    public int partitionPrimitive()
    {
        for (int i = 0; i < count; i++)
        {
            if (bx[i] == 0 && quality[i] != QUALITY_NULL)
            {
                return i;
            }
        }
        return count > 0 ? 0 : -1;
    }

    private static void checkUnsigned8(final String field, final int value)
    {
        if (value < 0 || value > 0xFF)
        {
            throw new IllegalArgumentException("primitive field " + field + " = " + value +
                " does not fit its wire type uint8");
        }
    }

    private static void checkSigned8(final String field, final int value)
    {
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE)
        {
            throw new IllegalArgumentException("primitive field " + field + " = " + value +
                " does not fit its wire type int8");
        }
    }

    private static void checkSigned16(final String field, final int value)
    {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE)
        {
            throw new IllegalArgumentException("primitive field " + field + " = " + value +
                " does not fit its wire type int16");
        }
    }
}
