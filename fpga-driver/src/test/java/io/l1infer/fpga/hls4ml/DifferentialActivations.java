package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.EluLayer;
import io.l1infer.fpga.model.HardActivationLayer;
import io.l1infer.fpga.model.HardFunction;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.LookupFunction;
import io.l1infer.fpga.model.PReluLayer;
import io.l1infer.fpga.model.ParametrizedRelu;
import io.l1infer.fpga.model.ParametrizedReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SeluLayer;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;

import java.util.SplittableRandom;

/** A random activation of nnet_activation.h with the fields the given template release writes. */
final class DifferentialActivations
{
    private DifferentialActivations()
    {
    }

    static Layer random(
        final SplittableRandom r,
        final String name,
        final int size,
        final FixedPointType inType,
        final Hls4mlProjectWriter.Style style)
    {
        final boolean v1 = style == Hls4mlProjectWriter.Style.V1_3_0;
        final TemplateGeneration generation = v1 ? TemplateGeneration.V1 : TemplateGeneration.V0_8;
        final FixedPointType res = DifferentialModels.type(r, 8, 18, 1, 6);
        final FixedPointType tableType = DifferentialModels.type(r, 8, 18, 1, 8);
        final ActivationTable table = new ActivationTable(tableType, 1 << (6 + r.nextInt(5)));
        switch (r.nextInt(13))
        {
            case 0:
                return new ReluMaxLayer(name, size, new int[] {1, 6, 3}[r.nextInt(3)], intResult(r, res, inType, 0));
            case 1:
            {
                // now and then param_t with I = -I(data_T): alpha * x then has 0 integer bits (ap_int: floor)
                final int minI = r.nextInt(4) == 0 ? -inType.integerBits() : 0;
                final FixedPointType alphaType = v1 ? DifferentialModels.type(r, 6, 16, minI, Math.max(minI, 2)) :
                    inType;
                return new ParametrizedReluLayer(name, ParametrizedRelu.LEAKY_RELU, size, 0.05 + r.nextInt(40) * 0.01,
                    alphaType, intResult(r, res, inType, alphaType.integerBits()));
            }
            case 2:
                return new ParametrizedReluLayer(name, ParametrizedRelu.THRESHOLDED_RELU, size,
                    r.nextInt(-20, 20) * 0.0625 + 0.01, v1 ? DifferentialModels.type(r, 6, 16, 1, 4) : inType, res);
            case 3:
            {
                final FixedPointType alphaType = v1 ? DifferentialModels.type(r, 6, 16, 0, 2) : inType;
                final long[] alphas = new long[size];
                for (int i = 0; i < size; i++)
                {
                    alphas[i] = r.nextLong(alphaType.minRaw(), alphaType.maxRaw() + 1);
                }
                return new PReluLayer(name, size, alphaType, alphas, res);
            }
            case 4:
                if (r.nextBoolean())
                {
                    return new EluLayer(name, size, 1.0, v1 ? FixedPointType.parse("ap_ufixed<1,1>") : res, table,
                        res);
                }
                return new EluLayer(name, size, 0.5 + r.nextInt(10) * 0.1,
                    v1 ? DifferentialModels.type(r, 6, 16, 1, 3) : res, table, res);
            case 5:
                return new SeluLayer(name, size, table, generation, res);
            case 6:
            case 7:
                return new LookupActivationLayer(name, LookupFunction.values()[r.nextInt(4)], size, table, res);
            case 8:
            {
                final FixedPointType slopeType = DifferentialModels.type(r, 8, 18, 1, 3);
                final FixedPointType shiftType = DifferentialModels.type(r, 8, 18, 1, 3);
                return new HardActivationLayer(name, r.nextBoolean() ? HardFunction.HARD_SIGMOID :
                    HardFunction.HARD_TANH, generation, size, 0.2, slopeType, 0.5, shiftType, res);
            }
            default:
                return softmax(r, name, size, inType, v1, res);
        }
    }

    /**
     * Now and then an ap_int result for relu_max and leaky_relu (to_ap_int_base toward zero, and floor from 0 integer
     * bits), where ap_types defines it: x and alpha * x with at least 0 integer bits ({@code alphaI} alpha's).
     */
    private static FixedPointType intResult(
        final SplittableRandom r, final FixedPointType res, final FixedPointType in, final int alphaI)
    {
        final boolean defined = in.integerBits() >= 0 && in.integerBits() + alphaI >= 0;
        return defined && r.nextInt(4) == 0 ? FixedPointType.apInt(r.nextInt(4) != 0, 2 + r.nextInt(9)) : res;
    }

    /** Mostly saturating (AP_SAT), a third of the time {@code t} as drawn: wrapping, so inf and huge entries wrap. */
    private static FixedPointType saturating(final SplittableRandom r, final FixedPointType t)
    {
        if (r.nextInt(3) == 0)
        {
            return t;
        }
        return FixedPointType.of(t.isSigned(), t.width(), t.integerBits(), t.quantization(),
            Overflow.AP_SAT);
    }

    private static SoftmaxLayer softmax(
        final SplittableRandom r,
        final String name,
        final int size,
        final FixedPointType inType,
        final boolean v1,
        final FixedPointType res)
    {
        final SoftmaxImplementation implementation = SoftmaxImplementation.values()[r.nextInt(4)];
        // The tables hold exp(x) and 1/x, which reach infinity: saturating and wrapping table types alike
        // (InfiniteTableEntryVsApTypesTest checks those entries against ap_types).
        final FixedPointType expTable = r.nextBoolean() ? FixedPointType.parse("ap_fixed<18,8,AP_RND,AP_SAT>") :
            saturating(r, DifferentialModels.type(r, 10, 18, 4, 10));
        final FixedPointType invTable = r.nextBoolean() ? FixedPointType.parse("ap_fixed<18,8,AP_RND,AP_SAT>") :
            saturating(r, DifferentialModels.type(r, 10, 18, 2, 8));
        final FixedPointType resUnsigned = FixedPointType.parse("ap_ufixed<16,0>");
        final FixedPointType out = r.nextBoolean() ? res : resUnsigned;
        // softmax indexes its tables with the top bits of the value (exp: the input, inverse: the sum), so a table
        // needs no more address bits than that type has; the engine refuses a wider one, where the C++ would slice
        // outside the value.
        final int drawn = 6 + r.nextInt(5);
        final int tableSize = 1 << Math.min(drawn, Math.min(inType.width(), expTable.width()));
        if (!v1)
        {
            return SoftmaxLayer.beforeV1(name, size, implementation, TemplateGeneration.V0_8, tableSize, expTable,
                invTable, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, out);
        }
        final int scale = 32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1));
        final FixedPointType accum = r.nextBoolean() ? FixedPointType.of(expTable.isSigned(),
            expTable.width() + scale, expTable.integerBits() + scale, expTable.quantization(), expTable.overflow()) :
            DifferentialModels.type(r, 12, 24, 4, 12);
        final FixedPointType norm = implementation == SoftmaxImplementation.STABLE ?
            FixedPointType.of(false, Math.min(inType.width(), 31), inType.integerBits(), inType.quantization(),
            inType.overflow() == Overflow.AP_WRAP_SM ? Overflow.AP_WRAP : inType.overflow()) : null;
        final int inner = size % 2 == 0 && r.nextInt(4) == 0 ? 2 : 1;
        final FixedPointType invInput = r.nextBoolean() ? expTable : invTable;
        final int invBits = Math.min(6 + r.nextInt(5), Math.min(invInput.width(), accum.width()));
        return new SoftmaxLayer(name, size, implementation, TemplateGeneration.V1,
            new ActivationTable(expTable, tableSize), new ActivationTable(invTable, 1 << invBits), accum, invInput,
            norm, r.nextInt(3) == 0 ? 0.5f : 1.0f, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, 1, inner, out);
    }
}
