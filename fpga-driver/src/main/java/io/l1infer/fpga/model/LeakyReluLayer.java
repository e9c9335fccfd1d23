package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's {@code leaky_relu}: {@code x > 0 ? res_T(x) : res_T(alpha * x)}, the product exact.
 *
 * <p>From the project: the call {@code nnet::leaky_relu<input_t, [param_t,] result_t, leaky_relu_configN>(in,
 * ALPHA, out)} gives {@code alpha} (the C double literal ALPHA) and {@code alphaType}, the C++ type ALPHA is
 * converted to: {@code data_T}, i.e. the layer's input type, in the early release and 0.8 (two template
 * arguments), the {@code param_t} template argument in 1.x; {@code n_in} gives {@code size}; the config's
 * {@code table_t}/{@code table_size} are not used.
 */
public record LeakyReluLayer(
    String name,
    int size,
    double alpha,
    FixedPointType alphaType,
    FixedPointType resultType) implements ElementwiseLayer
{
    public LeakyReluLayer
    {
        Activations.requireSize(name, size);
        Activations.requireFinite(name, "alpha", alpha);
    }

    @Override
    public String kind()
    {
        return "leaky_relu";
    }
}
