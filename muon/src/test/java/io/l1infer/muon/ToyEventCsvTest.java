package io.l1infer.muon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import io.l1infer.codec.MuonPrimitives;
import org.junit.jupiter.api.Test;

/** Round trip and error reporting of {@link ToyEventCsv}. */
class ToyEventCsvTest
{
    private static final long SEED = 77L;

    @Test
    void eventsSurviveAWriteReadRoundTripBitForBit()
    {
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final StringBuilder text = new StringBuilder();
        ToyEventCsv.writeHeader(text);
        final ToyEvent event = new ToyEvent();
        final String[] expected = new String[300];
        for (int i = 0; i < expected.length; i++)
        {
            simulation.next(event);
            ToyEventCsv.write(text, event);
            expected[i] = event.toString();
        }

        final ToyEventCsv.Reader reader =
            new ToyEventCsv.Reader(new BufferedReader(new StringReader(text.toString())), "memory");
        final ToyEvent back = new ToyEvent();
        for (int i = 0; i < expected.length; i++)
        {
            assertTrue(reader.next(back), "event " + i);
            assertEquals(expected[i], back.toString(), "event " + i + " seed " + SEED);
        }
        assertFalse(reader.next(back));
    }

    @Test
    void headerNamesEveryPrimitiveField()
    {
        assertTrue(ToyEventCsv.HEADER.startsWith("pt,charge,eta,phi,n,station_1,wheel_1,sector_1,phi_1,phiB_1,"
            + "quality_1,bx_1,ts2tag_1,station_2"), ToyEventCsv.HEADER);
        assertEquals(5 + 8 * MuonPrimitives.CAPACITY, ToyEventCsv.HEADER.split(",").length);
    }

    private static String errorOf(final String body)
    {
        final String text = ToyEventCsv.HEADER + "\n" + body + "\n";
        final ToyEventCsv.Reader reader = new ToyEventCsv.Reader(new BufferedReader(new StringReader(text)), "f.csv");
        return assertThrows(IllegalArgumentException.class, () -> reader.next(new ToyEvent())).getMessage();
    }

    @Test
    void malformedLinesNameTheLineAndField()
    {
        assertEquals("f.csv:2: field eta is not a number: 'x'", errorOf("10.0,1,x,0.1,0"));
        assertEquals("f.csv:2: field charge must be 1 or -1, got 0", errorOf("10.0,0,0.2,0.1,0"));
        assertEquals("f.csv:2: n = 1 needs 13 fields, got 12", errorOf("10.0,1,0.2,0.1,1,1,0,1,0,0,4,0"));
        assertEquals("f.csv:2: field sector_1 is out of its hardware range",
            errorOf("10.0,1,0.2,0.1,1,1,0,13,0,0,4,0,0"));
        assertEquals("f.csv:2: field quality_1 is not an integer: '4.5'",
            errorOf("10.0,1,0.2,0.1,1,1,0,1,0,0,4.5,0,0"));
        assertEquals("f.csv:2: field n must be in 0..8, got 9", errorOf("10.0,1,0.2,0.1,9"));
    }

    @Test
    void aWrongHeaderIsRejected()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ToyEventCsv.Reader(new BufferedReader(new StringReader("a,b,c\n")), "g.csv"));
        assertTrue(ex.getMessage().startsWith("g.csv:1: header is not the toy event header"), ex.getMessage());
    }
}
