package io.l1infer.fpga.model;

/** hls4ml's piecewise-linear activations ({@link HardActivationLayer}). */
public enum HardFunction
{
    /** {@code nnet::hard_sigmoid}: clamp(slope * x + shift, 0, 1). */
    HARD_SIGMOID("hard_sigmoid"),
    /** {@code nnet::hard_tanh}: 2 * clamp(slope * x + shift, 0, 1) - 1 (hls4ml 0.8 and later). */
    HARD_TANH("hard_tanh");

    private final String kind;

    HardFunction(final String kind)
    {
        this.kind = kind;
    }

    /** The bundle's {@code kind} word and the C++ function name. */
    public String kind()
    {
        return kind;
    }
}
