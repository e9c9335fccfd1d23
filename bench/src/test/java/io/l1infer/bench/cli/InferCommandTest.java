package io.l1infer.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline inference contract: same order, raw and float modes, and clean failure on any bad line. */
class InferCommandTest
{
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Path MODEL = HOME.resolve("models/muon-pt-thesis");
    private static final Path EXPECTED = HOME.resolve("data/muon-pt-thesis/expected-first1000.csv");

    @TempDir
    Path temp;

    @Test
    void rawModeReproducesTheCSimulation() throws IOException
    {
        final List<String> expected = Files.readAllLines(EXPECTED);
        final List<String> inputs = new ArrayList<>();
        for (final String line : expected)
        {
            inputs.add(line.substring(0, line.lastIndexOf(',')));
        }
        final Path in = temp.resolve("in.csv");
        final Path out = temp.resolve("out.csv");
        Files.write(in, inputs);
        assertEquals(0, L1inferBench.run("infer", "--model", MODEL.toString(), "--in", in.toString(),
            "--out", out.toString(), "--raw", "--batch", "100"));
        final List<String> outputs = Files.readAllLines(out);
        assertEquals(expected.size(), outputs.size());
        for (int i = 0; i < expected.size(); i++)
        {
            final String line = expected.get(i);
            assertEquals(line.substring(line.lastIndexOf(',') + 1).trim(), outputs.get(i), "line " + (i + 1));
        }
    }

    @Test
    void floatModeQuantizesLikeTheCSimulationAndScalesToGeV() throws IOException
    {
        final Path inputs = HOME.resolve("data/muon-pt-thesis/inputs.csv");
        final Path out = temp.resolve("pt.csv");
        assertEquals(0, L1inferBench.run("infer", "--model", MODEL.toString(), "--in", inputs.toString(),
            "--out", out.toString()));
        final List<String> outputs = Files.readAllLines(out);
        assertEquals(Files.readAllLines(inputs).size(), outputs.size(), "header plus one line per event");
        assertTrue(outputs.get(0).startsWith("pt_over_200,"), outputs.get(0));
        final List<String> expected = Files.readAllLines(EXPECTED);
        for (int i = 0; i < expected.size(); i++)
        {
            final String line = expected.get(i);
            final int raw = Integer.parseInt(line.substring(line.lastIndexOf(',') + 1).trim());
            final String[] parts = outputs.get(i + 1).split(",");
            assertEquals(raw / 32768.0, Double.parseDouble(parts[0]), "line " + (i + 2));
            assertEquals(raw / 32768.0 * 200.0, Double.parseDouble(parts[1]), 1e-9, "line " + (i + 2));
        }
    }

    @Test
    void badLineFailsNamingItAndWritesNothing() throws IOException
    {
        final Path out = temp.resolve("out.csv");
        final String good = "3072,1024,2048,3072,0,2048,2048,2048,0,3072,3072,3072,0,76,74,40,0,0,1024,1024," +
            "0,14,26,0,11,0,0";
        final String[][] cases = {
            {good + ",1", "line 3: expected 27 values"},
            {good.replace("3072,1024", "3072,x"), "line 3 column 2: 'x' is not an integer"},
            {good.replace("3072,1024", "3072,40000"), "line 3 column 2: 40000 is outside the raw range"},
            {"", "line 3: empty line"}};
        for (final String[] c : cases)
        {
            final Path in = temp.resolve("in.csv");
            Files.write(in, List.of(good, good, c[0], good));
            final java.io.StringWriter err = new java.io.StringWriter();
            assertEquals(L1inferBench.EXIT_FAILURE, L1inferBench.run(new java.io.PrintWriter(err, true), "infer",
                "--model", MODEL.toString(), "--in", in.toString(), "--out", out.toString(), "--raw"),
                "input '" + c[0] + "'");
            assertTrue(err.toString().contains(c[1]), "message should contain '" + c[1] + "': " + err);
            assertFalse(Files.exists(out), "no partial output for '" + c[0] + "'");
        }
    }
}
