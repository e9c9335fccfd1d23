package io.l1infer.training;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;

/**
 * Runs fresh simulated muons through the model as the engine computes it ({@link FixedPointEmulator}: features
 * quantized to the input type as the daemon does, fixed-point all the way, output decoded as raw * 2^-F * scale)
 * and through the lookup table, and keeps true, model and table pT per event.
 */
public final class Evaluation
{
    private static final int BATCH = 1024;

    private Evaluation()
    {
    }

    /**
     * @throws IllegalArgumentException when the model does not take the 27 muon features.
     */
    public static EvaluationResult run(
        final ModelBundle model, final PtLut lut, final ToySimulationConfig config, final long seed, final int events)
    {
        if (model.input().size() != MuonFeatures.FEATURE_COUNT || model.output().size() < 1)
        {
            throw new IllegalArgumentException("model '" + model.name() + "' takes " + model.input().size() +
                " inputs; the evaluation needs a model of the " + MuonFeatures.FEATURE_COUNT + " muon features");
        }
        if (events < 1)
        {
            throw new IllegalArgumentException("number of events must be >= 1: " + events);
        }
        final FixedPointType inputType = model.input().type();
        final int width = MuonFeatures.FEATURE_COUNT;
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(config, seed);
        final ToyEvent event = new ToyEvent();
        final MuonFeatures features = new MuonFeatures();
        final double[] values = new double[width];
        final double[] truePt = new double[events];
        final double[] modelPt = new double[events];
        final double[] lutPt = new double[events];
        final int[] rawInputs = new int[events * width];
        try (FixedPointEmulator engine = new FixedPointEmulator(model, BATCH))
        {
            final BatchBuffers buffers = engine.buffers(0);
            for (int from = 0; from < events; from += BATCH)
            {
                final int size = Math.min(BATCH, events - from);
                for (int b = 0; b < size; b++)
                {
                    final int e = from + b;
                    simulation.nextAccepted(event);
                    if (features.build(event.primitives(), values, 0) < MuonFeatures.MIN_PRIMITIVES)
                    {
                        throw new IllegalStateException("simulated event " + e + " (seed " + seed +
                            ") has invalid features: " + event);
                    }
                    TrainingSample.quantize(values, inputType, rawInputs, e * width);
                    for (int k = 0; k < width; k++)
                    {
                        buffers.putInput(b, k, rawInputs[e * width + k]);
                    }
                    truePt[e] = event.pt();
                    lutPt[e] = lut.assign(event.primitives());
                }
                engine.launch(0, size);
                engine.await(0);
                for (int b = 0; b < size; b++)
                {
                    modelPt[from + b] = model.output().decode(buffers.getOutput(b, 0));
                }
            }
            return new EvaluationResult(model, truePt, modelPt, lutPt, rawInputs, engine.description());
        }
    }
}
