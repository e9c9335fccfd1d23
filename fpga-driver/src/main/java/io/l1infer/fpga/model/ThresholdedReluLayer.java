package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's {@code thresholded_relu}: {@code x > theta ? res_T(x) : 0}, the comparison exact.
 *
 * <p>From the project: the call {@code nnet::thresholded_relu<input_t, [param_t,] result_t, config>(in, THETA,
 * out)} gives {@code theta} (the C double literal) and {@code thetaType}, the type it converts to: the input type
 * ({@code data_T}) in the early release and 0.8, {@code param_t} in 1.x; {@code n_in} gives {@code size}.
 */
public record ThresholdedReluLayer(
    String name,
    int size,
    double theta,
    FixedPointType thetaType,
    FixedPointType resultType) implements ElementwiseLayer
{
    public ThresholdedReluLayer
    {
        Activations.requireSize(name, size);
        Activations.requireFinite(name, "theta", theta);
    }

    @Override
    public String kind()
    {
        return "thresholded_relu";
    }
}
