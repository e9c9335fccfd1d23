package io.l1infer.training;

/** The trainable state of a whole model and the optimizer's step count at one moment, to roll back to. */
final class Checkpoint
{
    private final DenseParameters.Snapshot[] layers;
    private final long adamSteps;

    private Checkpoint(final DenseParameters.Snapshot[] layers, final long adamSteps)
    {
        this.layers = layers;
        this.adamSteps = adamSteps;
    }

    static Checkpoint of(final QuantizedMlp model, final long adamSteps)
    {
        final DenseParameters.Snapshot[] layers = new DenseParameters.Snapshot[model.denseCount()];
        for (int l = 0; l < layers.length; l++)
        {
            layers[l] = model.dense(l).snapshot();
        }
        return new Checkpoint(layers, adamSteps);
    }

    void restore(final QuantizedMlp model)
    {
        for (int l = 0; l < layers.length; l++)
        {
            model.dense(l).restore(layers[l]);
        }
    }

    long adamSteps()
    {
        return adamSteps;
    }
}
