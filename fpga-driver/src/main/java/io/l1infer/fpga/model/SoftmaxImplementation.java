package io.l1infer.fpga.model;

/** The {@code implementation} field of an hls4ml softmax config ({@code nnet::softmax_implementation}). */
public enum SoftmaxImplementation
{
    /** {@code softmax_latency}: exp of each input from the top bits, adder tree, one inverse lookup. */
    LATENCY,
    /** {@code softmax_legacy}: n*n exp lookups of differences into {@code table_t}, then an inverse per output. */
    LEGACY,
    /** {@code softmax_stable}: like latency on the differences to the maximum. */
    STABLE,
    /** {@code softmax_argmax}: 1 at the first maximum, 0 elsewhere (hls4ml 0.8 and later). */
    ARGMAX
}
