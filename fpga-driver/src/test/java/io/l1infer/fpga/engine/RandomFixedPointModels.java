package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random models over every supported Q/O mode, with narrow types that make wrap and saturation common. */
public final class RandomFixedPointModels
{
    private RandomFixedPointModels()
    {
    }

    public static FixedPointType randomType(final SplittableRandom r, final int maxWidth)
    {
        final boolean signed = r.nextInt(4) != 0;
        final int width = 2 + r.nextInt(maxWidth - 1);
        final int fraction = r.nextInt(-3, Math.min(width + 6, 28));
        // The modes the int kernels and the OpenCL generator handle; randomWideType draws every mode.
        final Quantization q = Quantization.values()[r.nextInt(3)];
        final Overflow o = Overflow.values()[r.nextInt(2)];
        return FixedPointType.of(signed, width, width - fraction, q, o);
    }

    /** A type biased to hls4ml's defaults so the fast 32-bit paths are exercised too. */
    public static FixedPointType mostlyDefaultType(final SplittableRandom r, final int maxWidth)
    {
        final FixedPointType t = randomType(r, maxWidth);
        if (r.nextInt(3) == 0)
        {
            return t;
        }
        return FixedPointType.of(t.isSigned() || r.nextBoolean(), t.width(), t.integerBits(),
            Quantization.AP_TRN, Overflow.AP_WRAP);
    }

    /** Random raw values of a type; a structured sparsity with whole zero rows and columns. */
    static long[] randomRaw(final SplittableRandom r, final FixedPointType t, final int count, final double zeros)
    {
        final long[] v = new long[count];
        for (int i = 0; i < count; i++)
        {
            v[i] = r.nextDouble() < zeros ? 0 : randomValue(r, t);
        }
        return v;
    }

    static int randomValue(final SplittableRandom r, final FixedPointType t)
    {
        switch (r.nextInt(8))
        {
            case 0:
                return (int)t.minRaw();
            case 1:
                return (int)t.maxRaw();
            case 2:
                return (int)Math.max(t.minRaw(), Math.min(t.maxRaw(), r.nextInt(-3, 4)));
            default:
                return (int)r.nextLong(t.minRaw(), t.maxRaw() + 1);
        }
    }

    public static ModelBundle randomModel(final SplittableRandom r)
    {
        // A third of the models use only truncating, wrapping types (hls4ml's defaults, the SIMD path), a third
        // mostly those, a third any mode.
        final int profile = r.nextInt(3);
        final java.util.function.IntFunction<FixedPointType> type = maxWidth -> switch (profile)
        {
            case 0 -> defaultType(r, maxWidth);
            case 1 -> mostlyDefaultType(r, maxWidth);
            default -> randomType(r, maxWidth);
        };
        final FixedPointType inType = type.apply(20);
        final int inSize = 1 + r.nextInt(10);
        final List<Layer> layers = new ArrayList<>();
        int size = inSize;
        final int denseCount = 1 + r.nextInt(3);
        for (int d = 0; d < denseCount; d++)
        {
            final int out = 1 + r.nextInt(10);
            final FixedPointType wt = type.apply(20);
            final FixedPointType bt = type.apply(20);
            final FixedPointType acc = type.apply(24);
            final FixedPointType res = type.apply(20);
            final long[] w = randomRaw(r, wt, size * out, r.nextDouble() * 0.9);
            if (r.nextInt(3) == 0)
            {
                final int zeroColumn = r.nextInt(out);
                for (int i = 0; i < size; i++)
                {
                    w[i * out + zeroColumn] = 0;
                }
            }
            layers.add(new DenseLayer("dense_" + d, size, out, wt, w, bt, randomRaw(r, bt, out, 0.2), acc, res));
            size = out;
            if (r.nextBoolean())
            {
                final FixedPointType st = type.apply(18);
                final FixedPointType bnb = type.apply(18);
                layers.add(new BatchNormLayer("bn_" + d, size, st, randomRaw(r, st, size, 0.1), bnb,
                    randomRaw(r, bnb, size, 0.1), type.apply(20)));
            }
            switch (r.nextInt(3))
            {
                case 0 -> layers.add(new ReluLayer("relu_" + d, size, type.apply(20)));
                case 1 -> layers.add(new LinearLayer("linear_" + d, size, type.apply(20)));
                default ->
                {
                }
            }
        }
        final FixedPointType outType = layers.get(layers.size() - 1).resultType();
        return ModelBundle.of("random", "", new ModelInput(inSize, inType, List.of()),
            new ModelOutput(size, outType, List.of(), 1.0, ""), layers);
    }

    /** A random width and grid with AP_TRN and AP_WRAP. */
    public static FixedPointType defaultType(final SplittableRandom r, final int maxWidth)
    {
        final FixedPointType t = randomType(r, maxWidth);
        return FixedPointType.of(t.isSigned(), t.width(), t.integerBits(), Quantization.AP_TRN, Overflow.AP_WRAP);
    }
}
