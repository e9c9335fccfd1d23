package io.l1infer.fpga.model;

/** The activations hls4ml computes from one lookup table over a fixed input range ({@link LookupActivationLayer}). */
public enum LookupFunction
{
    /** {@code nnet::sigmoid}: table over [-8, 8), index {@code int(x * table_size / 16) + table_size / 2}. */
    SIGMOID("sigmoid"),
    /** {@code nnet::tanh}: table over [-4, 4), index {@code int(x * table_size / 8) + table_size / 2}. */
    TANH("tanh"),
    /** {@code nnet::softplus}: log(exp(x) + 1), table over [-8, 8) indexed as sigmoid. */
    SOFTPLUS("softplus"),
    /** {@code nnet::softsign}: x / (|x| + 1), table over [-8, 8) indexed as sigmoid. */
    SOFTSIGN("softsign");

    private final String kind;

    LookupFunction(final String kind)
    {
        this.kind = kind;
    }

    /** The bundle's {@code kind} word and the C++ function name. */
    public String kind()
    {
        return kind;
    }
}
