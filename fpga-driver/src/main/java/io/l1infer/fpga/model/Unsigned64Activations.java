package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * Where an activation layer may use a 64-bit unsigned type: as its result type, and as the table type of a plain
 * lookup (sigmoid, tanh, softplus, softsign, unary_lut), whose entries are only converted; not as its input or as
 * a type its kernels compute with (products, sums, comparisons on signed raw values), which the engines refuse.
 */
public final class Unsigned64Activations
{
    private Unsigned64Activations()
    {
    }

    /**
     * Refuse {@code layer} reading values of {@code input} when it needs a 64-bit unsigned type where the engines
     * do not compute one.
     *
     * @throws IllegalArgumentException naming the layer, the field and the type.
     */
    public static void check(final ElementwiseLayer layer, final FixedPointType input)
    {
        check(layer, "input (data_T)", input);
        if (layer instanceof ParametrizedReluLayer r)
        {
            check(layer, r.function().parameter() + "_t", r.parameterType());
        }
        else if (layer instanceof PReluLayer p)
        {
            check(layer, "alpha_t", p.alphaType());
        }
        else if (layer instanceof EluLayer e)
        {
            check(layer, "alpha_t", e.alphaType());
            check(layer, "table_t", e.table().type());
        }
        else if (layer instanceof SeluLayer s)
        {
            check(layer, "table_t", s.table().type());
        }
        else if (layer instanceof HardActivationLayer h)
        {
            check(layer, "slope_t", h.slopeType());
            check(layer, "shift_t", h.shiftType());
        }
        else if (layer instanceof SoftmaxLayer s)
        {
            check(layer, "exp_table_t", s.expTable().type());
            check(layer, "inv_table_t", s.invTable().type());
            check(layer, "accum_t", s.accumType());
            check(layer, "inv_inp_t", s.invInputType());
            check(layer, "inp_norm_t", s.normType());
            check(layer, "table_t", s.tableType());
        }
    }

    private static void check(final ElementwiseLayer layer, final String field, final FixedPointType type)
    {
        if (type != null && type.isUnsigned64())
        {
            throw new IllegalArgumentException("layer '" + layer.name() + "' (" + layer.kind() + "): a 64-bit " +
                "unsigned " + field + " (" + type + ") is not supported in this activation; 64-bit unsigned types " +
                "are supported in dense, batchnorm, relu and linear layers, as an activation's result_t and as the " +
                "table_t of sigmoid, tanh, softplus, softsign and unary_lut");
        }
    }
}
