package io.l1infer.bench.jmh;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.RandomModelGenerator;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's seeded models of shapes the real data does not fit (a jet tagger, a wide-input regression) and
 * the seeded inputs they run on.
 */
final class SyntheticModels
{
    static final int[] TAGGER_ARCHITECTURE = {16, 64, 32, 32, 5};
    static final int[] WIDE_ARCHITECTURE = {252, 15, 1};
    static final double SPARSITY = 0.75;
    static final long SEED = 1;
    /** Seeded inputs per model: as many events as the real data has, so batches walk the same way. */
    static final int EVENTS = 14_248;
    static final double INPUT_RANGE = 2.0;

    private static final FixedPointType AP_FIXED_16_6 = FixedPointType.apFixed(16, 6);
    /** The thesis firmware's weight, bias and ReLU type. */
    private static final FixedPointType AP_FIXED_17_2 = FixedPointType.apFixed(17, 2);
    /** hls4ml 1.x's default {@code exp_table_t} and {@code inv_table_t} for softmax, 1024 entries each. */
    private static final ActivationTable SOFTMAX_TABLE =
        new ActivationTable(FixedPointType.parse("ap_fixed<18,8,AP_RND,AP_SAT>"), 1024);

    private SyntheticModels()
    {
    }

    /**
     * hls4ml's jet-tagging shape: dense + ReLU in ap_fixed&lt;16,6&gt; (RandomModelGenerator, 75% pruned) and a
     * final stable softmax as hls4ml 1.x writes it (1024-entry tables, accumulator, inverse input and result in
     * ap_fixed&lt;16,6&gt;).
     */
    static ModelBundle tagger()
    {
        final ModelBundle mlp = RandomModelGenerator.generate(TAGGER_ARCHITECTURE, SPARSITY, AP_FIXED_16_6, SEED);
        final int classes = TAGGER_ARCHITECTURE[TAGGER_ARCHITECTURE.length - 1];
        final List<Layer> layers = new ArrayList<>(mlp.layers());
        layers.add(new SoftmaxLayer("softmax", classes, SoftmaxImplementation.STABLE, TemplateGeneration.V1,
            SOFTMAX_TABLE, SOFTMAX_TABLE, AP_FIXED_16_6, AP_FIXED_16_6, AP_FIXED_16_6, 1.0f,
            SoftmaxLayer.ACTIV_CONFIG_TABLE_T, 1, 1, AP_FIXED_16_6));
        return ModelBundle.of(BenchmarkModels.TAGGER + "-seed" + SEED,
            "Random 16-64-32-32-5 ReLU MLP, 75% pruned, ap_fixed<16,6>, hls4ml 1.x stable softmax, seed " + SEED +
                " (l1infer bench; not trained)",
            new ModelInput(TAGGER_ARCHITECTURE[0], AP_FIXED_16_6, List.of()),
            new ModelOutput(classes, AP_FIXED_16_6, List.of(), 1.0, ""),
            layers);
    }

    /**
     * A 252-15-1 ReLU regression in the thesis firmware's types: ap_fixed&lt;16,6&gt; in, weights and biases
     * ap_fixed&lt;17,2&gt;, accumulators and dense results ap_fixed&lt;16,6&gt;, ReLU ap_fixed&lt;17,2&gt;.
     */
    static ModelBundle wide()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final int in = WIDE_ARCHITECTURE[0];
        final int hidden = WIDE_ARCHITECTURE[1];
        final int out = WIDE_ARCHITECTURE[2];
        final List<Layer> layers = List.of(
            dense("dense_1", in, hidden, random),
            new ReluLayer("relu_1", hidden, AP_FIXED_17_2),
            dense("dense_2", hidden, out, random));
        return ModelBundle.of(BenchmarkModels.WIDE + "-seed" + SEED,
            "Random 252-15-1 ReLU MLP, 75% pruned, thesis types, seed " + SEED + " (l1infer bench; not trained)",
            new ModelInput(in, AP_FIXED_16_6, List.of()),
            new ModelOutput(out, AP_FIXED_16_6, List.of(), 1.0, ""),
            layers);
    }

    /** {@value #EVENTS} events of {@code width} values uniform in [-{@value #INPUT_RANGE}, {@value #INPUT_RANGE}). */
    static double[][] inputs(final int width, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[][] events = new double[EVENTS][width];
        for (final double[] event : events)
        {
            for (int f = 0; f < width; f++)
            {
                event[f] = (random.nextDouble() * 2 - 1) * INPUT_RANGE;
            }
        }
        return events;
    }

    private static DenseLayer dense(final String name, final int in, final int out, final SplittableRandom random)
    {
        // The generator's Glorot-uniform limit, widened for the pruned fraction.
        final double limit = Math.sqrt(6.0 / (in + out)) / Math.sqrt(1.0 - SPARSITY);
        final long[] w = new long[in * out];
        for (int k = 0; k < w.length; k++)
        {
            w[k] = random.nextDouble() < SPARSITY ? 0 :
                AP_FIXED_17_2.fromDouble((random.nextDouble() * 2 - 1) * limit);
        }
        final long[] b = new long[out];
        for (int k = 0; k < out; k++)
        {
            b[k] = AP_FIXED_17_2.fromDouble((random.nextDouble() * 2 - 1) * 0.1);
        }
        return new DenseLayer(name, in, out, AP_FIXED_17_2, w, AP_FIXED_17_2, b, AP_FIXED_16_6, AP_FIXED_16_6);
    }
}
