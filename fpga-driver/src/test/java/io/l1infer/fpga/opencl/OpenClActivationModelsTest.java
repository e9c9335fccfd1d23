package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.EluLayer;
import io.l1infer.fpga.model.HardActivationLayer;
import io.l1infer.fpga.model.HardFunction;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.LookupFunction;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.PReluLayer;
import io.l1infer.fpga.model.ParametrizedRelu;
import io.l1infer.fpga.model.ParametrizedReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SeluLayer;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded property test: random dense + activation models over every activation of nnet_activation.h (relu_max,
 * leaky, thresholded, prelu, elu, selu, sigmoid, tanh, softplus, softsign, hard sigmoid/tanh, softmax latency,
 * stable, legacy, argmax in each template generation) give, event by event, the same raw outputs from the generated
 * OpenCL kernel on PoCL as from the CPU engine ({@link FixedPointEmulator}, itself checked against g++ builds of
 * the hls4ml headers by ActivationOracleTest). All models are one program (one PoCL build).
 */
class OpenClActivationModelsTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261201L);
    private static final int MODELS = Integer.getInteger("l1infer.test.activation.models", 36);

    enum Kind
    {
        RELU_MAX, LEAKY, THRESHOLDED, PRELU, ELU, SELU, LOOKUP, HARD, SOFTMAX
    }

    @Test
    void generatedKernelsEqualTheCpuEngineOnEveryActivation()
    {
        final OpenClDevice device = OpenClTestDevices.require();
        final SplittableRandom seeds = new SplittableRandom(SEED);
        final Map<String, ModelBundle> models = new LinkedHashMap<>();
        final List<String> contexts = new ArrayList<>();
        final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        final Set<SoftmaxImplementation> softmaxes = EnumSet.noneOf(SoftmaxImplementation.class);
        int attempts = 0;
        while (models.size() < MODELS && attempts++ < 20 * MODELS)
        {
            final long modelSeed = seeds.nextLong();
            // every third model a softmax, its implementations in turn
            final Kind kind = models.size() % 3 == 2 ? Kind.SOFTMAX :
                Kind.values()[(models.size() - models.size() / 3) % (Kind.values().length - 1)];
            final SoftmaxImplementation impl = SoftmaxImplementation.values()[(models.size() / 3) % 4];
            final ModelBundle model = randomModel(new SplittableRandom(modelSeed), kind, impl);
            if (model == null || !OpenClRandomModelsTest.supportedByTheCpuEngine(model))
            {
                continue;
            }
            models.put("act_" + models.size(), model);
            contexts.add(kind + " (model seed " + modelSeed + ", run seed " + SEED + ")");
            kinds.add(kind);
            for (final Layer layer : model.layers())
            {
                if (layer instanceof SoftmaxLayer s)
                {
                    softmaxes.add(s.implementation());
                }
            }
        }
        assertEquals(EnumSet.allOf(Kind.class), kinds, "activation kinds the CPU engine accepted");
        assertEquals(EnumSet.allOf(SoftmaxImplementation.class), softmaxes, "softmax implementations");
        final SplittableRandom r = new SplittableRandom(SEED ^ 0x77);
        int compared = 0;
        try (OpenClProgram program = OpenClProgram.fromSource(device, OpenClKernelSource.program(models), ""))
        {
            int index = 0;
            for (final Map.Entry<String, ModelBundle> e : models.entrySet())
            {
                compared += OpenClRandomModelsTest.compare(program, e.getKey(), e.getValue(), r,
                    contexts.get(index++));
            }
        }
        assertTrue(compared >= MODELS * 40, "compared only " + compared + " events");
    }

    private static ModelBundle randomModel(
        final SplittableRandom r, final Kind kind, final SoftmaxImplementation impl)
    {
        final FixedPointType in = FixedPointType.of(true, 8 + r.nextInt(9), 2 + r.nextInt(5), Quantization.AP_TRN,
            Overflow.AP_WRAP);
        final FixedPointType mid = FixedPointType.of(true, 10 + r.nextInt(9), 3 + r.nextInt(5), randomQ(r),
            randomO(r, true));
        final boolean resSigned = r.nextInt(5) != 0;
        final FixedPointType res = FixedPointType.of(resSigned, 6 + r.nextInt(13), 1 + r.nextInt(5),
            randomQ(r), randomO(r, resSigned));
        final int n = 2 + r.nextInt(7);
        final int nIn = 2 + r.nextInt(6);
        final FixedPointType w = FixedPointType.of(true, 8 + r.nextInt(6), 1 + r.nextInt(3), Quantization.AP_TRN,
            Overflow.AP_WRAP);
        final long[] weights = new long[nIn * n];
        for (int k = 0; k < weights.length; k++)
        {
            weights[k] = r.nextInt(5) == 0 ? 0 : r.nextLong(w.minRaw(), w.maxRaw() + 1);
        }
        final long[] biases = new long[n];
        for (int k = 0; k < n; k++)
        {
            biases[k] = r.nextLong(w.minRaw(), w.maxRaw() + 1);
        }
        final FixedPointType acc = FixedPointType.of(true, 18 + r.nextInt(8), 6 + r.nextInt(4), Quantization.AP_TRN,
            Overflow.AP_WRAP);
        final List<Layer> layers = new ArrayList<>();
        layers.add(new DenseLayer("dense", nIn, n, w, weights, w, biases, acc, mid));
        final Layer act = activation(r, kind, impl, n, mid, res);
        if (act == null)
        {
            return null;
        }
        layers.add(act);
        try
        {
            return ModelBundle.of("activation-" + kind, "", new ModelInput(nIn, in, List.of()),
                new ModelOutput(n, act.resultType(), List.of(), 1, ""), layers);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    /** A random activation layer of {@code kind} on inputs of type {@code in}, or null when its record refuses. */
    static Layer activation(
        final SplittableRandom r,
        final Kind kind,
        final SoftmaxImplementation impl,
        final int n,
        final FixedPointType in,
        final FixedPointType res)
    {
        final boolean paramSigned = r.nextInt(4) != 0;
        final FixedPointType param = FixedPointType.of(paramSigned, 8 + r.nextInt(9), 1 + r.nextInt(3),
            randomQ(r), randomO(r, paramSigned));
        final FixedPointType table = FixedPointType.of(true, 10 + r.nextInt(9), 2 + r.nextInt(7), randomQ(r),
            randomO(r, true));
        final int tableSize = r.nextBoolean() ? 1024 : 16 << r.nextInt(8);
        final TemplateGeneration g = TemplateGeneration.values()[r.nextInt(3)];
        try
        {
            return switch (kind)
            {
                case RELU_MAX -> new ReluMaxLayer("relu_max", n, r.nextBoolean() ? 6 : 1, res);
                case LEAKY -> new ParametrizedReluLayer("leaky", ParametrizedRelu.LEAKY_RELU, n,
                    r.nextDouble(-0.5, 1.0), param, res);
                case THRESHOLDED -> new ParametrizedReluLayer("thresholded", ParametrizedRelu.THRESHOLDED_RELU, n,
                    r.nextDouble(-2.0, 3.0), param, res);
                case PRELU ->
                {
                    final long[] alphas = new long[n];
                    for (int k = 0; k < n; k++)
                    {
                        alphas[k] = r.nextLong(param.minRaw(), param.maxRaw() + 1);
                    }
                    yield new PReluLayer("prelu", n, param, alphas, res);
                }
                case ELU -> new EluLayer("elu", n, r.nextDouble(0.1, 2.0), param, new ActivationTable(table, tableSize),
                    res);
                case SELU -> new SeluLayer("selu", n, new ActivationTable(table, tableSize), g, res);
                case LOOKUP -> new LookupActivationLayer("lookup", LookupFunction.values()[r.nextInt(4)], n,
                    new ActivationTable(table, tableSize), res);
                case HARD ->
                {
                    final HardFunction f = g == TemplateGeneration.EARLY ? HardFunction.HARD_SIGMOID :
                        HardFunction.values()[r.nextInt(2)];
                    final boolean early = g == TemplateGeneration.EARLY;
                    yield new HardActivationLayer("hard", f, g, n, early ? 0.2 : r.nextDouble(0.05, 1.0),
                        early ? in : param, early ? 0.5 : r.nextDouble(-0.5, 1.0), early ? in : param, res);
                }
                case SOFTMAX -> softmax(r, impl, n, in, res, g, tableSize);
            };
        }
        catch (final IllegalArgumentException refused)
        {
            return null;
        }
    }

    private static SoftmaxLayer softmax(
        final SplittableRandom r,
        final SoftmaxImplementation impl,
        final int n,
        final FixedPointType in,
        final FixedPointType res,
        final TemplateGeneration g,
        final int tableSize)
    {
        final FixedPointType exp = FixedPointType.of(r.nextInt(4) != 0, 14 + r.nextInt(6), 6 + r.nextInt(4),
            Quantization.AP_RND, Overflow.AP_SAT);
        final FixedPointType inv = FixedPointType.of(r.nextInt(4) != 0, 14 + r.nextInt(6), 4 + r.nextInt(6),
            Quantization.AP_RND, Overflow.AP_SAT);
        final int size = Math.min(tableSize, 1 << Math.min(in.width(), 10));
        if (g != TemplateGeneration.V1)
        {
            return SoftmaxLayer.beforeV1("softmax", n, impl, g, size, exp, inv,
                r.nextBoolean() ? SoftmaxLayer.ACTIV_CONFIG_TABLE_T : exp, res);
        }
        // narrow sums too, so that the order of nnet::reduce's conversions matters
        final boolean accumSigned = r.nextInt(4) != 0;
        final FixedPointType accum = FixedPointType.of(accumSigned, 8 + r.nextInt(14), 2 + r.nextInt(8),
            randomQ(r), randomO(r, accumSigned));
        final boolean invSigned = r.nextInt(4) != 0;
        final FixedPointType invIn = FixedPointType.of(invSigned, 12 + r.nextInt(8), 4 + r.nextInt(6),
            randomQ(r), randomO(r, invSigned));
        final FixedPointType norm = FixedPointType.of(true, in.width(), in.integerBits(), Quantization.AP_RND,
            Overflow.AP_SAT);
        final int outer = n % 2 == 0 && r.nextBoolean() ? 2 : 1;
        return new SoftmaxLayer("softmax", n, impl, g, new ActivationTable(exp, size), new ActivationTable(inv, size),
            accum, invIn, norm, r.nextBoolean() ? 1.0f : (float)r.nextDouble(0.25, 2.0),
            SoftmaxLayer.ACTIV_CONFIG_TABLE_T, outer, 1, res);
    }

    private static Quantization randomQ(final SplittableRandom r)
    {
        final Quantization[] q = Quantization.values();
        return q[r.nextInt(q.length)];
    }

    /** A random overflow mode; ap_ufixed cannot take AP_WRAP_SM, so unsigned types get AP_WRAP instead. */
    private static Overflow randomO(final SplittableRandom r, final boolean signed)
    {
        final Overflow[] o = Overflow.values();
        final Overflow pick = o[r.nextInt(o.length)];
        return !signed && pick.name().equals("AP_WRAP_SM") ? Overflow.AP_WRAP : pick;
    }
}
