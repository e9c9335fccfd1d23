package io.l1infer.training;

import io.l1infer.fpga.model.ModelBundle;

import java.util.SplittableRandom;

/**
 * Trains the muon pT MLP on simulated muons: quantization-aware (the forward pass is the engine's integer
 * arithmetic, gradients pass straight through), Adam with cosine learning-rate decay, magnitude pruning on a
 * polynomial schedule followed by fine-tuning, and finally a bit-exactness check of the exported bundle against the
 * engine on the validation events.
 *
 * <p>Deterministic for a seed: one {@link SplittableRandom} seeds the simulation, the initial weights and the
 * shuffles; every mini-batch is cut into a fixed number of partitions whose gradient sums are added in partition
 * order ({@link BatchGradient}), so the result is the same with one thread or several.
 *
 * <p>Guard rails, because a ReLU network that blows up or dies does not come back: gradient-norm clipping, the range
 * penalty of {@link QatPass}, and a rollback: an epoch whose validation loss is more than
 * {@link #DIVERGENCE_FACTOR} times the previous epoch's (or not a number) is undone (weights, masks, Adam state)
 * and the learning rate halved for the rest of the run. Collapses seen while developing this were jumps of 30 to
 * 1000 times; gradual pruning moves the loss by percents.
 */
public final class Trainer
{
    /** Strength of {@link QatPass}'s range penalty per event, against losses of order 0.01-1 per event. */
    static final double RANGE_PENALTY = 1.0;
    /** An epoch whose validation loss exceeds this many times the previous epoch's is undone. */
    static final double DIVERGENCE_FACTOR = 4.0;
    /** Undone epochs allowed before training gives up. */
    static final int MAX_ROLLBACKS = 5;
    private static final int VALIDATION_BATCH = 1024;

    private final TrainerConfig config;
    private final TrainingProgress progress;

    public Trainer(final TrainerConfig config, final TrainingProgress progress)
    {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Simulate {@code events} muons with {@code seed}, train on (1 - validation fraction) of them, export.
     *
     * @throws IllegalStateException if the exported bundle and the trainer's forward pass disagree on any
     *                               validation event (they must be bit-exact).
     */
    public TrainingResult train(final int events, final long seed, final String name)
    {
        final SplittableRandom master = new SplittableRandom(seed);
        final long simulationSeed = master.nextLong();
        final SplittableRandom initRandom = master.split();
        final SplittableRandom shuffleRandom = master.split();

        final long simStart = System.nanoTime();
        final TrainingSample all =
            TrainingSample.simulate(config.simulation(), simulationSeed, events, config.scheme().input());
        final double simulationSeconds = (System.nanoTime() - simStart) * 1e-9;
        final int validationCount = Math.max(1, (int)Math.round(events * config.validationFraction()));
        if (events - validationCount < 1)
        {
            throw new IllegalArgumentException("too few events to train: " + events);
        }
        final TrainingSample train = all.slice(0, events - validationCount);
        final TrainingSample validation = all.slice(events - validationCount, events);
        progress.note(String.format(java.util.Locale.ROOT,
            "simulated %d muons (seed %d -> simulation seed %d) in %.1f s: %d train, %d validation",
            events, seed, simulationSeed, simulationSeconds, train.count(), validation.count()));

        final long start = System.nanoTime();
        final InputScaling scaling =
            InputScaling.fit(config.scheme(), train.rawInputs(), train.count(), train.width());
        final QuantizedMlp model = new QuantizedMlp(config.scheme(), config.architecture(), scaling);
        double meanTarget = 0;
        for (int e = 0; e < train.count(); e++)
        {
            meanTarget += train.pt(e) / QuantizedMlp.OUTPUT_SCALE;
        }
        model.initialise(initRandom, meanTarget / train.count());

        final EpochReport last = runEpochs(model, train, validation, shuffleRandom, start);

        final ModelBundle bundle = model.toBundle(name, about(events, seed));
        final EngineAgreement agreement = EngineAgreement.check(model, bundle, validation);
        if (!agreement.bitExact())
        {
            throw new IllegalStateException("trained model is not bit-exact with the engine: " +
                agreement.mismatches() + " of " + agreement.events() + " validation events differ; first: " +
                agreement.firstMismatch());
        }
        final WrapCensus wraps = WrapCensus.count(bundle, validation.rawInputs(), validation.count());
        final double trainingSeconds = (System.nanoTime() - start) * 1e-9;
        progress.note("engine check: " + agreement.events() + " validation events bit-exact with " +
            agreement.engineDescription());
        progress.note("wrap census on validation events: " + wraps.summary());
        return new TrainingResult(bundle, model, validation, agreement, wraps, last, simulationSeconds,
            trainingSeconds);
    }

    private String about(final int events, final long seed)
    {
        return "CMS barrel muon pT regression MLP " + config.architectureText() + " (ReLU, linear output pT/200), " +
            "trained by l1infer-training on " + events + " toy-simulated muons, seed " + seed + ": " +
            "quantization-aware in the exported types, " + config.loss() + " loss with " + config.weighting() +
            " event weights, Adam, " + config.epochs() + " epochs, hidden dense layers magnitude-pruned to " +
            Math.round(config.targetSparsity() * 100) + "%" + (config.pruneOutputLayer() ? " (output layer too)" : "") +
            ". Inputs scaled by a fixed power-of-two batchnorm.";
    }

    private EpochReport runEpochs(
        final QuantizedMlp model, final TrainingSample train, final TrainingSample validation,
        final SplittableRandom shuffleRandom, final long start)
    {
        final int n = train.count();
        final int batchSize = config.batchSize();
        final int stepsPerEpoch = (n + batchSize - 1) / batchSize;
        final long totalSteps = (long)stepsPerEpoch * config.epochs();
        final long warmupSteps = Math.min(stepsPerEpoch, totalSteps / 10);
        final PruningSchedule schedule = new PruningSchedule(config.targetSparsity(),
            (long)config.pruneBeginEpoch() * stepsPerEpoch, (long)config.pruneEndEpoch() * stepsPerEpoch,
            config.pruningFrequency());
        final AdamOptimizer adam = AdamOptimizer.kerasDefaults();
        final QatPass validationPass = new QatPass(model, VALIDATION_BATCH);
        final int[] order = new int[n];
        for (int e = 0; e < n; e++)
        {
            order[e] = e;
        }
        try (BatchGradient gradient = new BatchGradient(model, train, config))
        {
            EpochReport report = null;
            Checkpoint good = Checkpoint.of(model, 0);
            double previousValidationLoss = Double.POSITIVE_INFINITY;
            double rateFactor = 1.0;
            int rollbacks = 0;
            long step = 0;
            for (int epoch = 0; epoch < config.epochs(); epoch++)
            {
                shuffle(order, shuffleRandom);
                double epochLoss = 0;
                int clipped = 0;
                double rate = 0;
                for (int from = 0; from < n; from += batchSize, step++)
                {
                    rate = rateFactor * learningRate(step, totalSteps, warmupSteps);
                    epochLoss += gradient.compute(order, from, Math.min(batchSize, n - from));
                    clipped += clipGradientNorm(model, config.gradientClipNorm()) ? 1 : 0;
                    adam.update(model, rate);
                    if (schedule.prunesAt(step))
                    {
                        MagnitudePruner.prune(model, schedule.sparsityAt(step), config.pruneOutputLayer());
                    }
                }
                final double[] validationResult = validate(model, validation, validationPass);
                report = new EpochReport(epoch + 1, config.epochs(), phase(epoch), epochLoss / n,
                    validationResult[0], validationResult[1], model.sparsity(), rate, (double)clipped / stepsPerEpoch,
                    gradient.takeWrapCount(), (System.nanoTime() - start) * 1e-9);
                progress.epoch(report);
                if (!(validationResult[0] <= DIVERGENCE_FACTOR * previousValidationLoss))
                {
                    if (++rollbacks > MAX_ROLLBACKS)
                    {
                        throw new IllegalStateException("training diverged " + rollbacks + " times; last at epoch " +
                            (epoch + 1) + " with validation loss " + validationResult[0] + " after " +
                            previousValidationLoss);
                    }
                    good.restore(model);
                    adam.resetSteps(good.adamSteps());
                    step = good.adamSteps();
                    rateFactor *= 0.5;
                    progress.note(String.format(java.util.Locale.ROOT,
                        "epoch %d diverged (val_loss %.5f after %.5f): back to the end of epoch %d, learning rate " +
                            "halved", epoch + 1, validationResult[0], previousValidationLoss, epoch));
                    epoch--;
                    continue;
                }
                previousValidationLoss = validationResult[0];
                good = Checkpoint.of(model, adam.steps());
            }
            return report;
        }
    }

    /**
     * Scale all gradients down so that their joint L2 norm is at most {@code limit} (Keras' {@code clipnorm} over
     * the whole model): one batch of badly mispredicted muons cannot throw the weights out of range, which in a
     * wrapping fixed-point network would be hard to recover from.
     */
    static boolean clipGradientNorm(final QuantizedMlp model, final double limit)
    {
        double sumSq = 0;
        for (int l = 0; l < model.denseCount(); l++)
        {
            final DenseParameters d = model.dense(l);
            for (final double g : d.weightGradient)
            {
                sumSq += g * g;
            }
            for (final double g : d.biasGradient)
            {
                sumSq += g * g;
            }
        }
        final double norm = Math.sqrt(sumSq);
        if (!(norm > limit))
        {
            return false;
        }
        final double f = limit / norm;
        for (int l = 0; l < model.denseCount(); l++)
        {
            final DenseParameters d = model.dense(l);
            for (int k = 0; k < d.weightGradient.length; k++)
            {
                d.weightGradient[k] *= f;
            }
            for (int j = 0; j < d.biasGradient.length; j++)
            {
                d.biasGradient[j] *= f;
            }
        }
        return true;
    }

    /** Mean validation loss and the core sigma of the relative pT residual. */
    private double[] validate(final QuantizedMlp model, final TrainingSample validation, final QatPass pass)
    {
        final int n = validation.count();
        final int[] order = new int[n];
        for (int e = 0; e < n; e++)
        {
            order[e] = e;
        }
        final double[] residual = new double[n];
        double sum = 0;
        for (int from = 0; from < n; from += pass.capacity())
        {
            final int size = Math.min(pass.capacity(), n - from);
            pass.forward(validation.rawInputs(), order, from, size);
            for (int b = 0; b < size; b++)
            {
                final double target = validation.pt(from + b) / QuantizedMlp.OUTPUT_SCALE;
                final double y = pass.output(b, 0);
                sum += config.loss().loss(y, target);
                residual[from + b] = (y - target) / target;
            }
        }
        pass.takeWrapCount(); // the epoch report counts training wraps; the final census covers validation
        final double sigma = n >= 2 ? RobustSigma.of(residual, n).sigma() : Double.NaN;
        return new double[] {sum / n, sigma};
    }

    private String phase(final int epoch)
    {
        if (epoch < config.pruneBeginEpoch() || config.targetSparsity() == 0)
        {
            return "dense";
        }
        return epoch < config.pruneEndEpoch() ? "pruning" : "fine-tune";
    }

    /**
     * Linear warm-up from the final to the initial learning rate over the first {@code warmupSteps}, then cosine
     * decay back to the final rate at the last step.
     */
    private double learningRate(final long step, final long totalSteps, final long warmupSteps)
    {
        final double lo = config.finalLearningRate();
        final double hi = config.learningRate();
        if (step < warmupSteps)
        {
            return lo + (hi - lo) * step / warmupSteps;
        }
        final long span = totalSteps - warmupSteps;
        final double progressFraction = span <= 1 ? 1.0 : (double)(step - warmupSteps) / (span - 1);
        final double cosine = 0.5 * (1.0 + StrictMath.cos(Math.PI * progressFraction));
        return lo + (hi - lo) * cosine;
    }

    /** Fisher-Yates. */
    private static void shuffle(final int[] order, final SplittableRandom random)
    {
        for (int i = order.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
