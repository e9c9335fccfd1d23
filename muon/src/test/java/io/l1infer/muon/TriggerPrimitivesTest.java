package io.l1infer.muon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link TriggerPrimitives}: storage, capacity and range checks. */
class TriggerPrimitivesTest
{
    private final TriggerPrimitives primitives = new TriggerPrimitives();

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
        for (int i = 0; i < TriggerPrimitives.CAPACITY; i++)
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
        final TriggerPrimitives other = new TriggerPrimitives();
        other.add(2, 1, 6, 33, -4, 5, 0, 0);
        primitives.add(1, 0, 1, 0, 0, 4, 0, 0);
        primitives.add(3, 0, 1, 0, 0, 4, 0, 0);

        primitives.copyFrom(other);

        assertEquals(1, primitives.count());
        assertEquals(2, primitives.station(0));
        assertEquals(33, primitives.phi(0));
        assertEquals(-4, primitives.phiB(0));
    }
}
