package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic random pruned ReLU MLPs in one fixed-point type throughout (the seed talk's ap_fixed&lt;16,6&gt;),
 * for tests and benchmarks until a trained model exists.
 */
public final class RandomModelGenerator
{
    private RandomModelGenerator()
    {
    }

    /**
     * @param architecture layer widths, input first, e.g. {27, 35, 20, 25, 40, 20, 15, 1}.
     * @param sparsity     fraction of weights set to zero, in [0, 1).
     * @param type         type of weights, biases, accumulators and activations.
     * @param seed         the same seed always gives the same model.
     */
    public static ModelBundle generate(
        final int[] architecture, final double sparsity, final FixedPointType type, final long seed)
    {
        if (architecture.length < 2)
        {
            throw new IllegalArgumentException("architecture needs at least an input and an output width");
        }
        if (!(sparsity >= 0.0 && sparsity < 1.0))
        {
            throw new IllegalArgumentException("sparsity must be in [0, 1): " + sparsity);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Layer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < architecture.length; l++)
        {
            final int in = architecture[l];
            final int out = architecture[l + 1];
            if (in < 1 || out < 1)
            {
                throw new IllegalArgumentException("layer widths must be >= 1");
            }
            // Glorot-uniform limit, widened for the pruned fraction so activations keep their scale.
            final double limit = Math.sqrt(6.0 / (in + out)) / Math.sqrt(1.0 - sparsity);
            final long[] w = new long[in * out];
            for (int k = 0; k < w.length; k++)
            {
                w[k] = random.nextDouble() < sparsity ? 0 : type.fromDouble((random.nextDouble() * 2 - 1) * limit);
            }
            final long[] b = new long[out];
            for (int k = 0; k < out; k++)
            {
                b[k] = type.fromDouble((random.nextDouble() * 2 - 1) * 0.1);
            }
            layers.add(new DenseLayer("dense_" + (l + 1), in, out, type, w, type, b, type, type));
            if (l + 2 < architecture.length)
            {
                layers.add(new ReluLayer("relu_" + (l + 1), out, type));
            }
        }
        final int inSize = architecture[0];
        final int outSize = architecture[architecture.length - 1];
        final StringBuilder arch = new StringBuilder();
        for (int i = 0; i < architecture.length; i++)
        {
            arch.append(i == 0 ? "" : "-").append(architecture[i]);
        }
        return ModelBundle.of("random-" + arch + "-seed" + seed,
            "Random " + arch + " ReLU MLP, " + Math.round(sparsity * 100) + "% pruned, all " + type +
                ", seed " + seed + " (l1infer RandomModelGenerator; not trained)",
            new ModelInput(inSize, type, List.of()),
            new ModelOutput(outSize, type, List.of(), 1.0, ""),
            layers);
    }
}
