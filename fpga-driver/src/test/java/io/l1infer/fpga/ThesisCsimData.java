package io.l1infer.fpga;

import io.l1infer.testsupport.ProjectPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The shipped thesis C-simulation data for predictor tests: the first 1,000 events as raw inputs with their raw
 * output (expected-first1000.csv), and the same events as the float features of inputs.csv.
 */
public record ThesisCsimData(long[] rawInputs, long[] rawOutputs, float[][] floatInputs)
{
    public static final int EVENTS = 1000;
    public static final int INPUTS = 27;

    public static ThesisCsimData load()
    {
        try
        {
            final List<String> expected = Files.readAllLines(ProjectPaths.thesisExpectedCsv());
            final List<String> floats = Files.readAllLines(ProjectPaths.thesisInputsCsv());
            final long[] in = new long[EVENTS * INPUTS];
            final long[] out = new long[EVENTS];
            final float[][] features = new float[EVENTS][INPUTS];
            for (int e = 0; e < EVENTS; e++)
            {
                final String[] raw = expected.get(e).split(",");
                final String[] values = floats.get(e + 1).split(",");
                for (int f = 0; f < INPUTS; f++)
                {
                    in[e * INPUTS + f] = Long.parseLong(raw[f].strip());
                    features[e][f] = CsimFloats.parse(values[f].strip());
                }
                out[e] = Long.parseLong(raw[INPUTS].strip());
            }
            return new ThesisCsimData(in, out, features);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
