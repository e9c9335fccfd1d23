package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;

/**
 * The model's first layer, fixed before training: a batchnorm that multiplies each raw input feature by a power of
 * two and adds an offset, so that features as different as a sector number (1..12) and a delta phi (~0.005 rad)
 * reach the first dense layer with comparable spread. A power-of-two scale is exact (a shift in hardware).
 *
 * <p>{@link #apply} is hls4ml's {@code normalize} in the engine's 32-bit form: x*scale and the bias aligned on a
 * common grid, summed modulo 2^32, then one truncating, wrapping conversion.
 */
public final class InputScaling
{
    /** Largest |scaled value| allowed on the fitting sample, as a fraction of the result type's range. */
    static final double HEADROOM = 0.5;

    private final QuantizationScheme scheme;
    private final int[] scaleRaw;
    private final int[] biasRaw;
    private final int[] alignedBias;
    private final int productShift;
    private final ShiftWrap toResult;

    InputScaling(final QuantizationScheme scheme, final int[] scaleRaw, final int[] biasRaw)
    {
        if (scaleRaw.length != biasRaw.length)
        {
            throw new IllegalArgumentException("input scaling: " + scaleRaw.length + " scales but " + biasRaw.length +
                " offsets");
        }
        this.scheme = scheme;
        this.scaleRaw = scaleRaw.clone();
        this.biasRaw = biasRaw.clone();
        final int productFraction = scheme.input().fractionBits() + scheme.scale().fractionBits();
        final int common = Math.max(productFraction, scheme.scaleBias().fractionBits());
        this.productShift = common - productFraction;
        final int biasShift = common - scheme.scaleBias().fractionBits();
        this.alignedBias = new int[biasRaw.length];
        for (int k = 0; k < biasRaw.length; k++)
        {
            alignedBias[k] = biasRaw[k] << biasShift;
        }
        this.toResult = new ShiftWrap(common, scheme.scaled(), "input scaling");
    }

    /**
     * Scales chosen from the feature statistics of a sample: per feature the power of two nearest 1/std (so the
     * spread is about one), lowered until the largest |value| seen plus the offset stays within
     * {@link #HEADROOM} of the result range (no wrap on realistic inputs), and the offset -mean*scale on the
     * bias grid. Constant features get scale 1 and no offset.
     *
     * @param inputs raw inputs of {@code scheme.input()}, {@code count} rows of {@code width} values.
     */
    static InputScaling fit(final QuantizationScheme scheme, final int[] inputs, final int count, final int width)
    {
        final FixedPointType in = scheme.input();
        final FixedPointType scaleType = scheme.scale();
        final int minExponent = -scaleType.fractionBits();
        final int maxExponent = scaleType.integerBits() - 2; // 2^e must stay below 2^(I-1)
        final double limit = HEADROOM * Math.scalb(1.0, scheme.scaled().integerBits() - 1);
        final int[] scale = new int[width];
        final int[] bias = new int[width];
        for (int k = 0; k < width; k++)
        {
            double sum = 0;
            double sumSq = 0;
            double maxAbs = 0;
            for (int e = 0; e < count; e++)
            {
                final double x = in.toDouble(inputs[e * width + k]);
                sum += x;
                sumSq += x * x;
                maxAbs = Math.max(maxAbs, Math.abs(x));
            }
            final double mean = count > 0 ? sum / count : 0;
            final double std = count > 0 ? Math.sqrt(Math.max(0, sumSq / count - mean * mean)) : 0;
            if (!(std > 0))
            {
                scale[k] = (int)scaleType.fromDouble(1.0);
                bias[k] = 0;
                continue;
            }
            int exponent = (int)Math.round(-StrictMath.log(std) / StrictMath.log(2.0));
            exponent = Math.max(minExponent, Math.min(maxExponent, exponent));
            long b = scheme.scaleBias().fromDouble(-mean * Math.scalb(1.0, exponent));
            while (exponent > minExponent &&
                maxAbs * Math.scalb(1.0, exponent) + Math.abs(scheme.scaleBias().toDouble(b)) > limit)
            {
                exponent--;
                b = scheme.scaleBias().fromDouble(-mean * Math.scalb(1.0, exponent));
            }
            scale[k] = (int)scaleType.fromDouble(Math.scalb(1.0, exponent));
            bias[k] = (int)b;
        }
        return new InputScaling(scheme, scale, bias);
    }

    /** Check that the batchnorm of these types runs in 32-bit arithmetic, as {@link #apply} does. */
    static void checkTypes(
        final FixedPointType input, final FixedPointType scale, final FixedPointType scaleBias,
        final FixedPointType scaled)
    {
        final int productFraction = input.fractionBits() + scale.fractionBits();
        final int common = Math.max(productFraction, scaleBias.fractionBits());
        if (common - productFraction >= 32 || common - scaleBias.fractionBits() >= 32)
        {
            throw new IllegalArgumentException("input scaling: aligning input " + input + " times scale " + scale +
                " with offset " + scaleBias + " needs shifts of 32 bits or more");
        }
        new ShiftWrap(common, scaled, "input scaling");
    }

    /** Scale and offset {@code width} raw inputs from {@code in[inOffset..]} into {@code out[outOffset..]}. */
    void apply(final int[] in, final int inOffset, final int[] out, final int outOffset, final int width)
    {
        final int ps = productShift;
        for (int k = 0; k < width; k++)
        {
            out[outOffset + k] = toResult.apply(((in[inOffset + k] * scaleRaw[k]) << ps) + alignedBias[k]);
        }
    }

    /** The layer as the bundle holds it. */
    BatchNormLayer toLayer(final String name)
    {
        return new BatchNormLayer(name, scaleRaw.length, scheme.scale(),
            java.util.Arrays.stream(scaleRaw).asLongStream().toArray(), scheme.scaleBias(),
            java.util.Arrays.stream(biasRaw).asLongStream().toArray(), scheme.scaled());
    }

    /** Scale factor of feature k. */
    public double scale(final int k)
    {
        return scheme.scale().toDouble(scaleRaw[k]);
    }

    /** Offset of feature k. */
    public double offset(final int k)
    {
        return scheme.scaleBias().toDouble(biasRaw[k]);
    }

    public int size()
    {
        return scaleRaw.length;
    }
}
