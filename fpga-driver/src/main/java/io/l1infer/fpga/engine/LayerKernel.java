package io.l1infer.fpga.engine;

/**
 * One layer's precomputed computation over a tile of events laid out feature-major: value f of event b is at
 * {@code [f * TILE + b]}, so the inner loops run over events and the JIT vectorises them.
 */
interface LayerKernel
{
    /** Events per tile: the stride between features in the tile arrays. */
    int TILE = 128;

    /**
     * Compute {@code n <= TILE} events from {@code in} into {@code out}; {@code scratch} holds accumulators.
     */
    void run(int[] in, int[] out, int n, KernelScratch scratch);
}
