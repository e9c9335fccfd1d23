package io.l1infer.fpga.model;

/** A layer with as many outputs as inputs, {@code size} of each: the one owner of that size rule. */
public sealed interface SameSizeLayer extends Layer permits BatchNormLayer, ReluLayer, LinearLayer, ElementwiseLayer
{
    /** {@code n_in} of the config, equal to {@code n_out}. */
    int size();

    @Override
    default int inputSize()
    {
        return size();
    }

    @Override
    default int outputSize()
    {
        return size();
    }
}
