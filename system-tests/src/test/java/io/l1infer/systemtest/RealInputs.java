package io.l1infer.systemtest;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.daemon.ThesisInputs;
import io.l1infer.fpga.model.ModelBundle;

import java.io.IOException;

/** The shipped real inputs, quantised, and the engine's offline answers for them, indexed by event id. */
final class RealInputs
{
    final int[][] inputs;
    final int[] expected;

    RealInputs() throws IOException
    {
        inputs = ThesisInputs.quantized();
        expected = ThesisInputs.offline(
            ModelBundle.load(ProjectPaths.root().resolve("models/muon-pt-thesis")), inputs);
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
