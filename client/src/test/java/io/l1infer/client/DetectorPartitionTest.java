package io.l1infer.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partition ranges and the rule that picks the primitive deciding an event's partition. */
class DetectorPartitionTest
{
    @Test
    void parsesTheDaemonSettingsSyntaxAndChecksTheDetectorBounds()
    {
        final DetectorPartition p = DetectorPartition.parse("-2..0", "4..6");
        assertEquals(new DetectorPartition(-2, 0, 4, 6), p);
        assertTrue(p.contains(-2, 4) && p.contains(0, 6) && p.contains(-1, 5));
        assertFalse(p.contains(1, 5));
        assertFalse(p.contains(0, 7));
        assertEquals(new DetectorPartition(1, 1, 12, 12), DetectorPartition.parse(" 1 ", "12"));
        assertTrue(DetectorPartition.parse("-2..2", "1..12").isWholeDetector());
        assertEquals("wheels -2..0 sectors 4..6", p.toString());

        assertMessage("wheels 'x..1'", () -> DetectorPartition.parse("x..1", "1..12"));
        assertMessage("wheels -3..0", () -> DetectorPartition.parse("-3..0", "1..12"));
        assertMessage("sectors 5..4", () -> DetectorPartition.parse("0", "5..4"));
        assertMessage("sectors 0..12", () -> DetectorPartition.parse("0", "0..12"));
    }

    @Test
    void theFirstUsablePrimitiveDecidesElseTheFirst()
    {
        final PrimitiveList p = new PrimitiveList();
        assertEquals(-1, p.partitionPrimitive());
        // station, wheel, sector, phi, phiB, quality, ts2tag, bx
        p.add(1, -2, 3, 0, 0, 6, 0, 1);    // out of time
        p.add(2, -1, 4, 0, 0, 7, 0, 0);    // null quality
        p.add(3, 1, 5, 0, 0, 2, 0, 0);     // first usable
        p.add(4, 2, 6, 0, 0, 6, 0, 0);
        assertEquals(2, p.partitionPrimitive());

        final PrimitiveList none = new PrimitiveList().add(1, 2, 9, 0, 0, 7, 0, 0).add(2, -2, 1, 0, 0, 6, 0, -1);
        assertEquals(0, none.partitionPrimitive(), "no usable primitive: the first decides");
    }

    private static void assertMessage(final String expected, final org.junit.jupiter.api.function.Executable call)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().contains(expected), "message '" + ex.getMessage() + "' lacks '" + expected + "'");
    }
}
