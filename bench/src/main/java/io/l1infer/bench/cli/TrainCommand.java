package io.l1infer.bench.cli;

import io.l1infer.fpga.model.ModelBundleWriter;
import io.l1infer.training.EpochReport;
import io.l1infer.training.RegressionLoss;
import io.l1infer.training.Trainer;
import io.l1infer.training.TrainerConfig;
import io.l1infer.training.TrainingProgress;
import io.l1infer.training.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train}: simulate muons, train the quantized, pruned pT MLP and write its bundle (training module). */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the muon pT MLP (QAT + pruning) on toy-simulated muons and write a model bundle.")
final class TrainCommand implements Callable<Integer>
{
    @Option(names = "--events", defaultValue = "300000",
        description = "Simulated muons, 10% of them held out for validation (default: ${DEFAULT-VALUE}).")
    int events;

    @Mixin
    SeededBundleOptions bundle;

    @Option(names = "--epochs", description = "Epochs (default: the shipped model's); pruning spans the same " +
        "fractions of them.")
    Integer epochs;

    @Option(names = "--loss", description = "LOG_MSE, RELATIVE_MSE or SCALED_MSE (default: the shipped model's).")
    RegressionLoss loss;

    @Option(names = "--sparsity", description = "Fraction of every hidden dense layer's weights pruned " +
        "(default: the shipped model's; the seed pruned 0.75).")
    Double sparsity;

    @Option(names = "--threads", defaultValue = "2",
        description = "Threads (1 or 2); the result does not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--name", defaultValue = "muon-pt-talk", description = "Model name (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call()
    {
        TrainerConfig config = TrainerConfig.talk().withThreads(threads);
        if (epochs != null)
        {
            final TrainerConfig base = config;
            config = config.withEpochs(epochs, base.pruneBeginEpoch() * epochs / base.epochs(),
                base.pruneEndEpoch() * epochs / base.epochs());
        }
        if (loss != null)
        {
            config = config.withLoss(loss);
        }
        if (sparsity != null)
        {
            config = config.withTargetSparsity(sparsity);
        }
        System.out.println("training " + config.architectureText() + ", " + config.loss() + " loss, " +
            config.weighting() + " weights, " + config.epochs() + " epochs, hidden layers pruned to " +
            config.targetSparsity() + ", " + events + " muons, seed " + bundle.seed);
        final TrainingResult result = new Trainer(config, new TrainingProgress()
        {
            @Override
            public void note(final String message)
            {
                System.out.println(message);
            }

            @Override
            public void epoch(final EpochReport report)
            {
                System.out.println(report.line());
            }
        }).train(events, bundle.seed, name);
        ModelBundleWriter.write(result.bundle(), bundle.out);
        System.out.printf(Locale.ROOT, "simulation %.1f s, training %.1f s; sparsity %.3f; wrote %s to %s%n",
            result.simulationSeconds(), result.trainingSeconds(), result.model().sparsity(), result.bundle(),
            bundle.out);
        return 0;
    }
}
