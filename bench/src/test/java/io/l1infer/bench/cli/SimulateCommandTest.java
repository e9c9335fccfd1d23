package io.l1infer.bench.cli;

import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToyEventCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code simulate} writes N events, the same for the same seed, readable back; the marginals table compares. */
class SimulateCommandTest
{
    @TempDir
    Path temp;

    @Test
    void writesNEventsDeterministicallyPerSeed() throws IOException
    {
        final Path a = temp.resolve("a.csv");
        final Path b = temp.resolve("b.csv");
        final Path c = temp.resolve("c.csv");
        assertEquals(0, CapturedRun.of("simulate", "--events", "500", "--seed", "11", "--out", a.toString())
            .exitCode());
        assertEquals(0, CapturedRun.of("simulate", "--events", "500", "--seed", "11", "--out", b.toString())
            .exitCode());
        assertEquals(0, CapturedRun.of("simulate", "--events", "500", "--seed", "12", "--out", c.toString())
            .exitCode());
        final List<String> lines = Files.readAllLines(a);
        assertEquals(501, lines.size(), "header plus one line per event");
        assertEquals(ToyEventCsv.HEADER, lines.get(0));
        assertEquals(lines, Files.readAllLines(b), "seed 11 twice gives the same file");
        assertNotEquals(lines, Files.readAllLines(c), "seed 12 gives other events");

        int events = 0;
        int rejected = 0;
        try (BufferedReader in = Files.newBufferedReader(a))
        {
            final ToyEventCsv.Reader reader = new ToyEventCsv.Reader(in, a.toString());
            final ToyEvent event = new ToyEvent();
            while (reader.next(event))
            {
                events++;
                assertTrue(event.pt() > 0, "true pT written, line " + (events + 1));
                rejected += ToyBarrelSimulation.isAccepted(event) ? 0 : 1;
            }
        }
        assertEquals(500, events);
        assertTrue(rejected > 0, "by default muons with fewer than two primitives are written too (seed 11)");
    }

    @Test
    void acceptedOnlyWritesOnlyEventsTheDaemonAccepts() throws IOException
    {
        final Path file = temp.resolve("accepted.csv");
        assertEquals(0, CapturedRun.of("simulate", "--events", "300", "--seed", "3", "--accepted-only", "--out",
            file.toString()).exitCode());
        try (BufferedReader in = Files.newBufferedReader(file))
        {
            final ToyEventCsv.Reader reader = new ToyEventCsv.Reader(in, file.toString());
            final ToyEvent event = new ToyEvent();
            int events = 0;
            while (reader.next(event))
            {
                events++;
                assertTrue(ToyBarrelSimulation.isAccepted(event), "seed 3 event " + events);
            }
            assertEquals(300, events);
        }
    }

    @Test
    void comparesMarginalsWithTheRealSample()
    {
        final Path file = temp.resolve("toy.csv");
        final CapturedRun run = CapturedRun.of("simulate", "--events", "2000", "--seed", "42", "--out",
            file.toString(), "--compare-real", CapturedRun.HOME.resolve("data/muon-pt-thesis/inputs.csv").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("| statistic | real | toy |"), run.out());
        assertTrue(run.out().contains("| events (n_Primitive >= 2) | 14248 | "), run.out());
    }

    @Test
    void badArgumentsFailWithoutWritingAFile()
    {
        final Path file = temp.resolve("none.csv");
        final CapturedRun run = CapturedRun.of("simulate", "--events", "0", "--seed", "1", "--out", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--events must be >= 1, got 0"), run.err());
        assertFalse(Files.exists(file));
    }
}
