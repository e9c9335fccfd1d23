package io.l1infer.fpga.engine;

/**
 * A batchnorm or activation reduced to the data its 32-bit form needs, applied per feature by the SIMD runners:
 * {@code y = convert((x * scale << productShift) + bias)} or {@code y = relu ? (x > 0 ? convert(x) : 0) : convert(x)},
 * where convert shifts and wraps as {@link RawConversion#applyShiftAndWrap} does.
 */
final class ElementOp
{
    static final int BATCHNORM = 0;
    static final int ACTIVATION = 1;

    final int kind;
    final int size;
    final int[] scale;
    final int[] bias;
    final int productShift;
    final boolean relu;
    final int shift;
    final int wrapShift;
    final boolean signed;
    final int mask;

    ElementOp(final BatchNormKernel bn)
    {
        kind = BATCHNORM;
        size = bn.size;
        scale = bn.scale;
        bias = bn.alignedBias;
        productShift = bn.productShift;
        relu = false;
        shift = bn.toResult.shift;
        wrapShift = bn.toResult.wrapShift;
        signed = bn.toResult.signed;
        mask = bn.toResult.unsignedMask;
    }

    ElementOp(final ActivationKernel a)
    {
        kind = ACTIVATION;
        size = a.size;
        scale = null;
        bias = null;
        productShift = 0;
        relu = a.relu;
        shift = a.conversion.shift;
        wrapShift = a.conversion.wrapShift;
        signed = a.conversion.signed;
        mask = a.conversion.unsignedMask;
    }

    /** This op's per-feature arrays padded with zeros to {@code length}, for whole-vector loads. */
    ElementOp padded(final int length)
    {
        return new ElementOp(this, length);
    }

    private ElementOp(final ElementOp o, final int length)
    {
        kind = o.kind;
        size = o.size;
        scale = o.scale == null ? null : java.util.Arrays.copyOf(o.scale, length);
        bias = o.bias == null ? null : java.util.Arrays.copyOf(o.bias, length);
        productShift = o.productShift;
        relu = o.relu;
        shift = o.shift;
        wrapShift = o.wrapShift;
        signed = o.signed;
        mask = o.mask;
    }
}
