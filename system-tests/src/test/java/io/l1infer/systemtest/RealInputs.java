package io.l1infer.systemtest;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** The shipped real inputs, quantised, and the engine's offline answers for them. */
final class RealInputs
{
    final int[][] inputs;
    final int[] expected;

    RealInputs() throws IOException
    {
        final ModelBundle model = ModelBundle.load(DaemonProcess.projectRoot().resolve("models/muon-pt-thesis"));
        final List<String> lines =
            Files.readAllLines(DaemonProcess.projectRoot().resolve("data/muon-pt-thesis/inputs.csv"));
        inputs = new int[lines.size() - 1][];
        for (int l = 1; l < lines.size(); l++)
        {
            final String[] parts = lines.get(l).split(",");
            inputs[l - 1] = new int[parts.length];
            for (int f = 0; f < parts.length; f++)
            {
                inputs[l - 1][f] = (int)model.input().type().fromDouble(Double.parseDouble(parts[f]));
            }
        }
        expected = new int[inputs.length];
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
                expected[e] = buf.getOutput(0, 0);
            }
        }
    }

    int[] input(final long eventId)
    {
        return inputs[(int)(eventId % inputs.length)];
    }

    int expected(final long eventId)
    {
        return expected[(int)(eventId % inputs.length)];
    }
}
