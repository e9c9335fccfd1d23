package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's clipped ReLU {@code relu_max<data_T, res_T, MAX_INT, CONFIG_T>}: {@code x < 0 ? 0 : x > MAX_INT ?
 * res_T(MAX_INT) : res_T(x)}; {@code nnet::relu6} is {@code maxInt} 6 and {@code nnet::relu1} is 1 (same code in
 * every release).
 *
 * <p>From the project: the function name ({@code relu6}, {@code relu1}) or the {@code MAX_INT} template argument
 * of {@code relu_max}; {@code n_in} gives {@code size}.
 */
public record ReluMaxLayer(
    String name,
    int size,
    int maxInt,
    FixedPointType resultType) implements ElementwiseLayer
{
    public ReluMaxLayer
    {
        Activations.requireSize(name, size);
    }

    @Override
    public String kind()
    {
        return "relu_max";
    }
}
