package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Int128;
import io.l1infer.fpga.model.BatchNormLayer;

/**
 * hls4ml's {@code normalize}, {@code res = data * scale + bias}: the product (up to 128 bits, Math.multiplyHigh)
 * and the sum on the finer grid exact in 128 bits, then one conversion from the sum's C++ type
 * {@code ap_fixed<..., max(Ix+Is, Ib)+1>}.
 */
final class WideBatchNormKernel implements WideLayerKernel
{
    private final int size;
    private final long[] scale;
    private final long[] biasHigh;
    private final long[] biasLow;
    private final int productShift;
    private final int sumFraction;
    private final int sumInteger;
    private final boolean sumSigned;
    private final FixedPointType result;
    private final boolean inputUnsigned64;
    private final boolean scaleUnsigned64;

    WideBatchNormKernel(final BatchNormLayer layer, final FixedPointType input)
    {
        this.size = layer.size();
        this.scale = layer.scales();
        final FixedPointType st = layer.scaleType();
        final FixedPointType bt = layer.biasType();
        final int productFraction = input.fractionBits() + st.fractionBits();
        sumFraction = Math.max(productFraction, bt.fractionBits());
        productShift = sumFraction - productFraction;
        final int biasShift = sumFraction - bt.fractionBits();
        final int magnitude = Math.max(
            BatchNormKernel.magnitudeBits(input) + BatchNormKernel.magnitudeBits(st) + productShift,
            BatchNormKernel.magnitudeBits(bt) + biasShift) + 1;
        if (magnitude > 126)
        {
            throw new IllegalArgumentException("layer '" + layer.name() + "': exact x*scale+bias needs " + magnitude +
                " bits, more than the 126 of the engine's 128-bit arithmetic");
        }
        sumInteger = Math.max(input.integerBits() + st.integerBits(), bt.integerBits()) + 1;
        sumSigned = input.isSigned() || st.isSigned() || bt.isSigned();
        result = layer.resultType();
        inputUnsigned64 = input.isUnsigned64();
        scaleUnsigned64 = st.isUnsigned64();
        result.checkConvertibleFrom(sumInteger, "layer '" + layer.name() + "'");
        final long[] bias = layer.biases();
        biasHigh = new long[size];
        biasLow = new long[size];
        for (int k = 0; k < size; k++)
        {
            final long b = bias[k];
            biasHigh[k] = biasShift == 0 ? bt.rawHigh(b) : Int128.shlHigh(bt.rawHigh(b), b, biasShift);
            biasLow[k] = Int128.shlLow(b, biasShift);
        }
    }

    @Override
    public FixedPointType outputType()
    {
        return result;
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        final int ps = productShift;
        for (int k = 0; k < size; k++)
        {
            final long x = in[k];
            final long s = scale[k];
            long hi = Int128.mulHigh(x, inputUnsigned64, s, scaleUnsigned64);
            long lo = x * s;
            if (ps != 0)
            {
                hi = Int128.shlHigh(hi, lo, ps);
                lo = Int128.shlLow(lo, ps);
            }
            // The magnitude bound at load keeps the shifted product and the sum inside 128 bits.
            final long sumLo = lo + biasLow[k];
            final long sumHi = hi + biasHigh[k] + (Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0);
            out[k] = result.convertWide(sumHi, sumLo, sumFraction, sumInteger, sumSigned);
        }
    }
}
