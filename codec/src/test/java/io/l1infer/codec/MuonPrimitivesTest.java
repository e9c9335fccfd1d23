package io.l1infer.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link MuonPrimitives}: storage, capacity, range checks and the usable and deciding primitives. */
class MuonPrimitivesTest
{
    private final MuonPrimitives primitives = new MuonPrimitives();

    @Test
    void storesFieldsInArrivalOrderAndClears()
    {
        primitives.add(1, -2, 12, -2048, -512, 0, 0, 0);
        primitives.add(4, 2, 1, 2047, 511, 7, 1, -3);

        assertEquals(2, primitives.count());
        assertEquals(4, primitives.station(1));
        assertEquals(2, primitives.wheel(1));
        assertEquals(1, primitives.sector(1));
        assertEquals(2047, primitives.phi(1));
        assertEquals(511, primitives.phiB(1));
        assertEquals(7, primitives.quality(1));
        assertEquals(1, primitives.ts2tag(1));
        assertEquals(-3, primitives.bx(1));
        assertEquals(-2048, primitives.phi(0));
        assertNull(primitives.invalidField(0));
        assertNull(primitives.invalidField(1));

        primitives.clear();
        assertEquals(0, primitives.count());
    }

    @Test
    void addingBeyondCapacityThrowsNamingTheCapacity()
    {
        for (int i = 0; i < MuonPrimitives.CAPACITY; i++)
        {
            primitives.add(1, 0, 1, 0, 0, 4, 0, 0);
        }
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> primitives.add(1, 0, 1, 0, 0, 4, 0, 0));
        assertTrue(ex.getMessage().contains("capacity 8"), ex.getMessage());
    }

    @Test
    void invalidFieldNamesTheFirstOutOfRangeField()
    {
        final int[][] bad = {
            {0, 0, 1, 0, 0, 4, 0},
            {5, 0, 1, 0, 0, 4, 0},
            {1, -3, 1, 0, 0, 4, 0},
            {1, 0, 0, 0, 0, 4, 0},
            {1, 0, 13, 0, 0, 4, 0},
            {1, 0, 1, 2048, 0, 4, 0},
            {1, 0, 1, -2049, 0, 4, 0},
            {1, 0, 1, 0, 512, 4, 0},
            {1, 0, 1, 0, -513, 4, 0},
            {1, 0, 1, 0, 0, 8, 0},
            {1, 0, 1, 0, 0, -1, 0},
            {1, 0, 1, 0, 0, 4, 2},
        };
        final String[] names = {
            "station", "station", "wheel", "sector", "sector", "phi", "phi", "phiB", "phiB", "quality", "quality",
            "ts2tag"};
        for (int i = 0; i < bad.length; i++)
        {
            final int[] f = bad[i];
            primitives.clear();
            primitives.add(f[0], f[1], f[2], f[3], f[4], f[5], f[6], 0);
            assertEquals(names[i], primitives.invalidField(0), "case " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> primitives.invalidField(1));
    }

    @Test
    void copyFromReplacesTheContent()
    {
        final MuonPrimitives other = new MuonPrimitives();
        other.add(2, 1, 6, 33, -4, 5, 0, 0);
        primitives.add(1, 0, 1, 0, 0, 4, 0, 0);
        primitives.add(3, 0, 1, 0, 0, 4, 0, 0);

        primitives.copyFrom(other);

        assertEquals(1, primitives.count());
        assertEquals(2, primitives.station(0));
        assertEquals(33, primitives.phi(0));
        assertEquals(-4, primitives.phiB(0));
    }

    @Test
    void theFirstUsablePrimitiveDecidesThePartitionElseTheFirst()
    {
        assertEquals(-1, primitives.partitionPrimitive());
        primitives.add(1, -2, 3, 0, 0, 6, 0, 1);
        primitives.add(2, -1, 4, 0, 0, MuonPrimitives.QUALITY_NULL, 0, 0);
        assertEquals(0, primitives.partitionPrimitive(), "none usable: the first decides");
        assertEquals(0, primitives.usableCount());
        primitives.add(3, 1, 5, 0, 0, 2, 0, 0);
        primitives.add(4, -2, 6, 0, 0, 6, 0, 0);

        assertFalse(primitives.isUsable(0), "out of time");
        assertFalse(primitives.isUsable(1), "null quality");
        assertTrue(primitives.isUsable(2));
        assertEquals(2, primitives.usableCount());
        assertEquals(2, primitives.partitionPrimitive());
    }

    @Test
    void encodeThenDecodeGivesTheSamePrimitives()
    {
        primitives.add(1, -2, 12, -2048, -512, 0, 0, 0);
        primitives.add(4, 2, 1, 2047, 511, 7, 1, -3);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MuonSegmentsEncoder encoder = new MuonSegmentsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .sourceId(1).eventId(2).sendTimeNs(3).bx(100);
        primitives.encode(encoder);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final ValidationVerdict verdict = new ValidationVerdict();
        assertTrue(new MessageValidator().validate(buffer, 0, length, verdict), verdict.toString());

        final MuonPrimitives decoded = new MuonPrimitives();
        decoded.add(3, 0, 1, 0, 0, 4, 0, 0);
        decoded.decode(new MuonSegmentsDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder())
            .primitives());

        assertEquals(primitives.toString(), decoded.toString());
    }
}
