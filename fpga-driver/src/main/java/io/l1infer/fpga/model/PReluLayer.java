package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's {@code prelu}: {@code x_i > 0 ? res_T(x_i) : res_T(alpha_i * x_i)} with one alpha per element, the
 * product exact (same code in every release).
 *
 * <p>From the project: the call {@code nnet::prelu<input_t, [param_t,] result_t, config>(in, aN, out)} names the
 * alpha weight array ({@code weights/aN.txt} or {@code .h}); {@code alphaType} is that array's declared type (the
 * input type in the early release and 0.8, where the signature takes {@code data_T alpha[]}; {@code param_t} in
 * 1.x); {@code alphas} are its raw values; {@code n_in} gives {@code size}.
 */
public record PReluLayer(
    String name,
    int size,
    FixedPointType alphaType,
    long[] alphas,
    FixedPointType resultType) implements ElementwiseLayer
{
    public PReluLayer
    {
        Activations.requireSize(name, size);
        if (alphas.length != size)
        {
            throw new IllegalArgumentException(name + ": " + alphas.length + " alpha values for size " + size);
        }
        for (final long a : alphas)
        {
            if (!alphaType.containsRaw(a))
            {
                throw new IllegalArgumentException(name + ": alpha raw value " + a + " is not a " + alphaType);
            }
        }
        alphas = alphas.clone();
    }

    @Override
    public long[] alphas()
    {
        return alphas.clone();
    }

    @Override
    public String kind()
    {
        return "prelu";
    }
}
