package io.l1infer.bench;

import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.SoftmaxLayer;

import java.util.Arrays;

/**
 * The plain double-precision evaluation of a model's weights, ignoring every fixed-point type: what the float32
 * ONNX graph approximates. Written independently of the graph builder, one event at a time.
 */
public final class FloatForwardPass
{
    private final ModelBundle model;

    public FloatForwardPass(final ModelBundle model)
    {
        this.model = model;
    }

    /** Outputs for one event's input values. */
    public double[] apply(final double[] input)
    {
        return run(input, false);
    }

    /**
     * The same pass on absolute values of inputs, weights, biases and scales: per output, a bound on the sum of
     * the magnitudes of every term that reached it, which scales the rounding error any float evaluation can make.
     */
    public double[] magnitude(final double[] input)
    {
        return run(input, true);
    }

    private double[] run(final double[] input, final boolean absolute)
    {
        double[] x = input.clone();
        if (absolute)
        {
            for (int k = 0; k < x.length; k++)
            {
                x[k] = Math.abs(x[k]);
            }
        }
        for (final Layer layer : model.layers())
        {
            if (layer instanceof DenseLayer d)
            {
                final double[] y = new double[d.outputSize()];
                for (int j = 0; j < y.length; j++)
                {
                    double acc = abs(d.biasType().toDouble(d.biases()[j]), absolute);
                    for (int i = 0; i < d.inputSize(); i++)
                    {
                        acc += x[i] * abs(d.weightType().toDouble(d.weight(i, j)), absolute);
                    }
                    y[j] = acc;
                }
                x = y;
            }
            else if (layer instanceof BatchNormLayer bn)
            {
                final long[] scales = bn.scales();
                final long[] biases = bn.biases();
                for (int k = 0; k < x.length; k++)
                {
                    x[k] = x[k] * abs(bn.scaleType().toDouble(scales[k]), absolute) +
                        abs(bn.biasType().toDouble(biases[k]), absolute);
                }
            }
            else if (layer instanceof ReluLayer)
            {
                for (int k = 0; k < x.length; k++)
                {
                    x[k] = Math.max(0.0, x[k]);
                }
            }
            else if (layer instanceof SoftmaxLayer)
            {
                // Every softmax output lies in [0, 1], so 1 bounds its magnitude.
                x = absolute ? ones(x.length) : softmax(x);
            }
            else if (!(layer instanceof LinearLayer))
            {
                throw new IllegalArgumentException("unknown layer kind " + layer.kind());
            }
        }
        return x;
    }

    private static double[] softmax(final double[] x)
    {
        double max = Double.NEGATIVE_INFINITY;
        for (final double v : x)
        {
            max = Math.max(max, v);
        }
        final double[] y = new double[x.length];
        double sum = 0;
        for (int k = 0; k < x.length; k++)
        {
            y[k] = Math.exp(x[k] - max);
            sum += y[k];
        }
        for (int k = 0; k < y.length; k++)
        {
            y[k] /= sum;
        }
        return y;
    }

    private static double[] ones(final int size)
    {
        final double[] y = new double[size];
        Arrays.fill(y, 1.0);
        return y;
    }

    private static double abs(final double value, final boolean absolute)
    {
        return absolute ? Math.abs(value) : value;
    }
}
