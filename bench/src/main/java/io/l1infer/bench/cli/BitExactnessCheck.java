package io.l1infer.bench.cli;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The demo's quick first step: offline inference of the shipped model on the shipped real inputs, compared bit for
 * bit with the hls4ml C simulation's outputs for the first 1,000 events.
 */
final class BitExactnessCheck
{
    private BitExactnessCheck()
    {
    }

    /**
     * Run the check and print a summary.
     *
     * @return whether every expected output matched.
     */
    static boolean run(final Path home, final PrintStream out) throws IOException
    {
        final ModelBundle model = ModelBundle.load(home.resolve("models/muon-pt-thesis"));
        final FixedPointType inType = model.input().type();
        final int[][] inputs = readFloatInputs(home.resolve("data/muon-pt-thesis/inputs.csv"), inType);
        final List<String> expectedLines =
            Files.readAllLines(home.resolve("data/muon-pt-thesis/expected-first1000.csv"), StandardCharsets.UTF_8);

        out.println("model: " + model);
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 256))
        {
            out.println("engine: " + engine.description());
            final int[] outputs = new int[inputs.length];
            long best = Long.MAX_VALUE;
            for (int pass = 0; pass < 5; pass++)
            {
                final long start = System.nanoTime();
                runAll(engine, inputs, outputs);
                best = Math.min(best, System.nanoTime() - start);
            }
            int matches = 0;
            int rawMatches = 0;
            for (int e = 0; e < expectedLines.size(); e++)
            {
                final String[] parts = expectedLines.get(e).split(",");
                boolean sameInput = true;
                for (int f = 0; f < 27; f++)
                {
                    sameInput &= Integer.parseInt(parts[f].trim()) == inputs[e][f];
                }
                rawMatches += sameInput ? 1 : 0;
                matches += Integer.parseInt(parts[27].trim()) == outputs[e] ? 1 : 0;
            }
            final double[] pt = new double[outputs.length];
            for (int e = 0; e < outputs.length; e++)
            {
                pt[e] = model.output().decode(outputs[e]);
            }
            Arrays.sort(pt);
            out.printf(Locale.ROOT, "offline: %d real test events in batches of 256: %.1f ms for all (best of 5 " +
                "passes), %.0f ns per event%n", inputs.length, best / 1e6, best / (double)inputs.length);
            out.printf(Locale.ROOT,
                "bit-exact vs hls4ml C simulation: %d/%d outputs equal (%d/%d quantized inputs equal)%n",
                matches, expectedLines.size(), rawMatches, expectedLines.size());
            out.printf(Locale.ROOT, "predicted pT [GeV/c]: min %.2f, median %.2f, p90 %.2f, max %.2f%n",
                pt[0], pt[pt.length / 2], pt[(int)(pt.length * 0.9)], pt[pt.length - 1]);
            return matches == expectedLines.size();
        }
    }

    private static void runAll(final FixedPointEmulator engine, final int[][] inputs, final int[] outputs)
    {
        final BatchBuffers buf = engine.buffers(0);
        for (int first = 0; first < inputs.length; first += engine.maxBatchSize())
        {
            final int n = Math.min(engine.maxBatchSize(), inputs.length - first);
            for (int b = 0; b < n; b++)
            {
                for (int f = 0; f < inputs[first + b].length; f++)
                {
                    buf.putInput(b, f, inputs[first + b][f]);
                }
            }
            engine.infer(0, n);
            for (int b = 0; b < n; b++)
            {
                outputs[first + b] = buf.getOutput(b, 0);
            }
        }
    }

    private static int[][] readFloatInputs(final Path file, final FixedPointType type) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        final int[][] rows = new int[lines.size() - 1][];
        for (int l = 1; l < lines.size(); l++)
        {
            final String[] parts = lines.get(l).split(",");
            rows[l - 1] = new int[parts.length];
            for (int f = 0; f < parts.length; f++)
            {
                rows[l - 1][f] = (int)type.fromDouble(Double.parseDouble(parts[f].trim()));
            }
        }
        return rows;
    }
}
