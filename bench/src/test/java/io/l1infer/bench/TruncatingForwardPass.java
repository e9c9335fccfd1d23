package io.l1infer.bench;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;

/**
 * hls4ml's layer arithmetic in double with AP_TRN flooring at every conversion but no overflow handling, noting
 * whether any converted value left its type's range: it separates the effect of truncation from that of
 * wrap-around. Exact only for models whose products fit a double's 53 bits (the thesis model's do) and AP_TRN types.
 */
public final class TruncatingForwardPass
{
    private final ModelBundle model;

    /** Outputs of one event, and whether some value overflowed (where the real model would wrap or saturate). */
    public record Outcome(double[] outputs, boolean outOfRange)
    {
    }

    public TruncatingForwardPass(final ModelBundle model)
    {
        this.model = model;
        for (final Layer layer : model.layers())
        {
            if (layer.resultType().quantization() != Quantization.AP_TRN)
            {
                throw new IllegalArgumentException(layer.name() + ": only AP_TRN types are modelled");
            }
        }
    }

    public Outcome apply(final double[] input)
    {
        double[] x = input.clone();
        boolean outOfRange = false;
        for (final Layer layer : model.layers())
        {
            if (layer instanceof DenseLayer d)
            {
                final double[] y = new double[d.outputSize()];
                for (int j = 0; j < y.length; j++)
                {
                    // Partial sums wrap modulo 2^W in hls4ml, which cancels out if the final sum is in range.
                    double acc = floor(d.biasType().toDouble(d.biases()[j]), d.accumType());
                    for (int i = 0; i < d.inputSize(); i++)
                    {
                        acc += floor(x[i] * d.weightType().toDouble(d.weight(i, j)), d.accumType());
                    }
                    outOfRange |= !inRange(acc, d.accumType());
                    y[j] = floor(acc, d.resultType());
                    outOfRange |= !inRange(y[j], d.resultType());
                }
                x = y;
            }
            else if (layer instanceof BatchNormLayer bn)
            {
                final long[] scales = bn.scales();
                final long[] biases = bn.biases();
                for (int k = 0; k < x.length; k++)
                {
                    x[k] = floor(x[k] * bn.scaleType().toDouble(scales[k]) + bn.biasType().toDouble(biases[k]),
                        bn.resultType());
                    outOfRange |= !inRange(x[k], bn.resultType());
                }
            }
            else if (layer instanceof ReluLayer r)
            {
                for (int k = 0; k < x.length; k++)
                {
                    x[k] = x[k] > 0 ? floor(x[k], r.resultType()) : 0.0;
                    outOfRange |= !inRange(x[k], r.resultType());
                }
            }
            else if (layer instanceof LinearLayer l)
            {
                for (int k = 0; k < x.length; k++)
                {
                    x[k] = floor(x[k], l.resultType());
                    outOfRange |= !inRange(x[k], l.resultType());
                }
            }
        }
        return new Outcome(x, outOfRange);
    }

    private static double floor(final double value, final FixedPointType type)
    {
        return Math.scalb(Math.floor(Math.scalb(value, type.fractionBits())), -type.fractionBits());
    }

    private static boolean inRange(final double value, final FixedPointType type)
    {
        return value >= type.toDouble(type.minRaw()) && value <= type.toDouble(type.maxRaw());
    }
}
