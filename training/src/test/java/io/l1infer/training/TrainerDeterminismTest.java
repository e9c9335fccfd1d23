package io.l1infer.training;

import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny training run is deterministic per seed, independent of the thread count, bit-exact with the engine. */
class TrainerDeterminismTest
{
    private static final int EVENTS = 3000;
    private static final long SEED = 424242L;

    private static TrainerConfig tiny(final int threads)
    {
        return TrainerConfig.talk().withArchitecture(new int[] {27, 12, 8, 1}).withEpochs(4, 1, 3)
            .withPruning(1, 3, 10).withBatchSize(64).withThreads(threads);
    }

    @Test
    void sameSeedSameBundleWithOneOrTwoThreads()
    {
        final List<EpochReport> progress = new ArrayList<>();
        final TrainingResult first = new Trainer(tiny(1), new TrainingProgress()
        {
            @Override
            public void note(final String message)
            {
            }

            @Override
            public void epoch(final EpochReport report)
            {
                progress.add(report);
            }
        }).train(EVENTS, SEED, "tiny");
        final TrainingResult second = new Trainer(tiny(2), TrainingProgress.SILENT).train(EVENTS, SEED, "tiny");

        assertEquals(4, progress.size(), "one progress report per epoch");
        assertEquals("dense", progress.get(0).phase());
        assertEquals("pruning", progress.get(1).phase());
        assertEquals("fine-tune", progress.get(3).phase());
        assertTrue(progress.get(3).sparsity() > 0.9 * tiny(1).targetSparsity(), "sparsity " + progress.get(3));
        assertSameWeights(first.bundle(), second.bundle(), "seed " + SEED + ", 1 vs 2 threads");
        assertTrue(first.agreement().bitExact(), "trainer forward pass equals the engine: " + first.agreement());
        assertEquals(EVENTS / 10, first.agreement().events());
        assertEquals(first.bundle().toString(), second.bundle().toString());
        // Every hidden dense layer pruned to the target (weights quantizing to zero come on top); the output
        // layer is not pruned.
        final double target = tiny(1).targetSparsity();
        final List<DenseLayer> dense = new ArrayList<>();
        for (final Layer layer : first.bundle().layers())
        {
            if (layer instanceof DenseLayer d)
            {
                dense.add(d);
            }
        }
        for (int l = 0; l < dense.size(); l++)
        {
            final DenseLayer d = dense.get(l);
            int zeros = 0;
            for (final long w : d.weights())
            {
                zeros += w == 0 ? 1 : 0;
            }
            if (l + 1 < dense.size())
            {
                assertTrue(zeros >= Math.round(target * d.weights().length),
                    d.name() + " has " + zeros + " zero weights of " + d.weights().length + " (seed " + SEED + ")");
            }
            else
            {
                assertTrue(zeros < d.weights().length / 2, d.name() + " (output) is not pruned: " + zeros + " zeros");
            }
        }
    }

    @Test
    void anotherSeedAnotherBundle()
    {
        final TrainingResult a = new Trainer(tiny(2), TrainingProgress.SILENT).train(EVENTS, SEED, "tiny");
        final TrainingResult b = new Trainer(tiny(2), TrainingProgress.SILENT).train(EVENTS, SEED + 1, "tiny");
        final DenseLayer da = (DenseLayer)a.bundle().layers().get(1);
        final DenseLayer db = (DenseLayer)b.bundle().layers().get(1);
        assertFalse(java.util.Arrays.equals(da.weights(), db.weights()), "seeds " + SEED + " and " + (SEED + 1));
    }

    static void assertSameWeights(final ModelBundle a, final ModelBundle b, final String what)
    {
        assertEquals(a.layers().size(), b.layers().size(), what);
        for (int l = 0; l < a.layers().size(); l++)
        {
            final Layer la = a.layers().get(l);
            final Layer lb = b.layers().get(l);
            assertEquals(la.name(), lb.name(), what);
            if (la instanceof DenseLayer da)
            {
                final DenseLayer db = (DenseLayer)lb;
                assertArrayEquals(da.weights(), db.weights(), what + ": " + da.name() + " weights");
                assertArrayEquals(da.biases(), db.biases(), what + ": " + da.name() + " biases");
            }
        }
    }
}
