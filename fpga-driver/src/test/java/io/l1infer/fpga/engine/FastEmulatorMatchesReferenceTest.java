package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.RandomModelGenerator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeded property tests: the fast emulator equals the BigInteger reference on random models and inputs. */
class FastEmulatorMatchesReferenceTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261123L);

    @Test
    void randomModelsOverEveryModeAgree()
    {
        final SplittableRandom seeds = new SplittableRandom(SEED);
        int models = 0;
        int simdModels = 0;
        while (models < 400)
        {
            final long modelSeed = seeds.nextLong();
            final SplittableRandom r = new SplittableRandom(modelSeed);
            final ModelBundle model = RandomFixedPointModels.randomModel(r);
            final int capacity = 1 + r.nextInt(300);
            final FixedPointEmulator fast;
            final FixedPointEmulator scalar;
            try
            {
                fast = new FixedPointEmulator(model, capacity);
                scalar = new FixedPointEmulator(model, capacity, false);
            }
            catch (final IllegalArgumentException unsupported)
            {
                continue; // intermediates wider than 62 bits: refused at load, which is what we want
            }
            models++;
            simdModels += fast.description().contains("SIMD") ? 1 : 0;
            final String context = "model seed " + modelSeed + " (run seed " + SEED + ")";
            compare(model, fast, new SplittableRandom(modelSeed + 1), 40, context + " " + fast.description());
            compare(model, scalar, new SplittableRandom(modelSeed + 1), 40, context + " scalar");
        }
        System.out.println("compared 400 random models, " + simdModels + " on the SIMD path");
        assertTrue(simdModels >= 40, "too few random models exercise the SIMD path: " + simdModels);
    }

    @Test
    void seedTalkShapeWithDefaultTypesAgrees()
    {
        compareRandomModels(new int[] {27, 35, 20, 25, 40, 20, 15, 1}, 256, 300, 31);
    }

    @Test
    void layersWiderThanFourVectorsAgreeEventByEvent()
    {
        // Widths of several register blocks with every remainder (1-3 vectors on 8 and 16 lanes), relu outputs
        // (zero inputs skipped) and the first layer's inputs (skipped when the layer is four vectors or wider);
        // batches of 1 and 2 run event by event.
        compareRandomModels(new int[] {27, 150, 70, 33, 100, 1}, 2, 400, 37);
    }

    /** Three seeded 75%-pruned ap_fixed<16,6> ReLU MLPs of this shape on the SIMD path against the reference. */
    private static void compareRandomModels(
        final int[] arch, final int capacity, final int events, final long inputSeedFactor)
    {
        for (long seed = 1; seed <= 3; seed++)
        {
            final ModelBundle model =
                RandomModelGenerator.generate(arch, 0.75, FixedPointType.apFixed(16, 6), seed);
            try (FixedPointEmulator fast = new FixedPointEmulator(model, capacity))
            {
                assertTrue(fast.description().contains("SIMD"), fast.description());
                compare(model, fast, new SplittableRandom(seed * inputSeedFactor), events,
                    java.util.Arrays.toString(arch) + " random-model seed " + seed);
            }
        }
    }

    @Test
    void narrowWrappingAccumulatorTakesTheSplitAndLongPaths()
    {
        // ap_fixed<17,2> data times ap_fixed<17,2> weights into ap_fixed<16,6>: s = 20, s + 16 > 32 (split path);
        // ap_fixed<30,4> data and weights into ap_fixed<20,2>: s = 34, no split fits (64-bit path).
        final SplittableRandom r = new SplittableRandom(SEED ^ 0x5eed);
        for (final String[] types : new String[][] {
            {"ap_fixed<17,2>", "ap_fixed<17,2>", "ap_fixed<16,6>"},
            {"ap_fixed<30,4>", "ap_fixed<30,4>", "ap_fixed<20,2>"},
            {"ap_ufixed<12,2>", "ap_fixed<24,1>", "ap_ufixed<14,4>"}})
        {
            final FixedPointType in = FixedPointType.parse(types[0]);
            final FixedPointType w = FixedPointType.parse(types[1]);
            final FixedPointType acc = FixedPointType.parse(types[2]);
            final io.l1infer.fpga.model.DenseLayer dense = new io.l1infer.fpga.model.DenseLayer("d", 6, 5, w,
                RandomFixedPointModels.randomRaw(r, w, 30, 0.3), w, RandomFixedPointModels.randomRaw(r, w, 5, 0),
                acc, acc);
            final ModelBundle model = ModelBundle.of("m", "", new io.l1infer.fpga.model.ModelInput(6, in,
                java.util.List.of()), new io.l1infer.fpga.model.ModelOutput(5, acc, java.util.List.of(), 1, ""),
                java.util.List.of(dense));
            try (FixedPointEmulator fast = new FixedPointEmulator(model, 200))
            {
                compare(model, fast, r, 200, "types " + String.join(" ", types) + " seed " + SEED);
            }
        }
    }

    @Test
    void everyBatchSizeOfTheLaneBlocksAgrees()
    {
        // One, two and four lane blocks and the event-by-event path each have their own batch sizes: try them all,
        // on a shift-mode model (ap_fixed<16,6>) and on a split-mode one (17-bit data and weights).
        final SplittableRandom r = new SplittableRandom(SEED ^ 0xb10c);
        final int largest = 2 * VectorTileRunner.TILE + 1;
        final ModelBundle shift = RandomModelGenerator.generate(new int[] {27, 40, 20, 1}, 0.75,
            FixedPointType.apFixed(16, 6), 5);
        final FixedPointType wide = FixedPointType.parse("ap_fixed<17,2>");
        final io.l1infer.fpga.model.DenseLayer dense = new io.l1infer.fpga.model.DenseLayer("d", 6, 5, wide,
            RandomFixedPointModels.randomRaw(r, wide, 30, 0.3), wide, RandomFixedPointModels.randomRaw(r, wide, 5, 0),
            FixedPointType.apFixed(16, 6), FixedPointType.apFixed(16, 6));
        final ModelBundle split = ModelBundle.of("m", "", new io.l1infer.fpga.model.ModelInput(6, wide,
            java.util.List.of()), new io.l1infer.fpga.model.ModelOutput(5, FixedPointType.apFixed(16, 6),
            java.util.List.of(), 1, ""), java.util.List.of(dense));
        for (final ModelBundle model : new ModelBundle[] {shift, split})
        {
            try (FixedPointEmulator fast = new FixedPointEmulator(model, largest))
            {
                assertTrue(fast.description().contains("SIMD"), fast.description());
                final ReferenceEmulator reference = new ReferenceEmulator(model);
                for (int n = 1; n <= largest; n++)
                {
                    check(model, reference, fast, randomInputs(model, r, n), 0, n,
                        model.name() + " seed " + SEED + " " + fast.description());
                }
            }
        }
    }

    private static void compare(
        final ModelBundle model,
        final FixedPointEmulator fast,
        final SplittableRandom r,
        final int events,
        final String context)
    {
        final ReferenceEmulator reference = new ReferenceEmulator(model);
        final int[][] inputs = randomInputs(model, r, events);
        int first = 0;
        while (first < events)
        {
            final int n = Math.min(events - first, 1 + r.nextInt(fast.maxBatchSize()));
            check(model, reference, fast, inputs, first, n, context);
            first += n;
        }
    }

    private static int[][] randomInputs(final ModelBundle model, final SplittableRandom r, final int events)
    {
        final int inSize = model.input().size();
        final FixedPointType inType = model.input().type();
        final int[][] inputs = new int[events][];
        for (int e = 0; e < events; e++)
        {
            inputs[e] = java.util.Arrays.stream(RandomFixedPointModels.randomRaw(r, inType, inSize,
                r.nextDouble() * 0.5)).mapToInt(v -> (int)v).toArray();
        }
        return inputs;
    }

    /** Run events {@code first .. first + n - 1} as one batch and compare each with the reference. */
    private static void check(
        final ModelBundle model,
        final ReferenceEmulator reference,
        final FixedPointEmulator fast,
        final int[][] inputs,
        final int first,
        final int n,
        final String context)
    {
        final int inSize = model.input().size();
        final int outSize = model.output().size();
        final BatchBuffers buf = fast.buffers(0);
        for (int b = 0; b < n; b++)
        {
            for (int f = 0; f < inSize; f++)
            {
                buf.putInput(b, f, inputs[first + b][f]);
            }
        }
        fast.infer(0, n);
        for (int b = 0; b < n; b++)
        {
            final int[] expected = reference.infer(inputs[first + b]);
            for (int o = 0; o < outSize; o++)
            {
                assertEquals(expected[o], buf.getOutput(b, o), () -> context + ", " + model.layers() +
                    ", batch of " + n + ", output mismatch");
            }
        }
    }
}
