package io.l1infer.training;

/**
 * Adam (Kingma and Ba) with bias correction over a model's dense layers; pruned weights are skipped and stay zero.
 */
final class AdamOptimizer
{
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private long step;

    AdamOptimizer(final double beta1, final double beta2, final double epsilon)
    {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Keras' defaults: beta1 0.9, beta2 0.999, epsilon 1e-7. */
    static AdamOptimizer kerasDefaults()
    {
        return new AdamOptimizer(0.9, 0.999, 1e-7);
    }

    long steps()
    {
        return step;
    }

    /** Rewind the step count (with a restored model snapshot). */
    void resetSteps(final long steps)
    {
        this.step = steps;
    }

    /** One update of every dense layer from the gradients it holds, with learning rate {@code rate}. */
    void update(final QuantizedMlp model, final double rate)
    {
        step++;
        // Bias corrections; pow with an integer exponent via StrictMath keeps every JVM on the same bits.
        final double c1 = 1.0 - StrictMath.pow(beta1, step);
        final double c2 = 1.0 - StrictMath.pow(beta2, step);
        final double stepSize = rate * Math.sqrt(c2) / c1;
        for (int l = 0; l < model.denseCount(); l++)
        {
            final DenseParameters d = model.dense(l);
            update(d.weight, d.weightGradient, d.weightMoment1, d.weightMoment2, d.mask, stepSize, c2);
            update(d.bias, d.biasGradient, d.biasMoment1, d.biasMoment2, null, stepSize, c2);
            d.quantize();
        }
    }

    private void update(
        final double[] value, final double[] gradient, final double[] m, final double[] v, final byte[] mask,
        final double stepSize, final double c2)
    {
        final double b1 = beta1;
        final double b2 = beta2;
        // Epsilon on the bias-corrected second moment, as in the paper: eps * sqrt(c2) here.
        final double eps = epsilon * Math.sqrt(c2);
        for (int k = 0; k < value.length; k++)
        {
            if (mask != null && mask[k] == 0)
            {
                continue;
            }
            final double g = gradient[k];
            m[k] = b1 * m[k] + (1.0 - b1) * g;
            v[k] = b2 * v[k] + (1.0 - b2) * g * g;
            value[k] -= stepSize * m[k] / (Math.sqrt(v[k]) + eps);
        }
    }
}
