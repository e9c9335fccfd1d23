package io.l1infer.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare} diffs raw result files event by event; {@code mismatches} prints a shadow mismatch log. */
class CompareAndMismatchesCommandTest
{
    @TempDir
    Path temp;

    @Test
    void compareCountsIdenticalAndDifferingEventsAcrossSeparators() throws IOException
    {
        final Path a = temp.resolve("a.csv");
        final Path b = temp.resolve("b.dat");
        Files.write(a, List.of("1,2", "3,4", "5,6"));
        Files.write(b, List.of("1 2 ", "3 5", "5, 6"));
        final String out = captured(() -> assertEquals(CompareCommand.EXIT_DIFFERENT,
            L1inferBench.run("compare", a.toString(), b.toString())));
        assertTrue(out.contains("COMPARE events=3 identical=2 differing=1"), out);
        assertTrue(out.contains("event 2: 3,4  vs  3 5"), out);
        final String same = captured(() -> assertEquals(0, L1inferBench.run("compare", a.toString(), a.toString())));
        assertTrue(same.contains("COMPARE events=3 identical=3 differing=0"), same);
    }

    @Test
    void compareRefusesANonIntegerNamingLineAndColumn() throws IOException
    {
        final Path a = temp.resolve("a.csv");
        final Path b = temp.resolve("b.csv");
        Files.write(a, List.of("1,2", "3,x"));
        Files.write(b, List.of("1,2", "3,4"));
        assertEquals(L1inferBench.EXIT_FAILURE, L1inferBench.run("compare", a.toString(), b.toString()));
    }

    @Test
    void mismatchesPrintsEveryRecord() throws IOException
    {
        final Path log = temp.resolve("m.txt");
        Files.write(log, List.of("# l1infer shadow mismatches; model m; primary p; shadow s",
            "# time_ms source_id event_id batch_size inputs=raw,... primary=raw,... shadow=raw,...",
            "1700000000000 7 42 16 inputs=1,2,3 primary=9 shadow=8"));
        final String out = captured(() -> assertEquals(0, L1inferBench.run("mismatches", log.toString())));
        assertTrue(out.contains("event 42 (source 7), batch of 16"), out);
        assertTrue(out.contains("primary 9") && out.contains("shadow  8") && out.contains("inputs  1,2,3"), out);
        assertTrue(out.contains("1 mismatching events"), out);
    }

    private static String captured(final Runnable action)
    {
        final PrintStream old = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            action.run();
        }
        finally
        {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
