package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's single-table activations sigmoid, tanh, softplus and softsign ({@link LookupFunction}): a table of
 * {@code table_size} values of {@code table_t} built in float arithmetic at the first call, indexed by
 * {@code int(x * table_size / 16) + table_size / 2} (tanh: {@code / 8}) clamped to the table, the entry converted
 * to {@code res_T} (same code in every release).
 *
 * <p>From the project: the config ({@code sigmoid_configN : nnet::activ_config} and so on) gives {@code n_in},
 * {@code table_size} and {@code table_t}; the function name gives {@code function}.
 */
public record LookupActivationLayer(
    String name,
    LookupFunction function,
    int size,
    ActivationTable table,
    FixedPointType resultType) implements ElementwiseLayer
{
    public LookupActivationLayer
    {
        Activations.requireSize(name, size);
        java.util.Objects.requireNonNull(function, "function");
    }

    @Override
    public String kind()
    {
        return function.kind();
    }
}
