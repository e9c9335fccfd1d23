package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * One layer on the exact general path for one event: raw values of any supported type (up to 64 bits, held in
 * {@code long}) in, raw values of {@link #outputType()} out, every intermediate exact (128 bits where products
 * need them). Implementations precompute at construction and allocate nothing in {@link #run}.
 */
public interface WideLayerKernel
{
    /** Compute one event from {@code in[0 .. inputSize)} into {@code out[0 .. outputSize)}. */
    void run(long[] in, long[] out);

    /** The type of the output values: the layer's declared result type (the general path never reduces types). */
    FixedPointType outputType();
}
