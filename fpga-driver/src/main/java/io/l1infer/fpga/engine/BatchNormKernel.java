package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;

/**
 * hls4ml's {@code normalize}: {@code x*scale + bias} exact on a common grid, then one conversion; in 32-bit
 * arithmetic when the conversion truncates and wraps, since it then needs only bits exact modulo 2^32.
 */
final class BatchNormKernel implements LayerKernel
{
    final int size;
    final int[] scale;
    final int[] alignedBias;
    final int productShift;
    final RawConversion toResult;
    final boolean intPath;
    private final long[] alignedBiasLong;

    BatchNormKernel(final BatchNormLayer layer, final FixedPointType input)
    {
        this.size = layer.size();
        this.scale = IntRaw.narrow(layer.scales());
        final int productFraction = input.fractionBits() + layer.scaleType().fractionBits();
        final int biasFraction = layer.biasType().fractionBits();
        final int common = Math.max(productFraction, biasFraction);
        this.productShift = common - productFraction;
        final int biasShift = common - biasFraction;

        final int magnitude = Math.max(
            magnitudeBits(input) + magnitudeBits(layer.scaleType()) + productShift,
            magnitudeBits(layer.biasType()) + biasShift) + 1;
        if (magnitude > 62)
        {
            throw new IllegalArgumentException("layer '" + layer.name() + "': exact x*scale+bias needs " +
                magnitude + " bits, more than the 62 supported");
        }
        final long[] bias = layer.biases();
        alignedBias = new int[size];
        alignedBiasLong = new long[size];
        for (int k = 0; k < size; k++)
        {
            alignedBiasLong[k] = bias[k] << biasShift;
            alignedBias[k] = biasShift < 32 ? (int)bias[k] << biasShift : 0;
        }
        toResult = RawConversion.of(common, layer.resultType());
        // Modulo 2^32 is enough for a truncating, wrapping conversion; Java takes int shifts of 32+ modulo 32.
        intPath = toResult.shiftAndWrap && productShift < 32;
    }

    static int magnitudeBits(final FixedPointType t)
    {
        return t.isSigned() ? t.width() - 1 : t.width();
    }

    @Override
    public FixedPointType outputType()
    {
        return toResult.target;
    }

    @Override
    public boolean hasVectorForm()
    {
        return intPath;
    }

    @Override
    public void run(final int[] in, final int[] out)
    {
        final int ps = productShift;
        if (intPath)
        {
            for (int k = 0; k < size; k++)
            {
                out[k] = toResult.applyShiftAndWrap(((in[k] * scale[k]) << ps) + alignedBias[k]);
            }
        }
        else
        {
            for (int k = 0; k < size; k++)
            {
                out[k] = toResult.applyExact(((in[k] * (long)scale[k]) << ps) + alignedBiasLong[k]);
            }
        }
    }
}
