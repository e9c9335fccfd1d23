package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.DenseLayer;

import java.util.random.RandomGenerator;

/**
 * One dense layer under quantization-aware training: float master weights and biases (what Adam updates), the
 * pruning mask, the quantized raw values the forward pass uses, gradients and Adam moments, all flat arrays with
 * weights input-major ({@code index = i * out + j}, hls4ml's order).
 *
 * <p>Straight-through estimator: the forward pass uses {@code q(w)} (the weight type's AP_TRN conversion of the
 * master value), the backward pass takes d loss / d q(w) as the gradient of w. Master values are clipped to the
 * type's range so that quantization never wraps.
 */
final class DenseParameters
{
    final String name;
    final int inputs;
    final int outputs;
    final FixedPointType weightType;
    final FixedPointType biasType;

    final double[] weight;
    final double[] bias;
    /** 1 where a weight is kept, 0 where pruned (then its master value, raw value and moments stay 0). */
    final byte[] mask;
    final int[] weightRaw;
    final int[] biasRaw;
    /** q(w) as a value, for the backward pass. */
    final double[] weightValue;

    final double[] weightGradient;
    final double[] biasGradient;
    final double[] weightMoment1;
    final double[] weightMoment2;
    final double[] biasMoment1;
    final double[] biasMoment2;

    private final double weightMin;
    private final double weightMax;
    private final double biasMin;
    private final double biasMax;

    DenseParameters(
        final String name, final int inputs, final int outputs, final FixedPointType weightType,
        final FixedPointType biasType)
    {
        this.name = name;
        this.inputs = inputs;
        this.outputs = outputs;
        this.weightType = weightType;
        this.biasType = biasType;
        final int n = inputs * outputs;
        weight = new double[n];
        bias = new double[outputs];
        mask = new byte[n];
        java.util.Arrays.fill(mask, (byte)1);
        weightRaw = new int[n];
        biasRaw = new int[outputs];
        weightValue = new double[n];
        weightGradient = new double[n];
        biasGradient = new double[outputs];
        weightMoment1 = new double[n];
        weightMoment2 = new double[n];
        biasMoment1 = new double[outputs];
        biasMoment2 = new double[outputs];
        weightMin = weightType.toDouble(weightType.minRaw());
        weightMax = weightType.toDouble(weightType.maxRaw());
        biasMin = biasType.toDouble(biasType.minRaw());
        biasMax = biasType.toDouble(biasType.maxRaw());
    }

    /**
     * He-uniform weights (limit sqrt(6 / inputs), suited to ReLU) times {@code weightScale}; biases uniform in
     * [biasCentre - biasHalfWidth, biasCentre + biasHalfWidth].
     */
    void initialise(
        final RandomGenerator random, final double weightScale, final double biasCentre, final double biasHalfWidth)
    {
        final double limit = weightScale * Math.sqrt(6.0 / inputs);
        for (int k = 0; k < weight.length; k++)
        {
            weight[k] = (2.0 * random.nextDouble() - 1.0) * limit;
        }
        for (int j = 0; j < outputs; j++)
        {
            bias[j] = biasCentre + (2.0 * random.nextDouble() - 1.0) * biasHalfWidth;
        }
        quantize();
    }

    /** Clip the masters to the representable range, zero the pruned ones, and recompute the raw values. */
    void quantize()
    {
        final double scale = Math.scalb(1.0, -weightType.fractionBits());
        for (int k = 0; k < weight.length; k++)
        {
            if (mask[k] == 0)
            {
                weight[k] = 0;
                weightRaw[k] = 0;
                weightValue[k] = 0;
                continue;
            }
            final double w = Math.max(weightMin, Math.min(weightMax, weight[k]));
            weight[k] = w;
            weightRaw[k] = (int)weightType.fromDouble(w);
            weightValue[k] = weightRaw[k] * scale;
        }
        for (int j = 0; j < outputs; j++)
        {
            bias[j] = Math.max(biasMin, Math.min(biasMax, bias[j]));
            biasRaw[j] = (int)biasType.fromDouble(bias[j]);
        }
    }

    /** Copy of the trainable state (masters, mask, Adam moments), for {@link #restore}. */
    Snapshot snapshot()
    {
        return new Snapshot(weight.clone(), bias.clone(), mask.clone(), weightMoment1.clone(), weightMoment2.clone(),
            biasMoment1.clone(), biasMoment2.clone());
    }

    /** Go back to a {@link #snapshot} of this layer. */
    void restore(final Snapshot s)
    {
        System.arraycopy(s.weight, 0, weight, 0, weight.length);
        System.arraycopy(s.bias, 0, bias, 0, bias.length);
        System.arraycopy(s.mask, 0, mask, 0, mask.length);
        System.arraycopy(s.weightMoment1, 0, weightMoment1, 0, weightMoment1.length);
        System.arraycopy(s.weightMoment2, 0, weightMoment2, 0, weightMoment2.length);
        System.arraycopy(s.biasMoment1, 0, biasMoment1, 0, biasMoment1.length);
        System.arraycopy(s.biasMoment2, 0, biasMoment2, 0, biasMoment2.length);
        quantize();
    }

    /** One layer's trainable state. */
    record Snapshot(
        double[] weight, double[] bias, byte[] mask, double[] weightMoment1, double[] weightMoment2,
        double[] biasMoment1, double[] biasMoment2)
    {
    }

    void clearGradients()
    {
        java.util.Arrays.fill(weightGradient, 0);
        java.util.Arrays.fill(biasGradient, 0);
    }

    /** The layer as the bundle holds it. */
    DenseLayer toLayer(final FixedPointType accum, final FixedPointType result)
    {
        return new DenseLayer(name, inputs, outputs,
            weightType, java.util.Arrays.stream(weightRaw).asLongStream().toArray(),
            biasType, java.util.Arrays.stream(biasRaw).asLongStream().toArray(), accum, result);
    }
}
