package io.l1infer.training;

import io.l1infer.muon.ToySimulationConfig;

/**
 * Everything that defines a training run apart from its seed and number of events.
 *
 * @param architecture       layer widths, input first.
 * @param scheme             the hls4ml types trained for and exported.
 * @param loss               the regression loss on pT / 200.
 * @param batchSize          events per Adam step.
 * @param epochs             passes over the training events.
 * @param pruneBeginEpoch    epoch at whose start magnitude pruning begins (0-based).
 * @param pruneEndEpoch      epoch at whose start the target sparsity is reached; later epochs fine-tune.
 * @param targetSparsity     fraction of every dense layer's weights pruned at the end.
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
    int batchSize,
    int epochs,
    int pruneBeginEpoch,
    int pruneEndEpoch,
    double targetSparsity,
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

    /** The settings of the shipped model (see training/README.md). */
    public static TrainerConfig talk()
    {
        return new TrainerConfig(TALK_ARCHITECTURE, QuantizationScheme.talk(), RegressionLoss.RELATIVE_MSE,
            256, 30, 6, 18, 0.75, 100, 2e-3, 5e-5, 1.0, 0.1, 2, 2, ToySimulationConfig.thesisLike());
    }

    public TrainerConfig
    {
        architecture = architecture.clone();
        if (scheme == null || loss == null || simulation == null)
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

    public TrainerConfig withEpochs(final int newEpochs, final int newPruneBegin, final int newPruneEnd)
    {
        return new TrainerConfig(architecture, scheme, loss, batchSize, newEpochs, newPruneBegin, newPruneEnd,
            targetSparsity, pruningFrequency, learningRate, finalLearningRate, gradientClipNorm, validationFraction, partitions, threads,
            simulation);
    }

    /** Pruning from the start of epoch {@code begin} to the start of {@code end}, the mask updated every
     * {@code frequency} steps. */
    public TrainerConfig withPruning(final int begin, final int end, final int frequency)
    {
        return new TrainerConfig(architecture, scheme, loss, batchSize, epochs, begin, end, targetSparsity, frequency,
            learningRate, finalLearningRate, gradientClipNorm, validationFraction, partitions, threads, simulation);
    }

    public TrainerConfig withLoss(final RegressionLoss newLoss)
    {
        return new TrainerConfig(architecture, scheme, newLoss, batchSize, epochs, pruneBeginEpoch, pruneEndEpoch,
            targetSparsity, pruningFrequency, learningRate, finalLearningRate, gradientClipNorm, validationFraction, partitions, threads,
            simulation);
    }

    public TrainerConfig withThreads(final int newThreads)
    {
        return new TrainerConfig(architecture, scheme, loss, batchSize, epochs, pruneBeginEpoch, pruneEndEpoch,
            targetSparsity, pruningFrequency, learningRate, finalLearningRate, gradientClipNorm, validationFraction, partitions,
            newThreads, simulation);
    }

    public TrainerConfig withArchitecture(final int[] newArchitecture)
    {
        return new TrainerConfig(newArchitecture, scheme, loss, batchSize, epochs, pruneBeginEpoch, pruneEndEpoch,
            targetSparsity, pruningFrequency, learningRate, finalLearningRate, gradientClipNorm, validationFraction, partitions, threads,
            simulation);
    }

    public TrainerConfig withGradientClipNorm(final double newLimit)
    {
        return new TrainerConfig(architecture, scheme, loss, batchSize, epochs, pruneBeginEpoch, pruneEndEpoch,
            targetSparsity, pruningFrequency, learningRate, finalLearningRate, newLimit, validationFraction,
            partitions, threads, simulation);
    }

    public TrainerConfig withBatchSize(final int newBatchSize)
    {
        return new TrainerConfig(architecture, scheme, loss, newBatchSize, epochs, pruneBeginEpoch, pruneEndEpoch,
            targetSparsity, pruningFrequency, learningRate, finalLearningRate, gradientClipNorm, validationFraction, partitions, threads,
            simulation);
    }

    public TrainerConfig withLearningRates(final double initial, final double last)
    {
        return new TrainerConfig(architecture, scheme, loss, batchSize, epochs, pruneBeginEpoch, pruneEndEpoch,
            targetSparsity, pruningFrequency, initial, last, gradientClipNorm, validationFraction, partitions, threads, simulation);
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
}
