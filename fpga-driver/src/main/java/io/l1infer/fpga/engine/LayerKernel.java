package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * One layer's computation for one event, precomputed at load (the scalar path, exact for every supported mode).
 *
 * <p>Values between kernels may be held <em>reduced</em>: a type whose values always end in z zero bits is held as
 * raw &gt;&gt; z, i.e. as values of {@code ap_fixed<W-z, I>} (same integer bits, z fewer fraction bits), which is
 * exact and lets later products fit in 32 bits. {@link #outputType()} says which type the output is held in.
 */
interface LayerKernel
{
    /** Compute one event from {@code in} into {@code out}. */
    void run(int[] in, int[] out);

    /** The type the output values are held in (the layer's result type, or a reduced form of it). */
    FixedPointType outputType();

    /** True when {@link VectorTileRunner} can run this layer in 32-bit lanes. */
    boolean hasVectorForm();
}
