package io.l1infer.daemon;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** Test support: the shipped 14,248 real inputs quantised to ap_fixed&lt;16,6&gt;, and the engine's offline answers. */
public final class ThesisInputs
{
    private ThesisInputs()
    {
    }

    /** The real inputs as raw ap_fixed&lt;16,6&gt; values, in file order. */
    public static int[][] quantized() throws IOException
    {
        final List<String> lines =
            Files.readAllLines(ProjectPaths.root().resolve("data/muon-pt-thesis/inputs.csv"));
        final FixedPointType t = FixedPointType.apFixed(16, 6);
        final int[][] rows = new int[lines.size() - 1][];
        for (int l = 1; l < lines.size(); l++)
        {
            final String[] parts = lines.get(l).split(",");
            rows[l - 1] = new int[parts.length];
            for (int f = 0; f < parts.length; f++)
            {
                rows[l - 1][f] = (int)t.fromDouble(Double.parseDouble(parts[f]));
            }
        }
        return rows;
    }

    /** The CPU engine's first raw output for every input, one event at a time. */
    public static int[] offline(final ModelBundle model, final int[][] inputs)
    {
        final int[] out = new int[inputs.length];
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 1))
        {
            final BatchBuffers buf = engine.buffers(0);
            for (int e = 0; e < inputs.length; e++)
            {
                for (int f = 0; f < inputs[e].length; f++)
                {
                    buf.putInput(0, f, inputs[e][f]);
                }
                engine.infer(0, 1);
                out[e] = buf.getOutput(0, 0);
            }
        }
        return out;
    }
}
