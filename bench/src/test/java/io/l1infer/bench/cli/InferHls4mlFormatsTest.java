package io.l1infer.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code infer} on hls4ml's own test bench files: tb_input_features.dat in, csim_results.log out, byte for byte what
 * hls4ml's test main wrote for the same model and inputs (golden file, see its README).
 */
class InferHls4mlFormatsTest
{
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Path MODEL = HOME.resolve("models/muon-pt-thesis");
    private static final int EVENTS = 1000;

    @TempDir
    Path temp;

    @Test
    void csimLogEqualsWhatHls4mlsTestBenchWrote() throws IOException
    {
        final byte[] golden = golden();
        final Path dat = features(" ");
        final Path log = temp.resolve("csim_results.log");
        assertEquals(0, L1inferBench.run("infer", "--model", MODEL.toString(), "--in", dat.toString(),
            "--out", log.toString()), "formats detected from the file names");
        assertArrayEquals(golden, Files.readAllBytes(log));

        final Path explicit = temp.resolve("l1infer.txt");
        assertEquals(0, L1inferBench.run("infer", "--model", MODEL.toString(), "--in", dat.toString(),
            "--in-format", "hls4ml-dat", "--out", explicit.toString(), "--out-format", "csim-log", "--batch", "7"));
        assertArrayEquals(golden, Files.readAllBytes(explicit));

        final Path commas = features(", ");
        final Path fromCommas = temp.resolve("commas.log");
        assertEquals(0, L1inferBench.run("infer", "--model", MODEL.toString(), "--in", commas.toString(),
            "--out", fromCommas.toString()));
        assertArrayEquals(golden, Files.readAllBytes(fromCommas), "comma-separated features");
    }

    @Test
    void datInputWithCsvOutputGivesTheFloatRoundedEvents() throws IOException
    {
        final Path dat = features(" ");
        final Path csv = temp.resolve("out.csv");
        assertEquals(0, L1inferBench.run("infer", "--model", MODEL.toString(), "--in", dat.toString(),
            "--out", csv.toString()));
        final List<String> lines = Files.readAllLines(csv);
        assertEquals(EVENTS + 1, lines.size(), "header and one line per event");
        final String[] golden = new String(golden(), java.nio.charset.StandardCharsets.US_ASCII).split("\n");
        for (int e = 0; e < EVENTS; e++)
        {
            final double value = Double.parseDouble(lines.get(e + 1).split(",")[0]);
            assertEquals(Double.parseDouble(golden[e].strip()), value, 5e-6 * Math.max(1, Math.abs(value)),
                "event " + e);
        }
    }

    @Test
    void badDatLinesAndWrongOptionsFailNamingThemAndWriteNothing() throws IOException
    {
        final Path out = temp.resolve("csim_results.log");
        final String good = Files.readAllLines(features(" ")).get(0);
        final String[][] cases = {
            {good + " 1", "line 2: expected 27 values"},
            {good.replaceFirst("^3 ", "x "), "line 2 column 1: 'x' is not a number"},
            {good.replaceFirst("^3 ", "1e99 "), "line 2 column 1: '1e99' is not finite as a float"},
            {"", "line 2: empty line"}};
        for (final String[] c : cases)
        {
            final Path in = temp.resolve("tb_input_features.dat");
            Files.write(in, List.of(good, c[0], good));
            final CapturedRun run = CapturedRun.of("infer", "--model", MODEL.toString(), "--in", in.toString(),
                "--out", out.toString());
            assertEquals(1, run.exitCode(), c[1]);
            assertTrue(run.err().contains(c[1]), "'" + run.err() + "' lacks '" + c[1] + "'");
            assertFalse(Files.exists(out), "no output after a bad line");
        }
        final Path in = temp.resolve("tb_input_features.dat");
        Files.write(in, List.of(good));
        final CapturedRun rawDat = CapturedRun.of("infer", "--model", MODEL.toString(), "--in", in.toString(),
            "--out", temp.resolve("raw.csv").toString(), "--raw");
        assertEquals(1, rawDat.exitCode());
        assertTrue(rawDat.err().contains("--raw reads and writes raw CSV"), rawDat.err());
        final CapturedRun badFormat = CapturedRun.of("infer", "--model", MODEL.toString(), "--in", in.toString(),
            "--out", out.toString(), "--out-format", "json");
        assertEquals(1, badFormat.exitCode());
        assertTrue(badFormat.err().contains("--out-format must be auto, csv or csim-log, got 'json'"),
            badFormat.err());
    }

    /** The first events of inputs.csv as a user makes tb_input_features.dat from them: one line each, no header. */
    private Path features(final String separator) throws IOException
    {
        final List<String> csv = Files.readAllLines(HOME.resolve("data/muon-pt-thesis/inputs.csv"));
        final List<String> lines = new ArrayList<>();
        for (int e = 1; e <= EVENTS; e++)
        {
            lines.add(csv.get(e).replace(",", separator));
        }
        final Path dat = temp.resolve(separator.strip().isEmpty() ? "tb_input_features.dat" : "commas.dat");
        Files.write(dat, lines);
        return dat;
    }

    private static byte[] golden() throws IOException
    {
        try (InputStream in = InferHls4mlFormatsTest.class.getResourceAsStream(
            "/hls4ml-csim/muon-pt-thesis/csim_results.log"))
        {
            assertNotNull(in, "golden csim_results.log on the test class path");
            return in.readAllBytes();
        }
    }
}
