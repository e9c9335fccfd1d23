package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.engine.RandomFixedPointModels;
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

/**
 * Random MLPs scaled like trained hls4ml models (small weights, accumulators a few bits wider than the data), so
 * that outputs vary from event to event, with every rounding and overflow mode, narrow accumulators that wrap or
 * saturate, and now and then an exotic grid (I below 0 or above W).
 */
final class DifferentialModels
{
    private DifferentialModels()
    {
    }

    static ModelBundle random(final SplittableRandom r, final Hls4mlProjectWriter.Style style)
    {
        final int inSize = 1 + r.nextInt(12);
        final FixedPointType inType = type(r, 6, 20, 1, 8);
        final List<Layer> layers = new ArrayList<>();
        int size = inSize;
        final int dense = 1 + r.nextInt(3);
        for (int d = 0; d < dense; d++)
        {
            final int out = 1 + r.nextInt(12);
            final FixedPointType wt = type(r, 4, 18, 0, 3);
            // QKeras writes ap_int biases and sizes accumulators beyond 32 bits.
            final FixedPointType bt = r.nextInt(6) == 0 ? FixedPointType.apInt(r.nextInt(4) != 0, 2 + r.nextInt(8)) :
                type(r, 4, 18, 0, 4);
            final int accKind = r.nextInt(8);
            final FixedPointType acc = accKind < 2 ? type(r, 4, 12, 1, 5) : accKind == 2 ? type(r, 33, 64, 8, 24) :
                type(r, 10, 26, 4, 12);
            final FixedPointType res = type(r, 6, 20, 2, 9);
            layers.add(new DenseLayer("dense_" + d, size, out, wt, raw(r, wt, size * out, r.nextDouble() * 0.8), bt,
                raw(r, bt, out, 0.2), acc, res));
            size = out;
            if (r.nextInt(3) == 0)
            {
                final FixedPointType st = type(r, 6, 18, 1, 4);
                final FixedPointType sb = type(r, 6, 18, 1, 4);
                layers.add(new BatchNormLayer("bn_" + d, size, st, raw(r, st, size, 0.05), sb, raw(r, sb, size, 0.1),
                    type(r, 6, 20, 2, 9)));
            }
            final FixedPointType before = layers.get(layers.size() - 1).resultType();
            switch (r.nextInt(6))
            {
                case 0 -> layers.add(new ReluLayer("relu_" + d, size, type(r, 6, 20, 1, 9)));
                case 1 -> layers.add(new LinearLayer("linear_" + d, size, type(r, 6, 20, 1, 9)));
                case 2, 3, 4 -> layers.add(DifferentialActivations.random(r, "act_" + d, size, before, style));
                default ->
                {
                }
            }
        }
        final FixedPointType outType = layers.get(layers.size() - 1).resultType();
        return ModelBundle.of("differential", "", new ModelInput(inSize, inType, List.of()),
            new ModelOutput(size, outType, List.of(), 1.0, ""), layers);
    }

    /** Width in [minW, maxW], integer bits in [minI, maxI] (capped at W), modes at random half the time. */
    static FixedPointType type(final SplittableRandom r, final int minW, final int maxW, final int minI, final int maxI)
    {
        if (r.nextInt(12) == 0)
        {
            return RandomFixedPointModels.randomType(r, maxW);
        }
        if (r.nextInt(40) == 0)
        {
            // ap_fixed<1,I,Q,AP_SAT_SYM>: ap_types' symmetric bound of a 1-bit signed type is min (-1), not -max (0)
            return FixedPointType.of(true, 1, r.nextInt(-3, 4),
                Quantization.values()[r.nextInt(Quantization.values().length)], Overflow.AP_SAT_SYM);
        }
        final boolean signed = r.nextInt(5) != 0;
        final int width = minW + r.nextInt(maxW - minW + 1);
        final int integer = Math.min(width, minI + r.nextInt(maxI - minI + 1));
        final boolean modes = r.nextBoolean();
        final Quantization q = modes ? Quantization.values()[r.nextInt(Quantization.values().length)] :
            Quantization.AP_TRN;
        final Overflow drawn = modes ? Overflow.values()[r.nextInt(Overflow.values().length)] : Overflow.AP_WRAP;
        // ap_types rejects AP_WRAP_SM on unsigned types.
        final Overflow o = !signed && drawn == Overflow.AP_WRAP_SM ? Overflow.AP_WRAP : drawn;
        return FixedPointType.of(signed, signed ? width : Math.min(width, FixedPointType.MAX_WIDTH - 1), integer, q, o);
    }

    private static long[] raw(final SplittableRandom r, final FixedPointType t, final int n, final double zeros)
    {
        final long[] v = new long[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = r.nextDouble() < zeros ? 0 : r.nextLong(t.minRaw(), t.maxRaw() + 1);
        }
        return v;
    }
}
