package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.engine.RandomFixedPointModels;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded property test: on random models over every Q/O mode, unsigned types and negative F, the generated kernel
 * on PoCL returns exactly what {@link FixedPointEmulator} returns, for random inputs and batch sizes. All models
 * are compiled as one program to keep the build cost to one clBuildProgram.
 */
class OpenClRandomModelsTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261124L);
    private static final int RANDOM_MODELS = 40;

    @Test
    void generatedKernelsEqualTheCpuEngine()
    {
        final OpenClDevice device = OpenClTestDevices.require();
        final SplittableRandom seeds = new SplittableRandom(SEED);
        final Map<String, ModelBundle> models = new LinkedHashMap<>();
        final List<Long> modelSeeds = new ArrayList<>();
        while (models.size() < RANDOM_MODELS)
        {
            final long modelSeed = seeds.nextLong();
            final ModelBundle model = RandomFixedPointModels.randomModel(new SplittableRandom(modelSeed));
            if (supportedByTheCpuEngine(model))
            {
                models.put("random_" + models.size(), model);
                modelSeeds.add(modelSeed);
            }
        }
        final List<ModelBundle> extremes = extremeModels(new SplittableRandom(SEED ^ 0x3c3c));
        for (int i = 0; i < extremes.size(); i++)
        {
            models.put("extreme_" + i, extremes.get(i));
        }

        final SplittableRandom r = new SplittableRandom(SEED ^ 0x5a5a);
        int compared = 0;
        try (OpenClProgram program = OpenClProgram.fromSource(device, OpenClKernelSource.program(models), ""))
        {
            int index = 0;
            for (final Map.Entry<String, ModelBundle> e : models.entrySet())
            {
                final String context = e.getKey() + (index < modelSeeds.size() ?
                    " (model seed " + modelSeeds.get(index) + ", run seed " + SEED + ")" : " (run seed " + SEED + ")");
                compared += compare(program, e.getKey(), e.getValue(), r, context);
                index++;
            }
        }
        assertTrue(compared > 1000, "compared only " + compared + " events");
    }

    /** Runs random batches of random inputs through both engines; every output must be equal. Returns events. */
    static int compare(
        final OpenClProgram program,
        final String kernel,
        final ModelBundle model,
        final SplittableRandom r,
        final String context)
    {
        final int maxBatch = 1 + r.nextInt(40);
        final MappedBufferPolicy policy = r.nextBoolean() ? MappedBufferPolicy.PERSISTENT :
            MappedBufferPolicy.REMAP_EACH_BATCH;
        final int events = 30 + r.nextInt(60);
        final int inSize = model.input().size();
        final int outSize = model.output().size();
        final FixedPointType inType = model.input().type();
        try (OpenClAccelerator accelerator = new OpenClAccelerator(program, kernel, model, maxBatch, 2, policy);
             FixedPointEmulator cpu = new FixedPointEmulator(model, maxBatch))
        {
            int first = 0;
            int batchNumber = 0;
            while (first < events)
            {
                final int n = Math.min(events - first, 1 + r.nextInt(maxBatch));
                final int set = batchNumber % 2;
                final BatchBuffers gpu = accelerator.buffers(set);
                final BatchBuffers ref = cpu.buffers(0);
                for (int b = 0; b < n; b++)
                {
                    for (int f = 0; f < inSize; f++)
                    {
                        final int raw = randomRaw(r, inType);
                        gpu.putInput(b, f, raw);
                        ref.putInput(b, f, raw);
                    }
                }
                accelerator.infer(set, n);
                cpu.infer(0, n);
                for (int b = 0; b < n; b++)
                {
                    for (int o = 0; o < outSize; o++)
                    {
                        final int event = b;
                        final int output = o;
                        assertEquals(ref.getOutput(b, o), gpu.getOutput(b, o), () -> context + ", " + policy +
                            ", batch " + n + ", event " + event + ", output " + output + ", " + model.layers());
                    }
                }
                first += n;
                batchNumber++;
            }
            return events;
        }
    }

    static boolean supportedByTheCpuEngine(final ModelBundle model)
    {
        try
        {
            new FixedPointEmulator(model, 1).close();
            return true;
        }
        catch (final IllegalArgumentException tooWide)
        {
            return false;
        }
    }

    /** A raw input: the type's extremes, small values and uniform ones. */
    static int randomRaw(final SplittableRandom r, final FixedPointType t)
    {
        return switch (r.nextInt(8))
        {
            case 0 -> (int)t.minRaw();
            case 1 -> (int)t.maxRaw();
            case 2 -> 0;
            case 3 -> (int)Math.max(t.minRaw(), Math.min(t.maxRaw(), r.nextInt(-3, 4)));
            default -> (int)r.nextLong(t.minRaw(), t.maxRaw() + 1);
        };
    }

    /**
     * Hand-picked corners: 32-bit types (a full-width wrap), products that need 64 bits, a shift of the product
     * past 63 bits, left shifts of 32 or more, saturating and rounding accumulators, unsigned narrow types.
     */
    private static List<ModelBundle> extremeModels(final SplittableRandom r)
    {
        final String[][] chains = {
            // input, weight, accumulator, result
            {"ap_fixed<32,16>", "ap_fixed<32,2>", "ap_fixed<32,8>", "ap_fixed<32,12>"},
            {"ap_fixed<17,2>", "ap_fixed<17,2>", "ap_fixed<16,6>", "ap_fixed<16,6>"},
            {"ap_fixed<30,4>", "ap_fixed<30,4>", "ap_fixed<20,2>", "ap_fixed<12,3,AP_RND_CONV,AP_SAT>"},
            {"ap_fixed<32,-20>", "ap_fixed<32,-20>", "ap_fixed<8,40>", "ap_fixed<8,40,AP_RND>"},
            {"ap_fixed<8,40>", "ap_fixed<8,40>", "ap_fixed<24,-38>", "ap_ufixed<10,-5,AP_RND,AP_SAT>"},
            {"ap_fixed<8,40>", "ap_fixed<8,40>", "ap_fixed<24,-38,AP_TRN,AP_SAT>", "ap_fixed<10,2>"},
            {"ap_ufixed<12,2>", "ap_fixed<24,1>", "ap_ufixed<14,4>", "ap_fixed<9,3,AP_RND_CONV>"},
            {"ap_fixed<24,8>", "ap_fixed<24,2,AP_RND>", "ap_fixed<32,10,AP_RND_CONV,AP_SAT>", "ap_fixed<32,10>"},
            {"ap_fixed<20,10>", "ap_fixed<20,1>", "ap_fixed<18,8,AP_TRN,AP_SAT>", "ap_ufixed<16,8,AP_TRN,AP_SAT>"},
        };
        final List<ModelBundle> models = new ArrayList<>();
        for (final String[] c : chains)
        {
            final FixedPointType in = FixedPointType.parse(c[0]);
            final FixedPointType w = FixedPointType.parse(c[1]);
            final FixedPointType acc = FixedPointType.parse(c[2]);
            final FixedPointType res = FixedPointType.parse(c[3]);
            final int nIn = 3 + r.nextInt(6);
            final int nOut = 2 + r.nextInt(6);
            final long[] weights = new long[nIn * nOut];
            for (int k = 0; k < weights.length; k++)
            {
                weights[k] = r.nextInt(4) == 0 ? 0 : randomRaw(r, w);
            }
            final long[] biases = new long[nOut];
            for (int k = 0; k < nOut; k++)
            {
                biases[k] = randomRaw(r, w);
            }
            final List<Layer> layers = new ArrayList<>();
            layers.add(new DenseLayer("dense", nIn, nOut, w, weights, w, biases, acc, res));
            layers.add(new ReluLayer("relu", nOut, FixedPointType.parse("ap_fixed<18,3,AP_RND,AP_SAT>")));
            layers.add(new LinearLayer("linear", nOut, FixedPointType.parse("ap_ufixed<7,2>")));
            models.add(ModelBundle.of("extreme", "", new ModelInput(nIn, in, List.of()),
                new ModelOutput(nOut, layers.get(layers.size() - 1).resultType(), List.of(), 1, ""), layers));
            models.add(ModelBundle.of("extreme-dense-only", "", new ModelInput(nIn, in, List.of()),
                new ModelOutput(nOut, res, List.of(), 1, ""), List.of(layers.get(0))));
        }
        return models;
    }
}
