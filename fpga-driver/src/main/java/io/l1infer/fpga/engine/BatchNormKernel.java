package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;

import static io.l1infer.fpga.engine.LayerKernel.TILE;

/**
 * hls4ml's {@code normalize} over a tile: {@code x*scale + bias} exact on a common grid, then one conversion, in
 * 32-bit arithmetic when the conversion truncates and wraps (it then needs only bits exact modulo 2^32).
 */
final class BatchNormKernel implements LayerKernel
{
    private final int size;
    private final int[] scale;
    private final int[] alignedBias;
    private final long[] alignedBiasLong;
    private final int productShift;
    private final RawConversion toResult;
    private final boolean intPath;

    BatchNormKernel(final BatchNormLayer layer, final FixedPointType inputType)
    {
        this.size = layer.size();
        this.scale = layer.scales();
        final int productFraction = inputType.fractionBits() + layer.scaleType().fractionBits();
        final int biasFraction = layer.biasType().fractionBits();
        final int common = Math.max(productFraction, biasFraction);
        this.productShift = common - productFraction;
        final int biasShift = common - biasFraction;

        final int magnitude = Math.max(
            magnitudeBits(inputType) + magnitudeBits(layer.scaleType()) + productShift,
            magnitudeBits(layer.biasType()) + biasShift) + 1;
        if (magnitude > 62)
        {
            throw new IllegalArgumentException("layer '" + layer.name() + "': exact x*scale+bias needs " +
                magnitude + " bits, more than the 62 supported");
        }
        final int[] bias = layer.biases();
        alignedBias = new int[size];
        alignedBiasLong = new long[size];
        for (int k = 0; k < size; k++)
        {
            alignedBiasLong[k] = (long)bias[k] << biasShift;
            alignedBias[k] = biasShift < 32 ? bias[k] << biasShift : 0;
        }
        toResult = RawConversion.of(common, layer.resultType());
        // Modulo 2^32 is enough for a truncating, wrapping conversion; shifts of 32+ would be taken mod 32.
        intPath = toResult.shiftAndWrap && productShift < 32;
    }

    static int magnitudeBits(final FixedPointType t)
    {
        return t.isSigned() ? t.width() - 1 : t.width();
    }

    @Override
    public void run(final int[] in, final int[] out, final int n, final KernelScratch scratch)
    {
        if (intPath)
        {
            final int ps = productShift;
            for (int k = 0; k < size; k++)
            {
                final int s = scale[k];
                final int bias = alignedBias[k];
                final int base = k * TILE;
                for (int b = 0; b < n; b++)
                {
                    out[base + b] = ((in[base + b] * s) << ps) + bias;
                }
                toResult.applyInPlace(out, base, n);
            }
            return;
        }
        for (int k = 0; k < size; k++)
        {
            final long s = scale[k];
            final long bias = alignedBiasLong[k];
            final int base = k * TILE;
            for (int b = 0; b < n; b++)
            {
                out[base + b] = toResult.applyExact(((in[base + b] * s) << productShift) + bias);
            }
        }
    }
}
