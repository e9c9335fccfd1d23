package io.l1infer.fpga.engine;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link RawConversion#applyShiftAndWrap} on every lane of a vector, for the SIMD runners.
 * <p>
 * The runners call these only from small methods that load, convert and store one vector and take no vector
 * argument themselves. C2 expands each Vector API call into many nodes before it folds them; once a compiled unit
 * passes its inlining node budget, the small non-forced methods inside the Vector API (bridges) stop being inlined,
 * the operator reaching the intrinsic is no longer a constant, and the Java fallback runs, allocating on every
 * call. With the whole single-event path inlined into one unit that happened in about half the JVMs (depending on
 * compilation order): 5,760 bytes per event and half the speed. Small units keep every JVM on the intrinsics.
 */
final class LanewiseConversion
{
    private LanewiseConversion()
    {
    }

    static IntVector apply(
        final IntVector v, final int shift, final int wrapShift, final boolean signed, final int mask)
    {
        final IntVector shifted = shift >= 0 ?
            v.lanewise(VectorOperators.ASHR, shift) : v.lanewise(VectorOperators.LSHL, -shift);
        return signed ?
            shifted.lanewise(VectorOperators.LSHL, wrapShift).lanewise(VectorOperators.ASHR, wrapShift) :
            shifted.and(mask);
    }

    /** A dense layer's deferred accumulator wrap, then its conversion to result_t. */
    static IntVector finishDense(final IntVector acc, final DenseKernel d)
    {
        final IntVector wrapped = d.accSigned ?
            acc.lanewise(VectorOperators.LSHL, d.accWrapShift).lanewise(VectorOperators.ASHR, d.accWrapShift) :
            acc.and(d.accMask);
        final RawConversion r = d.toResult;
        return apply(wrapped, r.shift, r.wrapShift, r.signed, r.unsignedMask);
    }
}
