package io.l1infer.bench.cli;

import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.testsupport.SharedReference;
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

/** {@code model import --hls4ml} and {@code infer --model <hls4ml project>} on the real thesis firmware. */
class ModelImportCommandTest
{
    private static final Path EXPECTED = CapturedRun.HOME.resolve("data/muon-pt-thesis/expected-first1000.csv");

    @TempDir
    Path temp;

    @Test
    void importWritesABundleAndPrintsTheSummary() throws IOException
    {
        final Path firmware = SharedReference.require("reference/muon-pt-thesis-firmware", "model import CLI");
        final Path out = temp.resolve("bundle");
        final CapturedRun run = CapturedRun.of("model", "import", "--hls4ml", firmware.toString(), "--out",
            out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("inputs:  27 x ap_fixed<16,6>"), run.out());
        assertTrue(run.out().contains("outputs: 1 x ap_fixed<17,2>"), run.out());
        assertTrue(run.out().contains("layers:  18"), run.out());
        assertTrue(run.out().contains("q_dense_10"), run.out());
        final int nonZero = nonZeroWeights(ModelBundle.load(CapturedRun.HOME.resolve("models/muon-pt-thesis")));
        assertTrue(run.out().contains("non-zero dense weights: " + nonZero + " of 7935"), run.out());
        assertTrue(Files.isRegularFile(out.resolve("model.json")));
        assertEquals(18, ModelBundle.load(out).layers().size());
        assertRawInferenceMatches(out);
    }

    @Test
    void inferTakesTheHls4mlProjectDirectly() throws IOException
    {
        assertRawInferenceMatches(SharedReference.require("reference/muon-pt-thesis-firmware", "infer --model DIR"));
    }

    @Test
    void aBadProjectFailsWithTheImportersMessage() throws IOException
    {
        final Path dir = temp.resolve("bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("defines.h"), "#define N_INPUT_1_1 4\n");
        Files.writeString(dir.resolve("parameters.h"), "\n");
        final CapturedRun run = CapturedRun.of("model", "import", "--hls4ml", dir.toString(), "--out",
            temp.resolve("o").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("expected exactly one top-function source <project>.cpp"), run.err());
        assertFalse(Files.exists(temp.resolve("o")));
    }

    private void assertRawInferenceMatches(final Path model) throws IOException
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
        assertEquals(0, L1inferBench.run("infer", "--model", model.toString(), "--in", in.toString(), "--out",
            out.toString(), "--raw"));
        final List<String> outputs = Files.readAllLines(out);
        assertEquals(expected.size(), outputs.size());
        for (int i = 0; i < expected.size(); i++)
        {
            final String line = expected.get(i);
            assertEquals(line.substring(line.lastIndexOf(',') + 1).trim(), outputs.get(i), "line " + (i + 1));
        }
    }

    private static int nonZeroWeights(final ModelBundle model)
    {
        int n = 0;
        for (final var layer : model.layers())
        {
            if (layer instanceof io.l1infer.fpga.model.DenseLayer d)
            {
                for (final long w : d.weights())
                {
                    n += w != 0 ? 1 : 0;
                }
            }
        }
        return n;
    }
}
