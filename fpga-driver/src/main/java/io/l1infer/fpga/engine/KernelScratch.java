package io.l1infer.fpga.engine;

/** Accumulator arrays shared by the kernels of one engine, allocated once at load. */
final class KernelScratch
{
    final int[] intAccumulators;
    final long[] longAccumulators;

    KernelScratch(final int maxWidth)
    {
        intAccumulators = new int[maxWidth * LayerKernel.TILE];
        longAccumulators = new long[maxWidth * LayerKernel.TILE];
    }
}
