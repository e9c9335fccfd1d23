package io.l1infer.training;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;

/**
 * Compares the trainer's forward pass with the engine ({@link FixedPointEmulator}) on a sample: the exported model
 * must give the same raw outputs on every event.
 *
 * @param events            events compared.
 * @param mismatches        events whose raw outputs differ.
 * @param firstMismatch     description of the first differing event, or "" when none.
 * @param engineDescription what the engine said about itself (e.g. whether it ran SIMD tiles).
 */
public record EngineAgreement(int events, int mismatches, String firstMismatch, String engineDescription)
{
    private static final int BATCH = 1024;

    static EngineAgreement check(final QuantizedMlp model, final ModelBundle bundle, final TrainingSample sample)
    {
        final int n = sample.count();
        final int width = sample.width();
        final int outputs = bundle.output().size();
        final int[] order = new int[n];
        for (int e = 0; e < n; e++)
        {
            order[e] = e;
        }
        final QatPass pass = new QatPass(model, BATCH);
        int mismatches = 0;
        String first = "";
        try (FixedPointEmulator engine = new FixedPointEmulator(bundle, BATCH))
        {
            final BatchBuffers buffers = engine.buffers(0);
            final int[] raw = sample.rawInputs();
            for (int from = 0; from < n; from += BATCH)
            {
                final int size = Math.min(BATCH, n - from);
                for (int b = 0; b < size; b++)
                {
                    for (int k = 0; k < width; k++)
                    {
                        buffers.putInput(b, k, raw[(from + b) * width + k]);
                    }
                }
                engine.launch(0, size);
                engine.await(0);
                pass.forward(raw, order, from, size);
                for (int b = 0; b < size; b++)
                {
                    for (int k = 0; k < outputs; k++)
                    {
                        final int engineRaw = buffers.getOutput(b, k);
                        final int trainerRaw = pass.outputRaw(b, k);
                        if (engineRaw != trainerRaw)
                        {
                            if (mismatches == 0)
                            {
                                first = "event " + (from + b) + " output " + k + ": engine raw " + engineRaw +
                                    ", trainer raw " + trainerRaw;
                            }
                            mismatches++;
                            break;
                        }
                    }
                }
            }
            return new EngineAgreement(n, mismatches, first, engine.description());
        }
    }

    /** True when every event agreed. */
    public boolean bitExact()
    {
        return mismatches == 0;
    }
}
