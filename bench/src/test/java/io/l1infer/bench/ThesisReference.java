package io.l1infer.bench;

import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.FeatureTableCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The thesis model with its hls4ml C-simulation reference: the first 1000 real events as float features, as raw
 * ap_fixed&lt;16,6&gt; inputs and with the expected raw ap_fixed&lt;17,2&gt; output.
 */
public final class ThesisReference
{
    public static final int EVENTS = 1000;
    public static final int FEATURES = 27;

    public final ModelBundle model;
    /** Every real event's 27 float features, as read. */
    public final double[][] features;
    public final int[][] rawInputs;
    public final int[] expectedRawOutputs;

    private ThesisReference(
        final ModelBundle model, final double[][] features, final int[][] rawInputs, final int[] expected)
    {
        this.model = model;
        this.features = features;
        this.rawInputs = rawInputs;
        this.expectedRawOutputs = expected;
    }

    public static ThesisReference load()
    {
        final ModelBundle model = ModelBundle.load(BenchPaths.thesisModel());
        final List<double[]> rows = new ArrayList<>();
        FeatureTableCsv.forEachRow(BenchPaths.realInputs(), (row, line) -> rows.add(row.clone()));
        final double[][] features = rows.toArray(new double[0][]);
        final Path expectedFile = BenchPaths.expectedOutputs();
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(expectedFile);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final int[][] raw = new int[EVENTS][FEATURES];
        final int[] expected = new int[EVENTS];
        int e = 0;
        for (final String line : lines)
        {
            if (line.isBlank())
            {
                continue;
            }
            final String[] parts = line.split(",");
            if (parts.length != FEATURES + 1 || e >= EVENTS)
            {
                throw new IllegalStateException(expectedFile + ": unexpected line " + (e + 1) + ": " + line);
            }
            for (int f = 0; f < FEATURES; f++)
            {
                raw[e][f] = Integer.parseInt(parts[f].trim());
            }
            expected[e] = Integer.parseInt(parts[FEATURES].trim());
            e++;
        }
        if (e != EVENTS)
        {
            throw new IllegalStateException(expectedFile + ": " + e + " events, expected " + EVENTS);
        }
        return new ThesisReference(model, features, raw, expected);
    }

    /** Event {@code e}'s features as read (doubles), rounded to float32 as ONNX Runtime sees them. */
    public double[] featuresAsFloat32(final int e)
    {
        final double[] x = new double[FEATURES];
        for (int f = 0; f < FEATURES; f++)
        {
            x[f] = (float)features[e][f];
        }
        return x;
    }

    /** Event {@code e}'s quantized input values (raw * 2^-10): exactly what the bit-exact engine computes on. */
    public double[] quantizedInputs(final int e)
    {
        final double[] x = new double[FEATURES];
        for (int f = 0; f < FEATURES; f++)
        {
            x[f] = model.input().type().toDouble(rawInputs[e][f]);
        }
        return x;
    }
}
