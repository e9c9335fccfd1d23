package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's {@code leaky_relu} and {@code thresholded_relu} ({@link ParametrizedRelu}), one record as hls4ml's own
 * {@code ParametrizedActivation}: {@code parameter} is leaky's alpha or thresholded's theta.
 *
 * <p>From the project: the call {@code nnet::leaky_relu<input_t, [param_t,] result_t, configN>(in, ALPHA, out)}
 * (thresholded_relu: THETA) gives {@code parameter} (the C double literal) and {@code parameterType}, the C++ type
 * the literal is converted to: {@code data_T}, i.e. the layer's input type, in the early release and 0.8 (two
 * template arguments), the {@code param_t} template argument in 1.x; {@code n_in} gives {@code size}; leaky's
 * config {@code table_t}/{@code table_size} are not used.
 */
public record ParametrizedReluLayer(
    String name,
    ParametrizedRelu function,
    int size,
    double parameter,
    FixedPointType parameterType,
    FixedPointType resultType) implements ElementwiseLayer
{
    public ParametrizedReluLayer
    {
        Activations.requireSize(name, size);
        java.util.Objects.requireNonNull(function, "function");
        Activations.requireFinite(name, function.parameter(), parameter);
    }

    @Override
    public String kind()
    {
        return function.kind();
    }
}
