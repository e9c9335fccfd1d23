package io.l1infer.training;

import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.ToySimulationConfig;

import java.util.SplittableRandom;

/** An untrained network in the shipped model's types and layout, for tests that need a bundle but not a good one. */
final class RandomTalkModel
{
    static final long SEED = 99L;

    private RandomTalkModel()
    {
    }

    static ModelBundle get()
    {
        final QuantizationScheme scheme = QuantizationScheme.talk();
        final TrainingSample sample =
            TrainingSample.simulate(ToySimulationConfig.thesisLike(), SEED, 500, scheme.input());
        final QuantizedMlp model = new QuantizedMlp(scheme, TrainerConfig.TALK_ARCHITECTURE,
            InputScaling.fit(scheme, sample.rawInputs(), sample.count(), sample.width()));
        model.initialise(new SplittableRandom(SEED), 0.3);
        return model.toBundle("random-talk", "untrained, seed " + SEED);
    }
}
