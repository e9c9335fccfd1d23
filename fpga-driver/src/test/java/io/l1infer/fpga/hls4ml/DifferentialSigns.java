package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.SignActivationLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import io.l1infer.fpga.model.UnaryLutLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gives some dense layers of a random model ternary weights ({@code ap_int<2>}: -1, 0, +1; half of them without
 * zeros, so they can also be written as binary), which the writer then writes with hls4ml's
 * {@code weight_ternary} or {@code weight_binary} product, and turns some activations into binary_tanh or
 * ternary_tanh (same size and result type); drawn from a random of its own so the rest of each seed's model stays
 * as it was.
 */
final class DifferentialSigns
{
    private static final FixedPointType SIGN = FixedPointType.apInt(true, 2);

    private DifferentialSigns()
    {
    }

    static ModelBundle apply(final ModelBundle model, final SplittableRandom r, final Hls4mlProjectWriter.Style style)
    {
        return apply(model, r, 4, style);
    }

    /**
     * As {@link #apply(ModelBundle, SplittableRandom, Hls4mlProjectWriter.Style)}: one dense layer in {@code every},
     * one activation in twice as many (every one when {@code every} is 1), since a sign output hides what came before.
     */
    static ModelBundle apply(
        final ModelBundle model, final SplittableRandom r, final int every, final Hls4mlProjectWriter.Style style)
    {
        final TemplateGeneration generation = style == Hls4mlProjectWriter.Style.V1_3_0 ? TemplateGeneration.V1 :
            TemplateGeneration.V0_8;
        final List<Layer> layers = new ArrayList<>();
        boolean changed = false;
        for (final Layer layer : model.layers())
        {
            final FixedPointType before = layers.isEmpty() ? model.input().type() :
                layers.get(layers.size() - 1).resultType();
            if (layer instanceof DenseLayer d && r.nextInt(every) == 0)
            {
                final double zeros = r.nextBoolean() ? 0 : 0.3;
                final long[] w = new long[d.weights().length];
                for (int i = 0; i < w.length; i++)
                {
                    w[i] = r.nextDouble() < zeros ? 0 : r.nextBoolean() ? 1 : -1;
                }
                layers.add(new DenseLayer(d.name(), d.inputSize(), d.outputSize(), SIGN, w, d.biasType(), d.biases(),
                    d.accumType(), d.resultType()));
                changed = true;
            }
            else if (layer instanceof ElementwiseLayer a && generation == TemplateGeneration.V1 &&
                before.width() <= 10 && r.nextInt(every == 1 ? 3 : 4 * every) == 0)
            {
                final FixedPointType table = FixedPointType.parse("ap_fixed<12,4,AP_RND,AP_SAT>");
                final long[] t = new long[1 << before.width()];
                for (int i = 0; i < t.length; i++)
                {
                    t[i] = r.nextLong(table.minRaw(), table.maxRaw() + 1);
                }
                layers.add(new UnaryLutLayer(a.name(), a.size(), table, t, a.resultType()));
                changed = true;
            }
            else if (layer instanceof ElementwiseLayer a && r.nextInt(every == 1 ? 1 : 2 * every) == 0)
            {
                layers.add(new SignActivationLayer(a.name(), r.nextBoolean(), generation, a.size(), a.resultType()));
                changed = true;
            }
            else
            {
                layers.add(layer);
            }
        }
        return changed ? ModelBundle.of(model.name(), model.about(), model.input(), model.output(), layers) : model;
    }
}
