package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.SoftmaxImplementation;
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
 * Seeded property test of the generated kernel on the types beyond the int kernels: every quantization and overflow
 * mode, saturation bits, ap_int/ap_uint, widths up to 64 (64-bit unsigned included; products of up to 128 bits, sums
 * of 65), in dense, batch norm, ReLU, linear and (a third of the models) activation layers; OpenCL on PoCL equal to
 * the CPU engine's exact general path event by event.
 */
class OpenClWideTypesTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261201L);
    private static final int MODELS = Integer.getInteger("l1infer.test.wide.models", 40);

    @Test
    void generatedKernelsEqualTheCpuEngineOnEveryTypeAndMode()
    {
        final OpenClDevice device = OpenClTestDevices.require();
        final SplittableRandom seeds = new SplittableRandom(SEED);
        final Map<String, ModelBundle> models = new LinkedHashMap<>();
        final List<String> contexts = new ArrayList<>();
        final Set<Quantization> qs = EnumSet.noneOf(Quantization.class);
        final Set<Overflow> os = EnumSet.noneOf(Overflow.class);
        int wide = 0;
        int activations = 0;
        int attempts = 0;
        while (models.size() < MODELS && attempts++ < 20 * MODELS)
        {
            final long modelSeed = seeds.nextLong();
            final ModelBundle model = randomModel(new SplittableRandom(modelSeed));
            if (model == null || !OpenClRandomModelsTest.supportedByTheCpuEngine(model) || undefinedInApTypes(model))
            {
                continue;
            }
            models.put("wide_" + models.size(), model);
            contexts.add("model seed " + modelSeed + ", run seed " + SEED);
            for (final Layer layer : model.layers())
            {
                qs.add(layer.resultType().quantization());
                os.add(layer.resultType().overflow());
                wide += layer.resultType().width() > 32 ? 1 : 0;
                activations += layer instanceof ElementwiseLayer ? 1 : 0;
            }
        }
        assertEquals(EnumSet.allOf(Quantization.class), qs, "quantization modes covered");
        assertEquals(EnumSet.allOf(Overflow.class), os, "overflow modes covered");
        assertTrue(wide > MODELS / 2, "layers with results wider than 32 bits: " + wide);
        assertTrue(activations >= MODELS / 8, "activation layers: " + activations);
        final SplittableRandom r = new SplittableRandom(SEED ^ 0x99);
        int compared = 0;
        try (OpenClProgram program = OpenClProgram.fromSource(device, OpenClKernelSource.program(models), ""))
        {
            int index = 0;
            for (final Map.Entry<String, ModelBundle> e : models.entrySet())
            {
                compared += compareLong(program, e.getKey(), e.getValue(), r, contexts.get(index++));
            }
        }
        assertTrue(compared >= MODELS * 20, "compared only " + compared + " events");
    }

    /**
     * A value with negative integer bits converted into an ap_int reads an uninitialised variable in ap_types'
     * {@code to_ap_int_base}: the generator refuses it (the activation kernels of the CPU engine compute 0 there),
     * so such models are not compared. Any other refusal of a model the CPU engine runs is a failure.
     */
    private static boolean undefinedInApTypes(final ModelBundle model)
    {
        try
        {
            OpenClKernelSource.program("probe", model);
            return false;
        }
        catch (final IllegalArgumentException refused)
        {
            if (refused.getMessage().contains("uninitialised"))
            {
                return true;
            }
            throw refused;
        }
    }

    /** Any type: the edges of width, every mode, saturation bits, ap_int; 64-bit unsigned ones too. */
    static FixedPointType anyType(final SplittableRandom r)
    {
        final boolean signed = r.nextInt(4) != 0;
        final int width = r.nextInt(4) == 0 ? 64 - r.nextInt(3) : 1 + r.nextInt(64);
        if (r.nextInt(8) == 0)
        {
            return FixedPointType.apInt(signed, width);
        }
        final Quantization q = Quantization.values()[r.nextInt(Quantization.values().length)];
        final Overflow o = Overflow.values()[r.nextInt(signed ? 5 : 4)];
        final int n = o == Overflow.AP_WRAP || o == Overflow.AP_WRAP_SM ? (r.nextBoolean() ? 0 :
            r.nextInt(width + 1)) : 0;
        return FixedPointType.of(signed, width, width - r.nextInt(-4, width + 8), q, o, n);
    }

    private static ModelBundle randomModel(final SplittableRandom r)
    {
        try
        {
            final int inSize = 1 + r.nextInt(5);
            final FixedPointType in = anyType(r);
            final List<Layer> layers = new ArrayList<>();
            int size = inSize;
            for (int d = 0; d < 1 + r.nextInt(2); d++)
            {
                final int out = 1 + r.nextInt(5);
                final FixedPointType w = anyType(r);
                final FixedPointType b = anyType(r);
                layers.add(new DenseLayer("dense_" + d, size, out, w, raws(r, w, size * out), b, raws(r, b, out),
                    anyType(r), anyType(r)));
                size = out;
                final int extra = r.nextInt(4);
                if (extra == 0)
                {
                    final FixedPointType s = anyType(r);
                    final FixedPointType bb = anyType(r);
                    layers.add(new BatchNormLayer("bn_" + d, size, s, raws(r, s, size), bb, raws(r, bb, size),
                        anyType(r)));
                }
                else if (extra == 1)
                {
                    layers.add(new ReluLayer("relu_" + d, size, anyType(r)));
                }
                else if (extra == 2)
                {
                    layers.add(new LinearLayer("linear_" + d, size, anyType(r)));
                }
            }
            if (r.nextInt(3) == 0)
            {
                // an activation on wide types too (the CPU engine refuses products above 62 bits there)
                final OpenClActivationModelsTest.Kind[] kinds = OpenClActivationModelsTest.Kind.values();
                final Layer act = OpenClActivationModelsTest.activation(r, kinds[r.nextInt(kinds.length)],
                    SoftmaxImplementation.values()[r.nextInt(4)], size, layers.get(layers.size() - 1).resultType(),
                    anyType(r));
                if (act != null)
                {
                    layers.add(act);
                }
            }
            return ModelBundle.of("wide", "", new ModelInput(inSize, in, List.of()),
                new ModelOutput(size, layers.get(layers.size() - 1).resultType(), List.of(), 1.0, ""), layers);
        }
        catch (final IllegalArgumentException refused)
        {
            return null;
        }
    }

    static long[] raws(final SplittableRandom r, final FixedPointType t, final int count)
    {
        final long[] v = new long[count];
        for (int i = 0; i < count; i++)
        {
            v[i] = r.nextInt(5) == 0 ? 0 : raw(r, t);
        }
        return v;
    }

    /** A raw value: the extremes, small ones, uniform bits of the width. */
    static long raw(final SplittableRandom r, final FixedPointType t)
    {
        return switch (r.nextInt(6))
        {
            case 0 -> t.minRaw();
            case 1 -> t.maxRaw();
            case 2 -> Math.max(t.minRaw(), Math.min(t.maxRaw(), r.nextInt(-3, 4)));
            default ->
            {
                final long bits = r.nextLong() >>> r.nextInt(64 - t.width() + 1);
                final int w = t.width();
                yield w == 64 ? bits : t.isSigned() ? (bits << (64 - w)) >> (64 - w) : bits & ((1L << w) - 1);
            }
        };
    }

    static int compareLong(
        final OpenClProgram program,
        final String kernel,
        final ModelBundle model,
        final SplittableRandom r,
        final String context)
    {
        final int maxBatch = 1 + r.nextInt(24);
        final int events = 20 + r.nextInt(30);
        final FixedPointType inType = model.input().type();
        try (OpenClAccelerator accelerator = new OpenClAccelerator(program, kernel, model, maxBatch, 1,
                MappedBufferPolicy.PERSISTENT);
             FixedPointEmulator cpu = new FixedPointEmulator(model, maxBatch))
        {
            int first = 0;
            while (first < events)
            {
                final int n = Math.min(events - first, 1 + r.nextInt(maxBatch));
                final BatchBuffers gpu = accelerator.buffers(0);
                final BatchBuffers ref = cpu.buffers(0);
                for (int b = 0; b < n; b++)
                {
                    for (int f = 0; f < model.input().size(); f++)
                    {
                        final long x = raw(r, inType);
                        gpu.putInputLong(b, f, x);
                        ref.putInputLong(b, f, x);
                    }
                }
                accelerator.infer(0, n);
                cpu.infer(0, n);
                for (int b = 0; b < n; b++)
                {
                    for (int o = 0; o < model.output().size(); o++)
                    {
                        final int event = b;
                        final int output = o;
                        assertEquals(ref.getOutputLong(b, o), gpu.getOutputLong(b, o), () -> kernel + " (" + context +
                            "), batch " + n + ", event " + event + ", output " + output + ", " + model.layers());
                    }
                }
                first += n;
            }
            return events;
        }
    }
}
