package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * A fully connected layer as hls4ml's {@code dense_latency} computes it; weights are input-major
 * ({@code index = i * out + j}), raw values of {@code weightType} (as {@code long}, so types up to 64 bits fit).
 */
public record DenseLayer(
    String name,
    int inputSize,
    int outputSize,
    FixedPointType weightType,
    long[] weights,
    FixedPointType biasType,
    long[] biases,
    FixedPointType accumType,
    FixedPointType resultType) implements Layer
{
    public DenseLayer
    {
        if (weights.length != inputSize * outputSize || biases.length != outputSize)
        {
            throw new IllegalArgumentException(name + ": weights or biases do not match " + inputSize + "x" +
                outputSize);
        }
        weights = weights.clone();
        biases = biases.clone();
    }

    @Override
    public String kind()
    {
        return "dense";
    }

    /** Raw weight from input i to output j. */
    public long weight(final int i, final int j)
    {
        return weights[i * outputSize + j];
    }

    @Override
    public long[] weights()
    {
        return weights.clone();
    }

    @Override
    public long[] biases()
    {
        return biases.clone();
    }
}
