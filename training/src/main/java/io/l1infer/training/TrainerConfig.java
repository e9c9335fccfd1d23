package io.l1infer.training;

import io.l1infer.muon.ToySimulationConfig;

/**
 * Everything that defines a training run apart from its seed and number of events.
 *
 * @param architecture       layer widths, input first.
 * @param scheme             the hls4ml types trained for and exported.
 * @param loss               the regression loss on pT / 200.
 * @param weighting          how much each event counts in the loss.
 * @param batchSize          events per Adam step.
 * @param epochs             passes over the training events.
 * @param pruneBeginEpoch    epoch at whose start magnitude pruning begins (0-based).
 * @param pruneEndEpoch      epoch at whose start the target sparsity is reached; later epochs fine-tune.
 * @param targetSparsity     fraction of every pruned dense layer's weights pruned at the end.
 * @param pruneOutputLayer   whether the output layer (15 weights in the talk network) is pruned too.
 * @param pruningFrequency   Adam steps between mask updates while pruning.
 * @param learningRate       initial Adam learning rate.
 * @param finalLearningRate  learning rate at the first and last steps (linear warm-up over the first epoch, then
 *                           cosine decay).
 * @param gradientClipNorm   largest L2 norm of the whole gradient of one step; larger ones are scaled down.
 * @param validationFraction share of the simulated events held out for validation.
 * @param partitions         fixed slices of every mini-batch, each summed on its own and then added in order: the
 *                           result does not depend on the number of threads.
 * @param threads            threads computing the partitions (1..partitions).
 * @param simulation         the toy simulation that makes the events.
 */
public record TrainerConfig(
    int[] architecture,
    QuantizationScheme scheme,
    RegressionLoss loss,
    EventWeighting weighting,
    int batchSize,
    int epochs,
    int pruneBeginEpoch,
    int pruneEndEpoch,
    double targetSparsity,
    boolean pruneOutputLayer,
    int pruningFrequency,
    double learningRate,
    double finalLearningRate,
    double gradientClipNorm,
    double validationFraction,
    int partitions,
    int threads,
    ToySimulationConfig simulation)
{
    /** The seed talk's network 27-35-20-25-40-20-15-1. */
    public static final int[] TALK_ARCHITECTURE = {27, 35, 20, 25, 40, 20, 15, 1};
    /** Sparsity of every hidden dense layer of the shipped model (training/README.md says why not the seed's 75%). */
    public static final double TALK_SPARSITY = 0.6;

    /** The settings of the shipped model (see training/README.md). */
    public static TrainerConfig talk()
    {
        return new TrainerConfig(TALK_ARCHITECTURE, QuantizationScheme.talk(), RegressionLoss.LOG_MSE,
            EventWeighting.PER_PT_BIN, 256, 100, 15, 60, TALK_SPARSITY, false, 100, 2e-3, 5e-5, 1.0, 0.1, 2, 2,
            ToySimulationConfig.thesisLike());
    }

    public TrainerConfig
    {
        architecture = architecture.clone();
        if (scheme == null || loss == null || weighting == null || simulation == null)
        {
            throw new IllegalArgumentException("scheme, loss and simulation must not be null");
        }
        if (batchSize < 1 || epochs < 1)
        {
            throw new IllegalArgumentException("batch size and epochs must be >= 1: " + batchSize + ", " + epochs);
        }
        if (pruneBeginEpoch < 0 || pruneEndEpoch < pruneBeginEpoch || pruneEndEpoch > epochs)
        {
            throw new IllegalArgumentException("pruning epochs must satisfy 0 <= begin <= end <= epochs: " +
                pruneBeginEpoch + ", " + pruneEndEpoch + ", " + epochs);
        }
        if (!(learningRate > 0) || !(finalLearningRate > 0) || finalLearningRate > learningRate)
        {
            throw new IllegalArgumentException("learning rates must satisfy 0 < final <= initial: " + learningRate +
                ", " + finalLearningRate);
        }
        if (!(gradientClipNorm > 0))
        {
            throw new IllegalArgumentException("gradient clip norm must be > 0: " + gradientClipNorm);
        }
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new IllegalArgumentException("validation fraction must be in (0, 1): " + validationFraction);
        }
        if (partitions < 1 || threads < 1 || threads > partitions)
        {
            throw new IllegalArgumentException("need 1 <= threads <= partitions: " + threads + ", " + partitions);
        }
        // PruningSchedule checks the sparsity and frequency.
        new PruningSchedule(targetSparsity, 0, 0, pruningFrequency);
    }

    @Override
    public int[] architecture()
    {
        return architecture.clone();
    }

    /** Architecture as text, e.g. 27-35-20-25-40-20-15-1. */
    public String architectureText()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < architecture.length; i++)
        {
            sb.append(i == 0 ? "" : "-").append(architecture[i]);
        }
        return sb.toString();
    }

    public TrainerConfig withArchitecture(final int[] value)
    {
        final Copy c = new Copy(this);
        c.architecture = value;
        return c.build();
    }

    public TrainerConfig withScheme(final QuantizationScheme value)
    {
        final Copy c = new Copy(this);
        c.scheme = value;
        return c.build();
    }

    public TrainerConfig withLoss(final RegressionLoss value)
    {
        final Copy c = new Copy(this);
        c.loss = value;
        return c.build();
    }

    public TrainerConfig withWeighting(final EventWeighting value)
    {
        final Copy c = new Copy(this);
        c.weighting = value;
        return c.build();
    }

    public TrainerConfig withBatchSize(final int value)
    {
        final Copy c = new Copy(this);
        c.batchSize = value;
        return c.build();
    }

    /** Epochs, with pruning from the start of epoch {@code pruneBegin} to the start of {@code pruneEnd}. */
    public TrainerConfig withEpochs(final int value, final int pruneBegin, final int pruneEnd)
    {
        final Copy c = new Copy(this);
        c.epochs = value;
        c.pruneBeginEpoch = pruneBegin;
        c.pruneEndEpoch = pruneEnd;
        return c.build();
    }

    /**
     * Pruning from the start of epoch {@code begin} to the start of {@code end}, the mask updated every
     * {@code frequency} steps.
     */
    public TrainerConfig withPruning(final int begin, final int end, final int frequency)
    {
        final Copy c = new Copy(this);
        c.pruneBeginEpoch = begin;
        c.pruneEndEpoch = end;
        c.pruningFrequency = frequency;
        return c.build();
    }

    public TrainerConfig withTargetSparsity(final double value)
    {
        final Copy c = new Copy(this);
        c.targetSparsity = value;
        return c.build();
    }

    public TrainerConfig withOutputLayerPruned(final boolean value)
    {
        final Copy c = new Copy(this);
        c.pruneOutputLayer = value;
        return c.build();
    }

    public TrainerConfig withLearningRates(final double initial, final double last)
    {
        final Copy c = new Copy(this);
        c.learningRate = initial;
        c.finalLearningRate = last;
        return c.build();
    }

    public TrainerConfig withGradientClipNorm(final double value)
    {
        final Copy c = new Copy(this);
        c.gradientClipNorm = value;
        return c.build();
    }

    public TrainerConfig withThreads(final int value)
    {
        final Copy c = new Copy(this);
        c.threads = value;
        return c.build();
    }

    /** A mutable copy of every component, so that each {@code with} method changes only its own. */
    private static final class Copy
    {
        int[] architecture;
        QuantizationScheme scheme;
        RegressionLoss loss;
        EventWeighting weighting;
        int batchSize;
        int epochs;
        int pruneBeginEpoch;
        int pruneEndEpoch;
        double targetSparsity;
        boolean pruneOutputLayer;
        int pruningFrequency;
        double learningRate;
        double finalLearningRate;
        double gradientClipNorm;
        double validationFraction;
        int partitions;
        int threads;
        ToySimulationConfig simulation;

        Copy(final TrainerConfig c)
        {
            architecture = c.architecture;
            scheme = c.scheme;
            loss = c.loss;
            weighting = c.weighting;
            batchSize = c.batchSize;
            epochs = c.epochs;
            pruneBeginEpoch = c.pruneBeginEpoch;
            pruneEndEpoch = c.pruneEndEpoch;
            targetSparsity = c.targetSparsity;
            pruneOutputLayer = c.pruneOutputLayer;
            pruningFrequency = c.pruningFrequency;
            learningRate = c.learningRate;
            finalLearningRate = c.finalLearningRate;
            gradientClipNorm = c.gradientClipNorm;
            validationFraction = c.validationFraction;
            partitions = c.partitions;
            threads = c.threads;
            simulation = c.simulation;
        }

        TrainerConfig build()
        {
            return new TrainerConfig(architecture, scheme, loss, weighting, batchSize, epochs, pruneBeginEpoch,
                pruneEndEpoch, targetSparsity, pruneOutputLayer, pruningFrequency, learningRate, finalLearningRate,
                gradientClipNorm, validationFraction, partitions, threads, simulation);
        }
    }
}
