package io.l1infer.fpga.model;

import java.util.Locale;

/** hls4ml's piecewise-linear activations ({@link HardActivationLayer}). */
public enum HardFunction
{
    /** {@code nnet::hard_sigmoid}: clamp(slope * x + shift, 0, 1). */
    HARD_SIGMOID,
    /** {@code nnet::hard_tanh}: 2 * clamp(slope * x + shift, 0, 1) - 1 (hls4ml 0.8 and later). */
    HARD_TANH;

    /** The bundle's {@code kind} word and the C++ function name: the constant's name in lower case. */
    public String kind()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
