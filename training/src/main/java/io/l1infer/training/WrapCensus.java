package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts, layer by layer, the values a truncating model had to wrap on a set of inputs: an accumulator sum, a
 * batchnorm result or an activation whose exact value lies outside its type. A model meant for realistic inputs
 * should wrap nowhere (a wrap turns a large value into a wrong sign). Exact 64-bit arithmetic, AP_TRN types only.
 *
 * @param layerNames  the bundle's layer names.
 * @param values      values computed per layer (accumulators and results).
 * @param wrapped     values per layer whose exact value did not fit.
 */
public record WrapCensus(List<String> layerNames, long[] values, long[] wrapped)
{
    /**
     * @param inputs raw inputs, event-major, {@code count} rows of the model's input size.
     * @throws IllegalArgumentException for a layer type that is not AP_TRN.
     */
    public static WrapCensus count(final ModelBundle model, final int[] inputs, final int count)
    {
        final List<Layer> layers = model.layers();
        final List<String> names = new ArrayList<>();
        for (final Layer layer : layers)
        {
            names.add(layer.name());
            requireTruncating(layer);
        }
        // Layer records hand out copies: take them once.
        final long[][] first = new long[layers.size()][];
        final long[][] second = new long[layers.size()][];
        for (int l = 0; l < layers.size(); l++)
        {
            if (layers.get(l) instanceof DenseLayer d)
            {
                first[l] = d.weights();
                second[l] = d.biases();
            }
            else if (layers.get(l) instanceof BatchNormLayer bn)
            {
                first[l] = bn.scales();
                second[l] = bn.biases();
            }
        }
        final long[] values = new long[layers.size()];
        final long[] wrapped = new long[layers.size()];
        final int width = model.input().size();
        long[] x = new long[model.maxWidth()];
        long[] y = new long[model.maxWidth()];
        for (int e = 0; e < count; e++)
        {
            for (int k = 0; k < width; k++)
            {
                x[k] = inputs[e * width + k];
            }
            FixedPointType xType = model.input().type();
            for (int l = 0; l < layers.size(); l++)
            {
                final Layer layer = layers.get(l);
                final int out = layer.outputSize();
                if (layer instanceof DenseLayer d)
                {
                    final FixedPointType acc = d.accumType();
                    final int s = xType.fractionBits() + d.weightType().fractionBits() - acc.fractionBits();
                    final long[] w = first[l];
                    final long[] b = second[l];
                    for (int j = 0; j < out; j++)
                    {
                        final int biasShift = d.biasType().fractionBits() - acc.fractionBits();
                        long sum = acc.applyOverflow(floorShift(b[j], biasShift));
                        for (int i = 0; i < d.inputSize(); i++)
                        {
                            sum += floorShift(x[i] * w[i * out + j], s);
                        }
                        wrapped[l] += acc.containsRaw(sum) ? 0 : 1;
                        y[j] = convertCounting(acc.applyOverflow(sum), acc.fractionBits(), d.resultType(), wrapped, l);
                    }
                    values[l] += 2L * out;
                }
                else if (layer instanceof BatchNormLayer bn)
                {
                    final long[] scale = first[l];
                    final long[] bias = second[l];
                    final int pf = xType.fractionBits() + bn.scaleType().fractionBits();
                    final int common = Math.max(pf, bn.biasType().fractionBits());
                    for (int k = 0; k < out; k++)
                    {
                        final long exact = (x[k] * scale[k] << (common - pf)) +
                            ((long)bias[k] << (common - bn.biasType().fractionBits()));
                        y[k] = convertCounting(exact, common, bn.resultType(), wrapped, l);
                    }
                    values[l] += out;
                }
                else if (layer instanceof ReluLayer r)
                {
                    for (int k = 0; k < out; k++)
                    {
                        y[k] = x[k] > 0 ? convertCounting(x[k], xType.fractionBits(), r.resultType(), wrapped, l) : 0;
                    }
                    values[l] += out;
                }
                else
                {
                    final LinearLayer lin = (LinearLayer)layer;
                    for (int k = 0; k < out; k++)
                    {
                        y[k] = convertCounting(x[k], xType.fractionBits(), lin.resultType(), wrapped, l);
                    }
                    values[l] += out;
                }
                final long[] t = x;
                x = y;
                y = t;
                xType = layer.resultType();
            }
        }
        return new WrapCensus(List.copyOf(names), values, wrapped);
    }

    private static void requireTruncating(final Layer layer)
    {
        final List<FixedPointType> types = new ArrayList<>();
        types.add(layer.resultType());
        if (layer instanceof DenseLayer d)
        {
            types.add(d.accumType());
            types.add(d.biasType());
        }
        for (final FixedPointType t : types)
        {
            if (t.quantization() != Quantization.AP_TRN)
            {
                throw new IllegalArgumentException("wrap census: layer '" + layer.name() + "' has type " + t +
                    "; only AP_TRN types are supported");
            }
        }
    }

    private static long floorShift(final long value, final int shift)
    {
        if (shift >= 63)
        {
            return value < 0 ? -1 : 0;
        }
        return shift >= 0 ? value >> shift : value << -shift;
    }

    private static long convertCounting(
        final long value, final int fromFraction, final FixedPointType to, final long[] wrapped, final int layer)
    {
        final long q = floorShift(value, fromFraction - to.fractionBits());
        final long o = to.applyOverflow(q);
        if (o != q)
        {
            wrapped[layer]++;
        }
        return o;
    }

    /** Wrapped values over all layers. */
    public long totalWrapped()
    {
        long total = 0;
        for (final long w : wrapped)
        {
            total += w;
        }
        return total;
    }

    /** Values computed over all layers. */
    public long totalValues()
    {
        long total = 0;
        for (final long v : values)
        {
            total += v;
        }
        return total;
    }

    /** e.g. "0 of 4321000 values wrapped" or the layers that wrapped. */
    public String summary()
    {
        final StringBuilder sb = new StringBuilder().append(totalWrapped()).append(" of ").append(totalValues())
            .append(" values wrapped");
        for (int l = 0; l < wrapped.length; l++)
        {
            if (wrapped[l] > 0)
            {
                sb.append("; ").append(layerNames.get(l)).append(": ").append(wrapped[l]);
            }
        }
        return sb.toString();
    }
}
