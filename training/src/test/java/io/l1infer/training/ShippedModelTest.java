package io.l1infer.training;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.engine.ReferenceEmulator;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToySimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped trained bundle models/muon-pt-talk: it loads, declares the 27 muon features (so the daemon feeds it
 * MuonSegments), is pruned, runs on the engine's SIMD path, the engine is bit-exact with the reference emulator
 * on simulated muons, nothing wraps, and it still beats the lookup table in every pT bin on fresh muons.
 */
class ShippedModelTest
{
    private static final long SEED = 8675309L;
    private static ModelBundle model;
    private static TrainingSample muons;

    @BeforeAll
    static void load()
    {
        model = ModelBundle.load(ProjectRoot.talkModel());
        muons = TrainingSample.simulate(ToySimulationConfig.thesisLike(), SEED, 2000, model.input().type());
    }

    @Test
    void declaresTheMuonFeaturesAndIsPruned()
    {
        assertEquals("muon-pt-talk", model.name());
        assertEquals(MuonFeatures.NAMES, model.input().features());
        assertEquals(200.0, model.output().scale());
        int dense = 0;
        final int last = TrainerConfig.TALK_ARCHITECTURE.length - 2;
        for (final Layer layer : model.layers())
        {
            if (layer instanceof DenseLayer d)
            {
                assertEquals(TrainerConfig.TALK_ARCHITECTURE[dense], d.inputSize());
                assertEquals(TrainerConfig.TALK_ARCHITECTURE[dense + 1], d.outputSize());
                int zeros = 0;
                for (final long w : d.weights())
                {
                    zeros += w == 0 ? 1 : 0;
                }
                if (dense < last)
                {
                    assertTrue(zeros >= Math.round(TrainerConfig.TALK_SPARSITY * d.weights().length),
                        d.name() + ": " + zeros + " zero weights of " + d.weights().length);
                }
                dense++;
            }
        }
        assertEquals(TrainerConfig.TALK_ARCHITECTURE.length - 1, dense);
    }

    @Test
    void engineIsBitExactWithTheReferenceOnSimulatedMuonsAtEveryBatchSize()
    {
        final ReferenceEmulator reference = new ReferenceEmulator(model);
        final int width = model.input().size();
        final int n = 300;
        final int[][] expected = new int[n][];
        for (int e = 0; e < n; e++)
        {
            final int[] in = new int[width];
            System.arraycopy(muons.rawInputs(), e * width, in, 0, width);
            expected[e] = reference.infer(in);
        }
        for (final boolean vector : new boolean[] {true, false})
        {
            try (FixedPointEmulator engine = new FixedPointEmulator(model, n, vector))
            {
                if (vector)
                {
                    assertTrue(engine.description().contains("SIMD"), "fast path: " + engine.description());
                }
                final BatchBuffers buffers = engine.buffers(0);
                for (final int batch : new int[] {1, 2, 3, 64, 65, 300})
                {
                    for (int from = 0; from < n; from += batch)
                    {
                        final int size = Math.min(batch, n - from);
                        for (int b = 0; b < size; b++)
                        {
                            for (int k = 0; k < width; k++)
                            {
                                buffers.putInput(b, k, muons.rawInputs()[(from + b) * width + k]);
                            }
                        }
                        engine.launch(0, size);
                        engine.await(0);
                        for (int b = 0; b < size; b++)
                        {
                            assertEquals(expected[from + b][0], buffers.getOutput(b, 0), "event " + (from + b) +
                                ", batch " + batch + ", vector " + vector + " (seed " + SEED + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void nothingWrapsOnSimulatedMuons()
    {
        final WrapCensus census = WrapCensus.count(model, muons.rawInputs(), muons.count());
        assertEquals(0, census.totalWrapped(), census.summary() + " (seed " + SEED + ")");
    }

    @Test
    void beatsTheLookupTableInEveryBin()
    {
        final ToySimulationConfig config = ToySimulationConfig.thesisLike();
        final PtLut lut = PtLutBuilder.simulate(config, PtLutBuilder.defaultSeedFor(SEED), 100_000);
        final EvaluationResult result = Evaluation.run(model, lut, config, SEED + 1, 30_000);
        assertEquals(PtBins.count(), result.resolution().size());
        for (final BinResolution bin : result.resolution())
        {
            assertTrue(bin.ml().sigma() < bin.lut().sigma(), bin.line() + " (seeds " + SEED + ", " + (SEED + 1) + ")");
        }
    }
}
