package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * A fully connected layer as hls4ml's {@code dense_latency} computes it; weights are input-major
 * ({@code index = i * out + j}), raw values of {@code weightType} (as {@code long}, so types up to 64 bits fit).
 * With a {@code compressed} order (null otherwise) it sums as {@code nnet::dense_compressed} does instead.
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
    FixedPointType resultType,
    CompressedOrder compressed) implements Layer
{
    public DenseLayer
    {
        if (weights.length != inputSize * outputSize || biases.length != outputSize)
        {
            throw new IllegalArgumentException(name + ": weights or biases do not match " + inputSize + "x" +
                outputSize);
        }
        if (compressed != null)
        {
            compressed.check(name, inputSize, outputSize);
        }
        weights = weights.clone();
        biases = biases.clone();
    }

    /** A layer summed in {@code dense_latency}'s order. */
    public DenseLayer(
        final String name,
        final int inputSize,
        final int outputSize,
        final FixedPointType weightType,
        final long[] weights,
        final FixedPointType biasType,
        final long[] biases,
        final FixedPointType accumType,
        final FixedPointType resultType)
    {
        this(name, inputSize, outputSize, weightType, weights, biasType, biases, accumType, resultType, null);
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
