package io.l1infer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Computes one mini-batch's gradient into the model: the batch is cut into a fixed number of partitions, each run
 * forward and backward by its own {@link QatPass} (on a worker thread or the caller's), and the partition sums are
 * added in partition order, so the result does not depend on how many threads there are.
 */
final class BatchGradient implements AutoCloseable
{
    private final QuantizedMlp model;
    private final TrainingSample train;
    private final RegressionLoss loss;
    /** Loss weight per training event. */
    private final double[] weight;
    private final int partitions;
    private final int threads;
    private final List<QatPass> passes = new ArrayList<>();
    private final List<double[]> outputGradients = new ArrayList<>();
    private final double[] partLoss;
    private final ExecutorService pool;
    private final int outputs;

    BatchGradient(final QuantizedMlp model, final TrainingSample train, final TrainerConfig config)
    {
        this.model = model;
        this.train = train;
        this.loss = config.loss();
        this.weight = config.weighting().weights(train);
        this.partitions = config.partitions();
        this.threads = config.threads();
        this.outputs = model.width(model.denseCount());
        final int capacity = (config.batchSize() + partitions - 1) / partitions;
        for (int p = 0; p < partitions; p++)
        {
            passes.add(new QatPass(model, capacity));
            outputGradients.add(new double[capacity * outputs]);
        }
        partLoss = new double[partitions];
        pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r ->
        {
            final Thread t = new Thread(r, "l1infer-training-worker");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Replace the model's gradients by those of the mean weighted loss over events
     * {@code order[from .. from+size-1]} (plus the range penalty), and return the summed weighted loss.
     */
    double compute(final int[] order, final int from, final int size)
    {
        final double inverseSize = 1.0 / size;
        final List<Future<?>> pending = new ArrayList<>();
        // Partitions p with p % threads != 0 go to the pool first; this thread computes the others meanwhile.
        for (int round = 0; round < 2; round++)
        {
            for (int p = 0; p < partitions; p++)
            {
                final boolean pooled = pool != null && p % threads != 0;
                if (pooled != (round == 0))
                {
                    continue;
                }
                final int part = p;
                final int partFrom = from + (int)((long)size * p / partitions);
                final int partTo = from + (int)((long)size * (p + 1) / partitions);
                final Runnable work = () -> partLoss[part] =
                    runPartition(part, order, partFrom, partTo - partFrom, inverseSize);
                if (pooled)
                {
                    pending.add(pool.submit(work));
                }
                else
                {
                    work.run();
                }
            }
        }
        await(pending);
        for (int l = 0; l < model.denseCount(); l++)
        {
            model.dense(l).clearGradients();
        }
        double sum = 0;
        for (int p = 0; p < partitions; p++)
        {
            passes.get(p).addGradientsTo(model);
            sum += partLoss[p];
        }
        return sum;
    }

    private double runPartition(
        final int part, final int[] order, final int from, final int size, final double inverseBatchSize)
    {
        final QatPass pass = passes.get(part);
        final double[] outputGradient = outputGradients.get(part);
        pass.clearGradients();
        if (size == 0)
        {
            return 0;
        }
        pass.forward(train.rawInputs(), order, from, size);
        double sum = 0;
        for (int b = 0; b < size; b++)
        {
            final int event = order[from + b];
            final double target = train.pt(event) / QuantizedMlp.OUTPUT_SCALE;
            final double w = weight[event];
            for (int k = 0; k < outputs; k++)
            {
                sum += w * loss.loss(pass.output(b, k), target);
                outputGradient[b * outputs + k] =
                    w * loss.gradient(pass.outputForGradient(b, k), target) * inverseBatchSize;
            }
        }
        pass.backward(outputGradient, Trainer.RANGE_PENALTY * inverseBatchSize);
        return sum;
    }

    private static void await(final List<Future<?>> pending)
    {
        for (final Future<?> f : pending)
        {
            try
            {
                f.get();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", ex);
            }
            catch (final ExecutionException ex)
            {
                throw new IllegalStateException("training worker failed: " + ex.getCause(), ex.getCause());
            }
        }
    }

    /** Values that wrapped in the training forward passes since the last call. */
    long takeWrapCount()
    {
        long wraps = 0;
        for (final QatPass pass : passes)
        {
            wraps += pass.takeWrapCount();
        }
        return wraps;
    }

    @Override
    public void close()
    {
        if (pool != null)
        {
            pool.shutdownNow();
        }
    }
}
