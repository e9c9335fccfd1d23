package io.l1infer.fpga.model;

/** An activation layer of hls4ml's {@code nnet_activation.h}: as many outputs as inputs ({@code n_in}). */
public sealed interface ElementwiseLayer extends SameSizeLayer permits ReluMaxLayer,
    ParametrizedReluLayer, PReluLayer, EluLayer, SeluLayer, LookupActivationLayer, HardActivationLayer, SoftmaxLayer,
    SignActivationLayer, UnaryLutLayer
{
}
