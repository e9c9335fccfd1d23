package io.l1infer.fpga.model;

import java.util.Locale;

/** The relu variants hls4ml computes with one constant parameter ({@link ParametrizedReluLayer}). */
public enum ParametrizedRelu
{
    /** {@code nnet::leaky_relu}: {@code x > 0 ? res_T(x) : res_T(alpha * x)}, the product exact. */
    LEAKY_RELU("alpha"),
    /** {@code nnet::thresholded_relu}: {@code x > theta ? res_T(x) : 0}, the comparison exact. */
    THRESHOLDED_RELU("theta");

    private final String parameter;

    ParametrizedRelu(final String parameter)
    {
        this.parameter = parameter;
    }

    /** The bundle's {@code kind} word and the C++ function name: the constant's name in lower case. */
    public String kind()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The parameter's name in hls4ml and in the bundle ({@code alpha}, {@code theta}); its type's is this + "_t". */
    public String parameter()
    {
        return parameter;
    }
}
