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
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random models over every quantization and overflow mode, saturation bits, ap_int/ap_uint and widths up to
 * 64 bits (64-bit unsigned ones included) run on the emulator's exact general path and equal the BigInteger
 * {@link ReferenceEmulator}.
 */
class GeneralPathMatchesReferenceTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261201L);

    @Test
    void randomWideModelsOverEveryModeAgree()
    {
        final SplittableRandom seeds = new SplittableRandom(SEED);
        final Set<Quantization> quantizations = EnumSet.noneOf(Quantization.class);
        final Set<Overflow> overflows = EnumSet.noneOf(Overflow.class);
        int models = 0;
        int wide = 0;
        int integers = 0;
        int refused = 0;
        while (models < 300)
        {
            final long modelSeed = seeds.nextLong();
            final SplittableRandom r = new SplittableRandom(modelSeed);
            final ModelBundle model = randomModel(r);
            final FixedPointEmulator engine;
            try
            {
                engine = new FixedPointEmulator(model, 1 + r.nextInt(40));
            }
            catch (final IllegalArgumentException refusedAtLoad)
            {
                // ap_int from a negative-I source, or a batchnorm needing more than 126 bits: named and refused.
                assertTrue(refusedAtLoad.getMessage().contains("layer '"), refusedAtLoad.getMessage());
                refused++;
                continue;
            }
            models++;
            final String context = "model seed " + modelSeed + " (run seed " + SEED + ")";
            assertTrue(engine.description().contains("general path"), context + " " + engine.description());
            for (final Layer layer : model.layers())
            {
                for (final FixedPointType t : types(layer))
                {
                    quantizations.add(t.quantization());
                    overflows.add(t.overflow());
                    wide += t.width() > 32 ? 1 : 0;
                    integers += t.isInteger() ? 1 : 0;
                }
            }
            compare(model, engine, new SplittableRandom(modelSeed + 1), 30, context);
        }
        System.out.println("general path: 300 random models equal the reference (" + refused + " refused at load, " +
            wide + " types wider than 32 bits, " + integers + " ap_int types)");
        assertEquals(EnumSet.allOf(Quantization.class), quantizations, "every quantization mode drawn");
        assertEquals(EnumSet.allOf(Overflow.class), overflows, "every overflow mode drawn");
        assertTrue(wide > 100 && integers > 20, "wide " + wide + ", ap_int " + integers);
    }

    @Test
    void sixtyFourBitProductsNeedAndGetOneHundredTwentyEightBits()
    {
        // ap_fixed<64,8> data times ap_fixed<64,4> weights: the exact product has 128 bits; accumulated into a
        // rounding, saturating ap_fixed<64,20> and read out as an AP_WRAP_SM ap_fixed<40,10>.
        final FixedPointType data = FixedPointType.parse("ap_fixed<64,8>");
        final FixedPointType w = FixedPointType.parse("ap_fixed<64,4,AP_RND_CONV,AP_SAT>");
        final FixedPointType acc = FixedPointType.parse("ap_fixed<64,20,AP_RND_INF,AP_SAT_SYM>");
        final FixedPointType res = FixedPointType.parse("ap_fixed<40,10,AP_RND_ZERO,AP_WRAP_SM>");
        final SplittableRandom r = new SplittableRandom(SEED ^ 0x128);
        final DenseLayer dense = new DenseLayer("dense_128", 4, 3, w, rawValues(r, w, 12, 0.1), w,
            rawValues(r, w, 3, 0), acc, res);
        final ModelBundle model = ModelBundle.of("wide", "", new ModelInput(4, data, List.of()),
            new ModelOutput(3, res, List.of(), 1, ""), List.of(dense));
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 16))
        {
            compare(model, engine, r, 400, "128-bit products, seed " + SEED);
        }
    }

    @Test
    void generalPathAllocatesNothingPerBatch()
    {
        final FixedPointType data = FixedPointType.parse("ap_fixed<40,8,AP_RND_CONV,AP_SAT_SYM>");
        final FixedPointType w = FixedPointType.parse("ap_fixed<64,4,AP_RND_INF,AP_WRAP_SM,2>");
        final FixedPointType acc = FixedPointType.parse("ap_fixed<64,24,AP_TRN_ZERO,AP_WRAP,3>");
        final SplittableRandom r = new SplittableRandom(SEED ^ 0xA110C);
        final List<Layer> layers = List.of(
            new DenseLayer("dense", 8, 6, w, rawValues(r, w, 48, 0.2), w, rawValues(r, w, 6, 0), acc, data),
            new BatchNormLayer("bn", 6, data, rawValues(r, data, 6, 0), data, rawValues(r, data, 6, 0), data),
            new ReluLayer("relu", 6, FixedPointType.parse("ap_uint<20>")));
        final ModelBundle model = ModelBundle.of("alloc", "", new ModelInput(8, data, List.of()),
            new ModelOutput(6, FixedPointType.parse("ap_uint<20>"), List.of(), 1, ""), layers);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 32))
        {
            assertTrue(engine.description().contains("general path"), engine.description());
            for (int b = 0; b < 32; b++)
            {
                final long[] in = rawValues(r, data, 8, 0.1);
                for (int f = 0; f < 8; f++)
                {
                    engine.buffers(0).putInputLong(b, f, in[f]);
                }
            }
            for (int k = 0; k < 3000; k++)
            {
                engine.infer(0, 32); // warm up the JIT
            }
            final long before = threads.getThreadAllocatedBytes(thread);
            for (int k = 0; k < 2000; k++)
            {
                engine.infer(0, 32);
            }
            final long perBatch = (threads.getThreadAllocatedBytes(thread) - before) / 2000;
            assertEquals(0, perBatch, "bytes allocated per batch of 32 on the general path (seed " + SEED + ")");
        }
    }

    @Test
    void thesisTypesStayOnTheIntPathAndNewOnesDoNot()
    {
        final FixedPointType t = FixedPointType.apFixed(16, 6);
        final ModelBundle fast = io.l1infer.fpga.model.RandomModelGenerator.generate(new int[] {4, 3, 1}, 0.0, t, 1);
        try (FixedPointEmulator engine = new FixedPointEmulator(fast, 8))
        {
            assertTrue(!engine.description().contains("general path"), engine.description());
        }
        final FixedPointType integer = FixedPointType.parse("ap_int<8>");
        final DenseLayer dense = new DenseLayer("d", 2, 1, integer, new long[] {3, -2}, integer, new long[] {1},
            FixedPointType.parse("ap_int<20>"), t);
        final ModelBundle model = ModelBundle.of("int", "", new ModelInput(2, t, List.of()),
            new ModelOutput(1, t, List.of(), 1, ""), List.of(dense));
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 8))
        {
            assertTrue(engine.description().contains("general path (input ap_fixed<16,6>") ||
                engine.description().contains("dense 'd' weight_t ap_int<8>"), engine.description());
            compare(model, engine, new SplittableRandom(SEED), 50, "ap_int dense");
        }
    }

    @Test
    void integerTargetFromNegativeIntegerBitsIsRefusedWithTheLayer()
    {
        final FixedPointType tiny = FixedPointType.parse("ap_fixed<8,-2>");
        final ModelBundle model = ModelBundle.of("m", "", new ModelInput(2, tiny, List.of()),
            new ModelOutput(2, FixedPointType.parse("ap_int<8>"), List.of(), 1, ""),
            List.of(new LinearLayer("to_int", 2, FixedPointType.parse("ap_int<8>"))));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new FixedPointEmulator(model, 4));
        assertEquals("layer 'to_int': converting a value with -2 integer bits into ap_int<8> reads an uninitialised " +
            "value in ap_types' to_ap_int_base; not supported", ex.getMessage());
    }

    private static List<FixedPointType> types(final Layer layer)
    {
        final List<FixedPointType> types = new ArrayList<>();
        if (layer instanceof DenseLayer d)
        {
            types.addAll(List.of(d.weightType(), d.biasType(), d.accumType()));
        }
        else if (layer instanceof BatchNormLayer bn)
        {
            types.addAll(List.of(bn.scaleType(), bn.biasType()));
        }
        types.add(layer.resultType());
        return types;
    }

    /** A random type of any kind, mode and N; widths biased to 33..64 and to the edges. */
    static FixedPointType randomWideType(final SplittableRandom r)
    {
        final boolean signed = r.nextInt(4) != 0;
        final int[] edges = {1, 2, 31, 32, 33, 63, 64};
        final int w = r.nextInt(3) == 0 ? edges[r.nextInt(edges.length)] : r.nextBoolean() ? 33 + r.nextInt(32) :
            2 + r.nextInt(31);
        if (r.nextInt(7) == 0)
        {
            return FixedPointType.apInt(signed, w);
        }
        final int f = r.nextInt(-4, Math.min(w + 6, 70));
        final Quantization q = Quantization.values()[r.nextInt(Quantization.values().length)];
        Overflow o = Overflow.values()[r.nextInt(Overflow.values().length)];
        if (!signed && o == Overflow.AP_WRAP_SM)
        {
            o = Overflow.AP_SAT_SYM;
        }
        final int n = (o == Overflow.AP_WRAP || o == Overflow.AP_WRAP_SM) && r.nextBoolean() ? r.nextInt(1, w + 1) : 0;
        return FixedPointType.of(signed, w, w - f, q, o, n);
    }

    private static ModelBundle randomModel(final SplittableRandom r)
    {
        final int inSize = 1 + r.nextInt(6);
        final FixedPointType inType = randomWideType(r);
        final List<Layer> layers = new ArrayList<>();
        int size = inSize;
        final int denseCount = 1 + r.nextInt(3);
        for (int d = 0; d < denseCount; d++)
        {
            final int out = 1 + r.nextInt(6);
            final FixedPointType wt = randomWideType(r);
            final FixedPointType bt = randomWideType(r);
            layers.add(new DenseLayer("dense_" + d, size, out, wt, rawValues(r, wt, size * out, r.nextDouble() * 0.5),
                bt, rawValues(r, bt, out, 0.2), randomWideType(r), randomWideType(r)));
            size = out;
            if (r.nextInt(3) == 0)
            {
                final FixedPointType st = randomWideType(r);
                final FixedPointType bnb = randomWideType(r);
                layers.add(new BatchNormLayer("bn_" + d, size, st, rawValues(r, st, size, 0.1), bnb,
                    rawValues(r, bnb, size, 0.1), randomWideType(r)));
            }
            switch (r.nextInt(3))
            {
                case 0 -> layers.add(new ReluLayer("relu_" + d, size, randomWideType(r)));
                case 1 -> layers.add(new LinearLayer("linear_" + d, size, randomWideType(r)));
                default ->
                {
                }
            }
        }
        return ModelBundle.of("random-wide", "", new ModelInput(inSize, inType, List.of()),
            new ModelOutput(size, layers.get(layers.size() - 1).resultType(), List.of(), 1.0, ""), layers);
    }

    /** Random raw values with the edges (min, max, 0, +-1) common and a fraction of zeros. */
    static long[] rawValues(final SplittableRandom r, final FixedPointType t, final int count, final double zeros)
    {
        final long[] v = new long[count];
        for (int i = 0; i < count; i++)
        {
            v[i] = r.nextDouble() < zeros ? 0 : rawValue(r, t);
        }
        return v;
    }

    private static long rawValue(final SplittableRandom r, final FixedPointType t)
    {
        final long candidate = switch (r.nextInt(6))
        {
            case 0 -> t.minRaw();
            case 1 -> t.maxRaw();
            case 2 -> r.nextInt(-2, 3);
            case 3 -> r.nextLong() >> r.nextInt(64);
            default ->
            {
                final long bits = r.nextLong();
                final int w = t.width();
                yield w == 64 ? bits : t.isSigned() ? (bits << (64 - w)) >> (64 - w) : bits & ((1L << w) - 1);
            }
        };
        return t.containsRaw(candidate) ? candidate : 0;
    }

    private static void compare(
        final ModelBundle model, final FixedPointEmulator engine, final SplittableRandom r, final int events,
        final String context)
    {
        final ReferenceEmulator reference = new ReferenceEmulator(model);
        final int inSize = model.input().size();
        final BatchBuffers buf = engine.buffers(0);
        int first = 0;
        while (first < events)
        {
            final int n = Math.min(events - first, 1 + r.nextInt(engine.maxBatchSize()));
            final long[][] inputs = new long[n][];
            for (int b = 0; b < n; b++)
            {
                inputs[b] = rawValues(r, model.input().type(), inSize, r.nextDouble() * 0.3);
                for (int f = 0; f < inSize; f++)
                {
                    buf.putInputLong(b, f, inputs[b][f]);
                }
            }
            engine.infer(0, n);
            for (int b = 0; b < n; b++)
            {
                final long[] expected = reference.infer(inputs[b]);
                for (int o = 0; o < expected.length; o++)
                {
                    final int event = b;
                    final int output = o;
                    assertEquals(expected[o], buf.getOutputLong(b, o), () -> context + ", " + model.layers() +
                        ", inputs " + java.util.Arrays.toString(inputs[event]) + ", output " + output);
                }
            }
            first += n;
        }
    }
}
