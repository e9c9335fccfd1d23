package io.l1infer.fpga.engine;

import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dense_compressed's order on the general path against {@link ReferenceEmulator}'s loops as the template writes
 * them, on seeded random models whose accumulators saturate mid-sum; the order visibly matters in many events.
 */
class CompressedDenseMatchesReferenceTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261202L);
    private static final int MODELS = 200;
    private static final int EVENTS = 40;

    @Test
    void randomOrdersWithSaturatingAccumulatorsAgree()
    {
        final SplittableRandom seeds = new SplittableRandom(SEED);
        int events = 0;
        int orderMatters = 0;
        for (int m = 0; m < MODELS; m++)
        {
            final long modelSeed = seeds.nextLong();
            final SplittableRandom r = new SplittableRandom(modelSeed);
            final ModelBundle model = CompressedOrderModels.withRandomOrders(CompressedOrderModels.random(r), r);
            final String context = "model seed " + modelSeed + " (run seed " + SEED + ")";
            final ReferenceEmulator reference = new ReferenceEmulator(model);
            final ReferenceEmulator latencyOrder = new ReferenceEmulator(CompressedOrderModels.withoutOrders(model));
            try (FixedPointEmulator engine = new FixedPointEmulator(model, EVENTS))
            {
                assertTrue(engine.description().contains("dense_compressed's summation order"),
                    context + ": " + engine.description());
                final long[][] inputs = new long[EVENTS][];
                for (int e = 0; e < EVENTS; e++)
                {
                    inputs[e] = input(r, model, e);
                    for (int i = 0; i < inputs[e].length; i++)
                    {
                        engine.buffers(0).putInputLong(e, i, inputs[e][i]);
                    }
                }
                engine.infer(0, EVENTS);
                for (int e = 0; e < EVENTS; e++)
                {
                    final long[] expected = reference.infer(inputs[e]);
                    final long[] actual = new long[expected.length];
                    for (int o = 0; o < actual.length; o++)
                    {
                        actual[o] = engine.buffers(0).getOutputLong(e, o);
                    }
                    assertArrayEquals(expected, actual, context + ", " + describe(model) + ", event " + e +
                        " inputs " + Arrays.toString(inputs[e]));
                    orderMatters += Arrays.equals(expected, latencyOrder.infer(inputs[e])) ? 0 : 1;
                    events++;
                }
            }
        }
        System.out.println("dense_compressed order: " + MODELS + " models, " + events + " events equal the " +
            "reference; dense_latency's order would differ in " + orderMatters + " (seed " + SEED + ")");
        assertTrue(orderMatters > events / 20, "the accumulators saturated mid-sum in " + orderMatters + " of " +
            events + " events (seed " + SEED + ")");
    }

    /** The first events at the input type's bounds, where sums saturate most, the rest at random. */
    private static long[] input(final SplittableRandom r, final ModelBundle model, final int event)
    {
        final long[] x = new long[model.input().size()];
        final long min = model.input().type().minRaw();
        final long max = model.input().type().maxRaw();
        for (int i = 0; i < x.length; i++)
        {
            x[i] = event < 4 ? ((event + i) % 2 == 0 ? max : min) : event < 8 ? (event % 2 == 0 ? max : min) :
                r.nextLong(min, max + 1);
        }
        return x;
    }

    private static String describe(final ModelBundle model)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Layer layer : model.layers())
        {
            sb.append(layer.name()).append(' ').append(layer.resultType());
            if (layer instanceof DenseLayer d)
            {
                sb.append(" accum_t ").append(d.accumType()).append(" reuse factor ")
                    .append(d.compressed().reuseFactor()).append(" entries ")
                    .append(Arrays.toString(d.compressed().entries()));
            }
            sb.append("; ");
        }
        return sb.toString();
    }
}
