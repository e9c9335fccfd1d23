package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/** hls4ml's {@code normalize}: {@code res[k] = data[k] * scale[k] + bias[k]} exactly, then one conversion. */
public record BatchNormLayer(
    String name,
    int size,
    FixedPointType scaleType,
    long[] scales,
    FixedPointType biasType,
    long[] biases,
    FixedPointType resultType) implements SameSizeLayer
{
    public BatchNormLayer
    {
        if (scales.length != size || biases.length != size)
        {
            throw new IllegalArgumentException(name + ": scales or biases do not match size " + size);
        }
        scales = scales.clone();
        biases = biases.clone();
    }

    @Override
    public String kind()
    {
        return "batchnorm";
    }

    @Override
    public long[] scales()
    {
        return scales.clone();
    }

    @Override
    public long[] biases()
    {
        return biases.clone();
    }
}
