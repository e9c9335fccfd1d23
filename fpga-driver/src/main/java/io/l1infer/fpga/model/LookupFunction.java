package io.l1infer.fpga.model;

import java.util.Locale;

/** The activations hls4ml computes from one lookup table over a fixed input range ({@link LookupActivationLayer}). */
public enum LookupFunction
{
    /** {@code nnet::sigmoid}: table over [-8, 8), index {@code int(x * table_size / 16) + table_size / 2}. */
    SIGMOID,
    /** {@code nnet::tanh}: table over [-4, 4), index {@code int(x * table_size / 8) + table_size / 2}. */
    TANH,
    /** {@code nnet::softplus}: log(exp(x) + 1), table over [-8, 8) indexed as sigmoid. */
    SOFTPLUS,
    /** {@code nnet::softsign}: x / (|x| + 1), table over [-8, 8) indexed as sigmoid. */
    SOFTSIGN;

    /** The bundle's {@code kind} word and the C++ function name: the constant's name in lower case. */
    public String kind()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
