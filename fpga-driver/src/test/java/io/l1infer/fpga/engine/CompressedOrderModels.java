package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.CompressedOrder;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random models for {@code dense_compressed} with accumulators whose order shows: saturating (every SAT mode),
 * AP_WRAP_SM or AP_WRAP with saturation bits, in every quantization mode, about as wide as one product, so that
 * partial sums of large weights of both signs saturate mid-sum and come back.
 */
public final class CompressedOrderModels
{
    private CompressedOrderModels()
    {
    }

    /** One or two dense layers (a ReLU between), plain {@link DenseLayer}s without an order. */
    public static ModelBundle random(final SplittableRandom r)
    {
        final boolean signedIn = r.nextInt(5) != 0;
        final int inF = r.nextInt(1, 7);
        final int inI = r.nextInt(1, 5);
        final FixedPointType inType = FixedPointType.of(signedIn, inF + inI, inI, Quantization.AP_TRN,
            Overflow.AP_WRAP);
        final int inSize = 2 + r.nextInt(11);
        final List<Layer> layers = new ArrayList<>();
        int size = inSize;
        FixedPointType in = inType;
        final int dense = 1 + r.nextInt(2);
        for (int d = 0; d < dense; d++)
        {
            final int out = 1 + r.nextInt(6);
            final int wI = r.nextInt(1, 4);
            final FixedPointType wt = FixedPointType.of(true, wI + r.nextInt(2, 7), wI, Quantization.AP_TRN,
                Overflow.AP_WRAP);
            final FixedPointType acc = accumulator(r, in.integerBits() + wI + r.nextInt(-2, 2),
                Math.max(0, in.fractionBits() + wt.fractionBits() - r.nextInt(0, 5)));
            final FixedPointType bt = FixedPointType.of(true, 8, Math.max(1, acc.integerBits() - 1),
                Quantization.AP_TRN, Overflow.AP_WRAP);
            final FixedPointType res = FixedPointType.of(true, acc.width() + 2, acc.integerBits() + 1,
                Quantization.values()[r.nextInt(Quantization.values().length)], Overflow.AP_WRAP);
            final long[] w = new long[size * out];
            final double zeros = r.nextDouble() * 0.5;
            for (int k = 0; k < w.length; k++)
            {
                // large magnitudes of both signs: sums run into the bounds and back
                final long big = r.nextBoolean() ? wt.maxRaw() - r.nextInt(4) : wt.minRaw() + r.nextInt(4);
                w[k] = r.nextDouble() < zeros ? 0 : r.nextBoolean() ? big : r.nextLong(wt.minRaw(), wt.maxRaw() + 1);
            }
            w[r.nextInt(w.length)] = wt.maxRaw();
            final long[] b = new long[out];
            for (int j = 0; j < out; j++)
            {
                b[j] = r.nextInt(3) == 0 ? 0 : r.nextLong(bt.minRaw(), bt.maxRaw() + 1);
            }
            layers.add(new DenseLayer("dense_" + d, size, out, wt, w, bt, b, acc, res));
            size = out;
            in = res;
            if (d + 1 < dense)
            {
                final FixedPointType relu = FixedPointType.of(false, Math.min(12, res.width()),
                    Math.min(res.integerBits(), 5), Quantization.AP_TRN, Overflow.AP_SAT);
                layers.add(new ReluLayer("relu_" + d, size, relu));
                in = relu;
            }
        }
        return ModelBundle.of("compressed-order", "", new ModelInput(inSize, inType, List.of()),
            new ModelOutput(size, in, List.of(), 1.0, ""), layers);
    }

    /** An accumulator with I integer and F fraction bits whose sums depend on their order. */
    static FixedPointType accumulator(final SplittableRandom r, final int integer, final int fraction)
    {
        final Quantization q = Quantization.values()[r.nextInt(Quantization.values().length)];
        final int width = Math.max(2, integer + fraction);
        final int i = width - fraction;
        final boolean signed = r.nextInt(6) != 0;
        return switch (r.nextInt(6))
        {
            case 0 -> FixedPointType.of(signed, width, i, q, Overflow.AP_SAT_ZERO);
            case 1 -> FixedPointType.of(signed, width, i, q, Overflow.AP_SAT_SYM);
            case 2 -> FixedPointType.of(true, width, i, q, Overflow.AP_WRAP_SM, r.nextInt(0, 3));
            case 3 -> FixedPointType.of(signed, width, i, q, Overflow.AP_WRAP, 1 + r.nextInt(Math.min(3, width)));
            default -> FixedPointType.of(signed, width, i, q, Overflow.AP_SAT);
        };
    }

    /**
     * {@code model} with each dense layer given a random dense_compressed order: its non-zeros in random order,
     * padded with zero positions to a multiple of a random reuse factor (a position may repeat only with weight 0).
     */
    public static ModelBundle withRandomOrders(final ModelBundle model, final SplittableRandom r)
    {
        final List<Layer> layers = new ArrayList<>();
        for (final Layer layer : model.layers())
        {
            if (layer instanceof DenseLayer d)
            {
                layers.add(new DenseLayer(d.name(), d.inputSize(), d.outputSize(), d.weightType(), d.weights(),
                    d.biasType(), d.biases(), d.accumType(), d.resultType(), randomOrder(d, r)));
            }
            else
            {
                layers.add(layer);
            }
        }
        return ModelBundle.of(model.name(), model.about(), model.input(), model.output(), layers);
    }

    private static CompressedOrder randomOrder(final DenseLayer d, final SplittableRandom r)
    {
        final long[] w = d.weights();
        final List<Integer> nonzero = new ArrayList<>();
        final List<Integer> zero = new ArrayList<>();
        for (int k = 0; k < w.length; k++)
        {
            (w[k] != 0 ? nonzero : zero).add(k);
        }
        int rf = 1 + r.nextInt(4);
        int pad = (rf - nonzero.size() % rf) % rf;
        if (pad > zero.size())
        {
            rf = 1;
            pad = 0;
        }
        shuffle(zero, r);
        final List<Integer> entries = new ArrayList<>(nonzero);
        entries.addAll(zero.subList(0, pad));
        shuffle(entries, r);
        return new CompressedOrder(rf, entries.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void shuffle(final List<Integer> list, final SplittableRandom r)
    {
        for (int k = list.size() - 1; k > 0; k--)
        {
            final int other = r.nextInt(k + 1);
            final Integer t = list.get(k);
            list.set(k, list.get(other));
            list.set(other, t);
        }
    }

    /** {@code model} with every dense layer's order removed: dense_latency's order. */
    public static ModelBundle withoutOrders(final ModelBundle model)
    {
        final List<Layer> layers = new ArrayList<>();
        for (final Layer layer : model.layers())
        {
            layers.add(layer instanceof DenseLayer d ? new DenseLayer(d.name(), d.inputSize(), d.outputSize(),
                d.weightType(), d.weights(), d.biasType(), d.biases(), d.accumType(), d.resultType()) : layer);
        }
        return ModelBundle.of(model.name(), model.about(), model.input(), model.output(), layers);
    }
}
