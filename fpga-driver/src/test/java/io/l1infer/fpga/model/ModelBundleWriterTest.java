package io.l1infer.fpga.model;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.fpga.engine.RandomFixedPointModels;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Written bundles read back to the same bits; random bundles are deterministic per seed. */
class ModelBundleWriterTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 11L);

    @TempDir
    Path temp;

    @Test
    void thesisBundleRoundTrips()
    {
        final ModelBundle original = ModelBundle.load(ProjectPaths.thesisModel());
        ModelBundleWriter.write(original, temp);
        assertSameModel(original, ModelBundle.load(temp));
    }

    @Test
    void randomModelsOfEveryTypeRoundTrip()
    {
        final SplittableRandom r = new SplittableRandom(SEED);
        for (int k = 0; k < 100; k++)
        {
            final ModelBundle original = RandomFixedPointModels.randomModel(r);
            final Path dir = temp.resolve("m" + k);
            ModelBundleWriter.write(original, dir);
            assertSameModel(original, ModelBundle.load(dir));
        }
    }

    @Test
    void wideTypesRoundTripAndValuesADoubleCannotHoldAreRefused()
    {
        final FixedPointType wide = FixedPointType.parse("ap_fixed<64,20,AP_RND_INF,AP_WRAP_SM,3>");
        final FixedPointType integer = FixedPointType.parse("ap_uint<40>");
        final long big = (1L << 52) + 1; // 53 significant bits: exact in a double
        final DenseLayer dense = new DenseLayer("dense_wide", 2, 1, wide, new long[] {big, -big << 8}, integer,
            new long[] {(1L << 40) - 1}, FixedPointType.parse("ap_fixed<48,30,AP_TRN_ZERO,AP_SAT_SYM>"), wide);
        final ModelBundle original = ModelBundle.of("wide", "", new ModelInput(2, wide, java.util.List.of()),
            new ModelOutput(1, wide, java.util.List.of(), 1, ""), java.util.List.of(dense));
        ModelBundleWriter.write(original, temp.resolve("wide"));
        assertSameModel(original, ModelBundle.load(temp.resolve("wide")));

        final DenseLayer tooPrecise = new DenseLayer("dense_wide", 2, 1, wide, new long[] {(1L << 53) + 1, 0},
            integer, new long[] {0}, wide, wide);
        final ModelBundle refused = ModelBundle.of("wide", "", new ModelInput(2, wide, java.util.List.of()),
            new ModelOutput(1, wide, java.util.List.of(), 1, ""), java.util.List.of(tooPrecise));
        final IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> ModelBundleWriter.write(refused, temp.resolve("refused")));
        assertEquals("file w0.txt: value #0 (raw 9007199254740993 of ap_fixed<64,20,AP_RND_INF,AP_WRAP_SM,3>) has " +
            "more significant bits than a double holds, so a bundle cannot store it exactly", ex.getMessage());
    }

    @Test
    void randomGeneratorIsDeterministicPerSeed()
    {
        final int[] arch = {27, 35, 20, 25, 40, 20, 15, 1};
        final FixedPointType t = FixedPointType.apFixed(16, 6);
        final ModelBundle a = RandomModelGenerator.generate(arch, 0.75, t, 42);
        final ModelBundle b = RandomModelGenerator.generate(arch, 0.75, t, 42);
        final ModelBundle c = RandomModelGenerator.generate(arch, 0.75, t, 43);
        assertSameModel(a, b);
        assertNotEquals(((DenseLayer)a.layers().get(0)).weights()[0] + "" +
            java.util.Arrays.toString(((DenseLayer)a.layers().get(0)).weights()),
            java.util.Arrays.toString(((DenseLayer)c.layers().get(0)).weights()));
        int zeros = 0;
        int total = 0;
        for (final Layer l : a.layers())
        {
            if (l instanceof DenseLayer d)
            {
                for (final long w : d.weights())
                {
                    zeros += w == 0 ? 1 : 0;
                    total++;
                }
            }
        }
        assertEquals(0.75, zeros / (double)total, 0.03, "sparsity");
    }

    static void assertSameModel(final ModelBundle a, final ModelBundle b)
    {
        assertEquals(a.input(), b.input());
        assertEquals(a.output(), b.output());
        assertEquals(a.layers().size(), b.layers().size());
        for (int i = 0; i < a.layers().size(); i++)
        {
            final Layer x = a.layers().get(i);
            final Layer y = b.layers().get(i);
            assertEquals(x.getClass(), y.getClass());
            assertEquals(x.name(), y.name());
            assertEquals(x.resultType(), y.resultType());
            if (x instanceof DenseLayer dx)
            {
                final DenseLayer dy = (DenseLayer)y;
                assertArrayEquals(dx.weights(), dy.weights(), x.name());
                assertArrayEquals(dx.biases(), dy.biases(), x.name());
                assertEquals(dx.accumType(), dy.accumType());
                assertEquals(dx.weightType(), dy.weightType());
            }
            else if (x instanceof BatchNormLayer bx)
            {
                final BatchNormLayer by = (BatchNormLayer)y;
                assertArrayEquals(bx.scales(), by.scales(), x.name());
                assertArrayEquals(bx.biases(), by.biases(), x.name());
            }
        }
    }
}
