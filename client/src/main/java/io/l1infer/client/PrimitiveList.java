package io.l1infer.client;

import io.l1infer.codec.MuonPrimitives;

/**
 * The DT trigger primitives of one event as the caller fills them before {@link InferenceClient#sendSegments}:
 * {@link #clear()}, then {@link #add} once per primitive.
 *
 * <p>Values must fit their wire types (the daemon, not the client, checks the hardware ranges and answers with a
 * reject); a value that would not survive encoding unchanged is refused here, so nothing is silently altered.
 */
public final class PrimitiveList extends MuonPrimitives
{
    @Override
    public PrimitiveList clear()
    {
        super.clear();
        return this;
    }

    /**
     * Append one primitive (the override restates the holder's signature to return this list and to refuse what the
     * wire cannot carry: a deliberate repeat of {@link MuonPrimitives#add}'s parameter list, which Java requires).
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
    @Override
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
        if (count() == CAPACITY)
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
        super.add(station, wheel, sector, phi, phiB, quality, ts2tag, bx);
        return this;
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
