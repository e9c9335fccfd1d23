package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's {@code selu}: negative inputs from a table of lambda * alpha * (exp(x) - 1) over (-8, 0] indexed as
 * {@link EluLayer}; non-negative ones {@code res_T(1.0507...) * x} before 1.x, {@code ap_ufixed<16,1>(lambda) * x}
 * in 1.x ({@link TemplateGeneration}).
 *
 * <p>From the project: config {@code selu_configN} gives {@code table_size}, {@code table_t}, {@code n_in};
 * {@code generation} is {@link TemplateGeneration#V1} for hls4ml 1.x projects, either other value before.
 */
public record SeluLayer(
    String name,
    int size,
    ActivationTable table,
    TemplateGeneration generation,
    FixedPointType resultType) implements ElementwiseLayer
{
    public SeluLayer
    {
        Activations.requireSize(name, size);
        java.util.Objects.requireNonNull(generation, "generation");
    }

    @Override
    public String kind()
    {
        return "selu";
    }
}
