package io.l1infer.training;

import io.l1infer.muon.ToySimulationConfig;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The straight-through backward pass equals the gradient of the same network computed in floating point (finite
 * differences), up to the quantization of the activations: truncation lowers every product by half an LSB on
 * average, which shifts outputs by ~1e-2 and the gradients by up to ~3% of the largest. The float network's ReLUs
 * open where the quantized pass's did: a pre-activation within a few LSBs of zero may flip sign between the two,
 * which is not what is tested. (A wrong index or a missing ReLU gate moves gradients by far more.)
 */
class QatPassGradientTest
{
    private static final long SEED = 20240611L;

    @Test
    void backwardMatchesFiniteDifferencesOfTheFloatNetwork()
    {
        final QuantizationScheme scheme = QuantizationScheme.talk();
        final TrainingSample sample =
            TrainingSample.simulate(ToySimulationConfig.thesisLike(), SEED, 64, scheme.input());
        final InputScaling scaling = InputScaling.fit(scheme, sample.rawInputs(), sample.count(), sample.width());
        final QuantizedMlp model = new QuantizedMlp(scheme, new int[] {27, 7, 5, 1}, scaling);
        model.initialise(new SplittableRandom(SEED), 0.4);
        // A few pruned weights take part too: their gradient is computed but never applied.
        model.dense(1).mask[3] = 0;
        model.dense(1).quantize();

        final int n = sample.count();
        final int[] order = new int[n];
        for (int e = 0; e < n; e++)
        {
            order[e] = e;
        }
        final QatPass pass = new QatPass(model, n);
        pass.forward(sample.rawInputs(), order, 0, n);
        final double[] outputGradient = new double[n];
        for (int b = 0; b < n; b++)
        {
            outputGradient[b] = RegressionLoss.SCALED_MSE.gradient(pass.output(b, 0), target(sample, b));
        }
        pass.clearGradients();
        pass.backward(outputGradient, 0.0);
        for (int l = 0; l < model.denseCount(); l++)
        {
            model.dense(l).clearGradients();
        }
        pass.addGradientsTo(model);

        final FloatNetwork reference = new FloatNetwork(model, sample, pass);
        for (int l = 0; l < model.denseCount(); l++)
        {
            final DenseParameters d = model.dense(l);
            double max = 0;
            final double[] numeric = new double[d.weightValue.length];
            for (int k = 0; k < numeric.length; k++)
            {
                numeric[k] = reference.weightDerivative(l, k);
                max = Math.max(max, Math.abs(numeric[k]));
            }
            assertTrue(max > 0, "layer " + l + " has no gradient at all (seed " + SEED + ")");
            for (int k = 0; k < numeric.length; k++)
            {
                assertEquals(numeric[k], d.weightGradient[k], 0.03 * max,
                    "layer " + d.name + " weight " + k + " (seed " + SEED + ")");
            }
            for (int j = 0; j < d.outputs; j++)
            {
                assertEquals(reference.biasDerivative(l, j), d.biasGradient[j], 0.03 * max,
                    "layer " + d.name + " bias " + j + " (seed " + SEED + ")");
            }
        }
    }

    private static double target(final TrainingSample sample, final int e)
    {
        return sample.pt(e) / QuantizedMlp.OUTPUT_SCALE;
    }

    /** The network in double precision on the dequantized parameters; central differences of the summed loss. */
    private static final class FloatNetwork
    {
        private static final double H = 1e-6;
        private final QuantizedMlp model;
        private final TrainingSample sample;
        private final QatPass gates;
        private final double[][] weights;
        private final double[][] biases;

        FloatNetwork(final QuantizedMlp model, final TrainingSample sample, final QatPass gates)
        {
            this.model = model;
            this.sample = sample;
            this.gates = gates;
            weights = new double[model.denseCount()][];
            biases = new double[model.denseCount()][];
            for (int l = 0; l < model.denseCount(); l++)
            {
                final DenseParameters d = model.dense(l);
                weights[l] = d.weightValue.clone();
                biases[l] = new double[d.outputs];
                for (int j = 0; j < d.outputs; j++)
                {
                    biases[l][j] = d.biasType.toDouble(d.biasRaw[j]);
                }
            }
        }

        double weightDerivative(final int l, final int k)
        {
            final double w = weights[l][k];
            weights[l][k] = w + H;
            final double up = loss();
            weights[l][k] = w - H;
            final double down = loss();
            weights[l][k] = w;
            return (up - down) / (2 * H);
        }

        double biasDerivative(final int l, final int j)
        {
            final double b = biases[l][j];
            biases[l][j] = b + H;
            final double up = loss();
            biases[l][j] = b - H;
            final double down = loss();
            biases[l][j] = b;
            return (up - down) / (2 * H);
        }

        private double loss()
        {
            double sum = 0;
            final int width = sample.width();
            final InputScaling scaling = model.scaling();
            final var inType = model.scheme().input();
            for (int e = 0; e < sample.count(); e++)
            {
                double[] x = new double[width];
                for (int k = 0; k < width; k++)
                {
                    x[k] = inType.toDouble(sample.rawInputs()[e * width + k]) * scaling.scale(k) + scaling.offset(k);
                }
                for (int l = 0; l < weights.length; l++)
                {
                    final int nOut = biases[l].length;
                    final double[] y = biases[l].clone();
                    for (int i = 0; i < x.length; i++)
                    {
                        for (int j = 0; j < nOut; j++)
                        {
                            y[j] += x[i] * weights[l][i * nOut + j];
                        }
                    }
                    if (l + 1 < weights.length)
                    {
                        for (int j = 0; j < nOut; j++)
                        {
                            y[j] = gates.positive(l, e, j) ? y[j] : 0;
                        }
                    }
                    x = y;
                }
                sum += RegressionLoss.SCALED_MSE.loss(x[0], target(sample, e));
            }
            return sum;
        }
    }
}
