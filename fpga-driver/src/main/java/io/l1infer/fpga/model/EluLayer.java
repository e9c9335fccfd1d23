package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's {@code elu}: {@code x >= 0 ? res_T(x) : res_T(alpha * table[min(int(x * table_size / -8),
 * table_size - 1)])}, the table holding exp(x) - 1 over (-8, 0] (same code in every release).
 *
 * <p>From the project: config {@code elu_configN} gives {@code table_size} and {@code table_t}; the call
 * {@code nnet::elu<input_t, [param_t,] result_t, config>(in, ALPHA, out)} gives {@code alpha} and
 * {@code alphaType} (the input type in the early release and 0.8, {@code param_t} in 1.x). The two-argument call
 * {@code nnet::elu<input_t, result_t, config>(in, out)} means alpha 1.0 as {@code res_T} (early, 0.8: a result
 * type that cannot hold 1 wraps it, as the C++ does) or as {@code ap_uint<1>}, i.e. {@code ap_ufixed<1,1>}, in 1.x.
 */
public record EluLayer(
    String name,
    int size,
    double alpha,
    FixedPointType alphaType,
    ActivationTable table,
    FixedPointType resultType) implements ElementwiseLayer
{
    public EluLayer
    {
        Activations.requireSize(name, size);
        Activations.requireFinite(name, "alpha", alpha);
    }

    @Override
    public String kind()
    {
        return "elu";
    }
}
