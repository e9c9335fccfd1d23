package io.l1infer.fpga.engine;

/**
 * One activation of hls4ml's {@code nnet_activation.h} on one event, raw values in {@code long}: input in the
 * layer's declared input type ({@code data_T}), output in {@link #outputType()} ({@code res_T}). Lookup tables are
 * built once at load, as the C simulation builds them at the first call; {@link #run} allocates nothing.
 */
interface ActivationFunction extends WideLayerKernel
{
}
