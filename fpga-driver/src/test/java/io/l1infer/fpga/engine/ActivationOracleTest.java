package io.l1infer.fpga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.EluLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.HardActivationLayer;
import io.l1infer.fpga.model.HardFunction;
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
import io.l1infer.testsupport.SharedReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every activation of nnet_activation.h in each template generation, against hls4ml's own C++ compiled with g++:
 * seeded random inputs plus table edges, saturation, negative values and ties through typical and odd types,
 * compared bit for bit with the engine's kernels.
 */
class ActivationOracleTest
{
    private static final long SEED = Long.getLong("l1infer.oracle.seed", 0x5EED_AC71L);
    /** Random configurations per generation on top of the fixed ones; a longer run raises it. */
    private static final int RANDOM_CASES = Integer.getInteger("l1infer.oracle.randomCases", 16);

    private static final FixedPointType T16_6 = FixedPointType.parse("ap_fixed<16,6>");
    private static final FixedPointType T8_3 = FixedPointType.parse("ap_fixed<8,3>");
    private static final FixedPointType T18_8 = FixedPointType.parse("ap_fixed<18,8>");
    private static final FixedPointType T18_8_RS = FixedPointType.parse("ap_fixed<18,8,AP_RND,AP_SAT>");
    private static final FixedPointType T10_4_RS = FixedPointType.parse("ap_fixed<10,4,AP_RND,AP_SAT>");

    @Test
    void earlyRelease(@TempDir final Path dir) throws Exception
    {
        final Path gen = SharedReference.require("reference/muon-pt-thesis-firmware", "activation oracle (early)");
        check(TemplateGeneration.EARLY, gen, gen.resolve("ap_types"), dir);
    }

    @Test
    void hls4ml081(@TempDir final Path dir) throws Exception
    {
        final Path gen = SharedReference.require("reference/hls4ml-v0.8.1", "activation oracle (0.8.1)");
        check(TemplateGeneration.V0_8, gen, gen.resolve("ap_types"), dir);
    }

    @Test
    void hls4ml130(@TempDir final Path dir) throws Exception
    {
        final Path gen = SharedReference.require("reference/hls4ml-v1.3.0", "activation oracle (1.3.0)");
        check(TemplateGeneration.V1, gen, gen.resolve("ap_types"), dir);
    }

    private static void check(final TemplateGeneration g, final Path gen, final Path apTypes, final Path dir)
        throws Exception
    {
        OracleProgram.requireCompiler("activation oracle");
        final Random rnd = new Random(SEED + g.ordinal());
        final OracleProgram program = new OracleProgram(gen, apTypes);
        final Cases cases = new Cases(g, rnd, program);
        cases.addAll();
        cases.addRandom(RANDOM_CASES);
        final List<List<long[]>> expected = program.run(dir);
        int compared = 0;
        final StringBuilder failures = new StringBuilder();
        int mismatches = 0;
        for (int k = 0; k < program.cases().size(); k++)
        {
            final OracleProgram.Case c = program.cases().get(k);
            final long[] out = new long[c.size()];
            for (int e = 0; e < c.events().size(); e++)
            {
                final long[] in = c.events().get(e);
                c.kernel().run(in, out);
                final long[] cpp = expected.get(k).get(e);
                for (int j = 0; j < c.size(); j++)
                {
                    compared++;
                    if (OracleProgram.pattern(out[j], c.out()) != cpp[j])
                    {
                        if (mismatches++ < 20)
                        {
                            failures.append(String.format(Locale.ROOT, "%n  %s event %d [%d]: input %s -> java %d, " +
                                "c++ pattern %d", c.name(), e, j, java.util.Arrays.toString(in), out[j], cpp[j]));
                        }
                    }
                }
            }
        }
        System.out.println("activation oracle " + g + ": " + program.cases().size() + " cases, " + compared +
            " outputs compared, " + mismatches + " mismatches");
        assertEquals(0, mismatches, "seed " + (SEED + g.ordinal()) + ", " + g + ": " + failures);
    }

    /** The case list of one generation. */
    private static final class Cases
    {
        private final TemplateGeneration g;
        private final Random rnd;
        private final OracleProgram program;
        private int counter;

        Cases(final TemplateGeneration g, final Random rnd, final OracleProgram program)
        {
            this.g = g;
            this.rnd = rnd;
            this.program = program;
        }

        void addAll()
        {
            reluMax(6, "nnet::relu6<in_t, out_t, cfg>(in, out);", T16_6, FixedPointType.parse("ap_fixed<8,4>"));
            reluMax(1, "nnet::relu1<in_t, out_t, cfg>(in, out);", T8_3, FixedPointType.parse("ap_fixed<8,1>"));
            reluMax(3, "nnet::relu_max<in_t, out_t, 3, cfg>(in, out);", T10_4_RS,
                FixedPointType.parse("ap_ufixed<6,2>"));

            leaky(0.30000001192092896, FixedPointType.parse("ap_fixed<16,0>"), T16_6, T16_6);
            leaky(0.1, FixedPointType.parse("ap_fixed<8,1,AP_RND,AP_SAT>"), T8_3,
                FixedPointType.parse("ap_fixed<6,2,AP_RND,AP_SAT>"));
            thresholded(1.0, FixedPointType.parse("ap_fixed<8,3>"), T16_6, T16_6);
            thresholded(0.7, FixedPointType.parse("ap_fixed<12,2>"), T8_3, FixedPointType.parse("ap_fixed<6,3>"));
            prelu(FixedPointType.parse("ap_fixed<10,1>"), T16_6, T16_6);
            prelu(FixedPointType.parse("ap_fixed<6,1,AP_RND,AP_SAT>"), T8_3, FixedPointType.parse("ap_fixed<8,2>"));

            elu(null, null, T18_8, 1024, T16_6, T16_6);
            elu(null, null, FixedPointType.parse("ap_fixed<10,2>"), 256, T8_3, FixedPointType.parse("ap_fixed<8,1>"));
            elu(0.5, FixedPointType.parse("ap_fixed<8,1>"), T18_8, 1000, T16_6, T18_8);
            selu(T18_8, 1024, T16_6, T16_6);
            selu(FixedPointType.parse("ap_fixed<16,3,AP_RND,AP_SAT>"), 4096, T10_4_RS,
                FixedPointType.parse("ap_fixed<12,4>"));

            for (final LookupFunction f : LookupFunction.values())
            {
                lookup(f, T18_8, 1024, T16_6, T16_6);
                lookup(f, FixedPointType.parse("ap_fixed<10,2,AP_RND,AP_SAT>"), 256, T8_3,
                    FixedPointType.parse("ap_fixed<8,2,AP_RND,AP_SAT>"));
                lookup(f, FixedPointType.parse("ap_fixed<32,6>"), 1000, FixedPointType.parse("ap_fixed<20,8>"),
                    FixedPointType.parse("ap_fixed<24,6>"));
            }
            lookup(LookupFunction.TANH, FixedPointType.parse("ap_fixed<32,2>"), 4096,
                FixedPointType.parse("ap_fixed<24,8>"), FixedPointType.parse("ap_fixed<26,2>"));

            if (g == TemplateGeneration.EARLY)
            {
                hard(HardFunction.HARD_SIGMOID, 0.2, T16_6, 0.5, T16_6, T16_6, T16_6);
                hard(HardFunction.HARD_SIGMOID, 0.2, T8_3, 0.5, T8_3, T8_3, FixedPointType.parse("ap_ufixed<6,1>"));
            }
            else
            {
                for (final HardFunction f : HardFunction.values())
                {
                    hard(f, 0.2, FixedPointType.parse("ap_fixed<16,0>"), 0.5, FixedPointType.parse("ap_ufixed<1,0>"),
                        T16_6, T16_6);
                    hard(f, 0.25, FixedPointType.parse("ap_fixed<8,1>"), 0.5, FixedPointType.parse("ap_fixed<8,1>"),
                        T8_3, FixedPointType.parse("ap_fixed<8,2,AP_RND,AP_SAT>"));
                }
            }

            if (g != TemplateGeneration.V1)
            {
                final FixedPointType exp2 = FixedPointType.parse("ap_fixed<16,6>");
                final FixedPointType inv2 = FixedPointType.parse("ap_fixed<12,4,AP_RND,AP_SAT>");
                final FixedPointType u8 = FixedPointType.parse("ap_ufixed<8,0,AP_RND,AP_SAT>");
                softmaxOld(SoftmaxImplementation.LATENCY, 5, 1024, T18_8_RS, T18_8_RS, null, T16_6, T16_6);
                softmaxOld(SoftmaxImplementation.LATENCY, 10, 256, exp2, inv2, null, T8_3, u8);
                softmaxOld(SoftmaxImplementation.STABLE, 5, 1024, T18_8_RS, T18_8_RS, null, T16_6, T16_6);
                softmaxOld(SoftmaxImplementation.STABLE, 3, 128, exp2, inv2, null,
                    FixedPointType.parse("ap_fixed<10,4>"), u8);
                softmaxOld(SoftmaxImplementation.LEGACY, 5, 1024, T18_8_RS, T18_8_RS, T18_8, T16_6, T16_6);
                softmaxOld(SoftmaxImplementation.LEGACY, 4, 512, T18_8_RS, T18_8_RS,
                    FixedPointType.parse("ap_fixed<12,5,AP_RND,AP_SAT>"), T8_3, FixedPointType.parse("ap_fixed<10,1>"));
                if (g == TemplateGeneration.V0_8)
                {
                    softmaxOld(SoftmaxImplementation.ARGMAX, 5, 1024, T18_8_RS, T18_8_RS, null, T16_6, T8_3);
                }
            }
            else
            {
                final FixedPointType accum5 = FixedPointType.parse("ap_fixed<21,11,AP_RND,AP_SAT>");
                final FixedPointType normDefault = FixedPointType.parse("ap_ufixed<16,6>");
                softmaxV1(SoftmaxImplementation.LATENCY, 5, 1, 1, 1024, 1024, T18_8_RS, T18_8_RS, accum5, T18_8_RS,
                    null, 1.0f, T16_6, T16_6);
                softmaxV1(SoftmaxImplementation.LATENCY, 10, 1, 1, 512, 2048, T18_8_RS,
                    FixedPointType.parse("ap_fixed<16,4,AP_RND,AP_SAT>"),
                    FixedPointType.parse("ap_fixed<16,8,AP_TRN,AP_SAT>"),
                    FixedPointType.parse("ap_ufixed<14,7>"), null, 0.5f, T10_4_RS,
                    FixedPointType.parse("ap_ufixed<8,0,AP_RND,AP_SAT>"));
                softmaxV1(SoftmaxImplementation.STABLE, 5, 1, 1, 1024, 1024, T18_8_RS, T18_8_RS, accum5, T18_8_RS,
                    normDefault, 1.0f, T16_6, T16_6);
                softmaxV1(SoftmaxImplementation.STABLE, 3, 1, 1, 256, 128, FixedPointType.parse("ap_ufixed<12,4>"),
                    FixedPointType.parse("ap_ufixed<12,2,AP_RND,AP_SAT>"), FixedPointType.parse("ap_ufixed<14,6>"),
                    FixedPointType.parse("ap_ufixed<10,3>"), FixedPointType.parse("ap_ufixed<10,4,AP_RND,AP_SAT>"),
                    1.0f, FixedPointType.parse("ap_fixed<10,4>"), FixedPointType.parse("ap_ufixed<8,0>"));
                softmaxV1(SoftmaxImplementation.LEGACY, 5, 1, 1, 1024, 512, T18_8_RS, T18_8_RS, T18_8_RS, T18_8_RS,
                    null, 1.0f, T16_6, T16_6);
                softmaxV1(SoftmaxImplementation.ARGMAX, 6, 1, 1, 1024, 1024, T18_8_RS, T18_8_RS, T18_8_RS, T18_8_RS,
                    null, 1.0f, T16_6, T8_3);
                softmaxV1(SoftmaxImplementation.LATENCY, 12, 2, 2, 1024, 1024, T18_8_RS, T18_8_RS, accum5, T18_8_RS,
                    null, 1.0f, T16_6, T16_6);
            }
        }

        /** Seeded random configurations: types of random width, integer bits and modes, random table sizes. */
        void addRandom(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                final FixedPointType in = randomType(6, 20, 7);
                final FixedPointType out = randomType(6, 24, 8);
                final int kind = rnd.nextInt(7);
                final int[] sizes = {64, 128, 256, 512, 1024, 2048};
                final int pow2 = sizes[rnd.nextInt(sizes.length)];
                switch (kind)
                {
                    case 0, 1 -> lookup(LookupFunction.values()[rnd.nextInt(4)], randomType(8, 32, 8),
                        rnd.nextBoolean() ? pow2 : 100 + rnd.nextInt(3000), in, out);
                    case 2 -> elu(0.25 + rnd.nextInt(12) / 8.0, randomType(4, 12, 3), randomType(8, 24, 4),
                        rnd.nextBoolean() ? pow2 : 100 + rnd.nextInt(3000), in, out);
                    case 3 -> selu(randomType(8, 24, 4), pow2, in, out);
                    case 4 -> leaky(rnd.nextDouble(), randomType(4, 16, 2), in, out);
                    default ->
                    {
                        final SoftmaxImplementation impl = SoftmaxImplementation.values()[
                            rnd.nextInt(g == TemplateGeneration.EARLY ? 3 : 4)];
                        final int bits = Integer.numberOfTrailingZeros(pow2);
                        final FixedPointType sin = randomType(Math.max(bits, 8), 20, 7);
                        final FixedPointType exp = randomType(Math.max(bits, 10), 24, 9);
                        final int n = 2 + rnd.nextInt(9);
                        if (g != TemplateGeneration.V1)
                        {
                            softmaxOld(impl, n, pow2, exp, randomType(10, 24, 6), randomType(10, 24, 8), sin, out);
                        }
                        else
                        {
                            final int invSize = sizes[rnd.nextInt(sizes.length)];
                            final int invBits = Integer.numberOfTrailingZeros(invSize);
                            final FixedPointType norm = FixedPointType.of(false, sin.width(), sin.integerBits(),
                                sin.quantization(), sin.overflow() == Overflow.AP_WRAP_SM ? Overflow.AP_WRAP :
                                sin.overflow());
                            softmaxV1(impl, n, 1, 1, pow2, invSize, exp, randomType(10, 24, 6),
                                randomType(12, 26, 12), randomType(Math.max(invBits, 10), 20, 9), norm,
                                rnd.nextBoolean() ? 1.0f : 0.75f, sin, out);
                        }
                    }
                }
            }
        }

        private FixedPointType randomType(final int minWidth, final int maxWidth, final int maxInteger)
        {
            final boolean signed = rnd.nextInt(4) != 0;
            final int w = minWidth + rnd.nextInt(maxWidth - minWidth + 1);
            final int i = 1 + rnd.nextInt(Math.min(maxInteger, w));
            final Quantization q = Quantization.values()[rnd.nextInt(Quantization.values().length)];
            final Overflow o = Overflow.values()[rnd.nextInt(Overflow.values().length)];
            try
            {
                return FixedPointType.of(signed, Math.min(w, signed ? 32 : 31), i, q, o);
            }
            catch (final IllegalArgumentException notAnApType)
            {
                // e.g. ap_ufixed with AP_WRAP_SM, which ap_types refuses: draw again.
                return randomType(minWidth, maxWidth, maxInteger);
            }
        }

        private String name(final String what)
        {
            return (counter++) + ":" + what;
        }

        private static String typedefs(final FixedPointType in, final FixedPointType out)
        {
            return "typedef " + in.toCppString() + " in_t;\ntypedef " + out.toCppString() + " out_t;\n";
        }

        private static String activConfig(final int n, final int tableSize, final FixedPointType table)
        {
            return "struct cfg : nnet::activ_config { static const unsigned n_in = " + n +
                "; static const unsigned table_size = " + tableSize + "; static const unsigned io_type = " +
                "nnet::io_parallel; static const unsigned reuse_factor = 1; typedef " +
                (table == null ? "ap_fixed<18,8>" : table.toCppString()) + " table_t; };\n";
        }

        private void add(final String what, final String decl, final String call, final int size,
            final FixedPointType in, final FixedPointType out, final ElementwiseLayer layer, final List<long[]> events)
        {
            program.add(new OracleProgram.Case(name(what + " " + in + "->" + out), decl, call, size, in, out,
                ActivationFunctions.create(layer, in), events));
        }

        private void reluMax(final int max, final String call, final FixedPointType in, final FixedPointType out)
        {
            final int n = 7;
            add("relu_max " + max, typedefs(in, out) + activConfig(n, 1024, null), call, n, in, out,
                new ReluMaxLayer("r", n, max, out), elementwise(in, n, around(in, max, 0)));
        }

        private String paramCall(final String fn, final String param)
        {
            return g == TemplateGeneration.V1 ?
                "nnet::" + fn + "<in_t, param_t, out_t, cfg>(in, " + param + ", out);" :
                "nnet::" + fn + "<in_t, out_t, cfg>(in, " + param + ", out);";
        }

        private FixedPointType paramType(final FixedPointType declared, final FixedPointType in)
        {
            // Before 1.x the parameter is a data_T.
            return g == TemplateGeneration.V1 ? declared : in;
        }

        private void leaky(final double alpha, final FixedPointType param, final FixedPointType in,
            final FixedPointType out)
        {
            final int n = 7;
            final FixedPointType pt = paramType(param, in);
            add("leaky_relu", typedefs(in, out) + "typedef " + pt.toCppString() + " param_t;\n" +
                activConfig(n, 1024, null), paramCall("leaky_relu", Double.toString(alpha)), n, in, out,
                new ParametrizedReluLayer("l", ParametrizedRelu.LEAKY_RELU, n, alpha, pt, out),
                elementwise(in, n, around(in, 0, 0)));
        }

        private void thresholded(final double theta, final FixedPointType param, final FixedPointType in,
            final FixedPointType out)
        {
            final int n = 7;
            final FixedPointType pt = paramType(param, in);
            add("thresholded_relu", typedefs(in, out) + "typedef " + pt.toCppString() + " param_t;\n" +
                activConfig(n, 1024, null), paramCall("thresholded_relu", Double.toString(theta)), n, in, out,
                new ParametrizedReluLayer("t", ParametrizedRelu.THRESHOLDED_RELU, n, theta, pt, out),
                elementwise(in, n, around(in, 1, 0)));
        }

        private void prelu(final FixedPointType param, final FixedPointType in, final FixedPointType out)
        {
            final int n = 9;
            final FixedPointType pt = paramType(param, in);
            final long[] alphas = new long[n];
            final StringBuilder init = new StringBuilder("static const double alpha_d[" + n + "] = {");
            for (int i = 0; i < n; i++)
            {
                alphas[i] = pt.fromDouble(rnd.nextDouble() * 1.6 - 0.8);
                init.append(i > 0 ? ", " : "").append(Double.toHexString(pt.toDouble(alphas[i])));
            }
            init.append("};\n");
            final String call = "param_t alpha[" + n + "]; for (int i = 0; i < " + n + "; i++) alpha[i] = " +
                "alpha_d[i]; " + paramCall("prelu", "alpha");
            add("prelu", typedefs(in, out) + "typedef " + pt.toCppString() + " param_t;\n" + init +
                activConfig(n, 1024, null), call, n, in, out, new PReluLayer("p", n, pt, alphas, out),
                elementwise(in, n, around(in, 0, 0)));
        }

        private void elu(final Double alpha, final FixedPointType param, final FixedPointType table,
            final int tableSize, final FixedPointType in, final FixedPointType out)
        {
            final int n = 7;
            final String call;
            final FixedPointType alphaType;
            final double a;
            String decl = typedefs(in, out) + activConfig(n, tableSize, table);
            if (alpha == null)
            {
                call = "nnet::elu<in_t, out_t, cfg>(in, out);";
                a = 1.0;
                alphaType = g == TemplateGeneration.V1 ? FixedPointType.parse("ap_ufixed<1,1>") : out;
            }
            else
            {
                a = alpha;
                alphaType = g == TemplateGeneration.V1 ? param : out;
                decl += "typedef " + alphaType.toCppString() + " param_t;\n";
                call = paramCall("elu", alpha.toString());
            }
            add("elu", decl, call, n, in, out,
                new EluLayer("e", n, a, alphaType, new ActivationTable(table, tableSize), out),
                elementwise(in, n, tableEdges(in, tableSize, -8.0, 0)));
        }

        private void selu(final FixedPointType table, final int tableSize, final FixedPointType in,
            final FixedPointType out)
        {
            final int n = 7;
            add("selu", typedefs(in, out) + activConfig(n, tableSize, table), "nnet::selu<in_t, out_t, cfg>(in, out);",
                n, in, out, new SeluLayer("s", n, new ActivationTable(table, tableSize), g, out),
                elementwise(in, n, tableEdges(in, tableSize, -8.0, 0)));
        }

        private void lookup(final LookupFunction f, final FixedPointType table, final int tableSize,
            final FixedPointType in, final FixedPointType out)
        {
            final int n = 7;
            final double d = f == LookupFunction.TANH ? 8.0 : 16.0;
            add(f.kind(), typedefs(in, out) + activConfig(n, tableSize, table),
                "nnet::" + f.kind() + "<in_t, out_t, cfg>(in, out);", n, in, out,
                new LookupActivationLayer("a", f, n, new ActivationTable(table, tableSize), out),
                elementwise(in, n, tableEdges(in, tableSize, d, tableSize / 2)));
        }

        private void hard(final HardFunction f, final double slope, final FixedPointType slopeType,
            final double shift, final FixedPointType shiftType, final FixedPointType in, final FixedPointType out)
        {
            final int n = 7;
            final String decl;
            if (g == TemplateGeneration.EARLY)
            {
                decl = typedefs(in, out) + activConfig(n, 1024, null);
            }
            else
            {
                decl = typedefs(in, out) + "typedef " + slopeType.toCppString() + " slope_t;\ntypedef " +
                    shiftType.toCppString() + " shift_t;\nstruct cfg { static const unsigned n_in = " + n +
                    "; static const slope_t slope; static const shift_t shift; static const unsigned io_type = " +
                    "nnet::io_parallel; static const unsigned reuse_factor = 1; };\nconst slope_t cfg::slope = " +
                    slope + ";\nconst shift_t cfg::shift = " + shift + ";\n";
            }
            add(f.kind(), decl, "nnet::" + f.kind() + "<in_t, out_t, cfg>(in, out);", n, in, out,
                new HardActivationLayer("h", f, g, n, slope, slopeType, shift, shiftType, out),
                elementwise(in, n, around(in, 0, 0)));
        }

        private void softmaxOld(final SoftmaxImplementation impl, final int n, final int tableSize,
            final FixedPointType exp, final FixedPointType inv, final FixedPointType table, final FixedPointType in,
            final FixedPointType out)
        {
            final String decl = typedefs(in, out) + "struct cfg : nnet::activ_config { static const unsigned n_in = " +
                n + "; static const unsigned table_size = " + tableSize + "; static const unsigned io_type = " +
                "nnet::io_parallel; static const unsigned reuse_factor = 1; static const unsigned axis = -1; " +
                "static const nnet::softmax_implementation implementation = nnet::softmax_implementation::" +
                impl.name().toLowerCase(Locale.ROOT) + "; typedef " + exp.toCppString() + " exp_table_t; typedef " +
                inv.toCppString() + " inv_table_t;" + (table == null ? "" : " typedef " + table.toCppString() +
                " table_t;") + " };\n";
            final FixedPointType t = table == null ? SoftmaxLayer.ACTIV_CONFIG_TABLE_T : table;
            add("softmax " + impl, decl, "nnet::softmax<in_t, out_t, cfg>(in, out);", n, in, out,
                SoftmaxLayer.beforeV1("s", n, impl, g, tableSize, exp, inv, t, out), softmaxEvents(in, n));
        }

        private void softmaxV1(final SoftmaxImplementation impl, final int n, final int outer, final int inner,
            final int expSize, final int invSize, final FixedPointType exp, final FixedPointType inv,
            final FixedPointType accum, final FixedPointType invInp, final FixedPointType norm, final float scale,
            final FixedPointType in, final FixedPointType out)
        {
            final String fn = outer > 1 || inner > 1 ? "softmax_multidim" : "softmax";
            final String decl = typedefs(in, out) + "struct cfg : nnet::activ_config { static const unsigned n_in = " +
                n + "; static const unsigned n_slice = " + (n / outer / inner) + "; static const unsigned n_outer = " +
                outer + "; static const unsigned n_inner = " + inner + "; static const unsigned " +
                "parallelization_factor = -1; static const unsigned exp_table_size = " + expSize + "; static const " +
                "unsigned inv_table_size = " + invSize + "; static const unsigned io_type = nnet::io_parallel; " +
                "static const unsigned reuse_factor = 1; static const unsigned axis = -1; static const " +
                "nnet::softmax_implementation implementation = nnet::softmax_implementation::" +
                impl.name().toLowerCase(Locale.ROOT) + "; static constexpr float exp_scale = " +
                Float.toString(scale) + "; typedef " + exp.toCppString() + " exp_table_t; typedef " +
                inv.toCppString() + " inv_table_t; typedef " + accum.toCppString() + " accum_t; typedef " +
                invInp.toCppString() + " inv_inp_t; typedef " +
                (norm == null ? "ap_fixed<1,0>" : norm.toCppString()) + " inp_norm_t; };\n";
            add("softmax " + impl + " " + outer + "x" + inner, decl, "nnet::" + fn + "<in_t, out_t, cfg>(in, out);",
                n, in, out, new SoftmaxLayer("s", n, impl, g, new ActivationTable(exp, expSize),
                    new ActivationTable(inv, invSize), accum, invInp, norm, scale, SoftmaxLayer.ACTIV_CONFIG_TABLE_T,
                    outer, inner, out), softmaxEvents(in, n));
        }

        /** Raw values near k * 2^F for each k given (thresholds), and the type's extremes. */
        private static List<Long> around(final FixedPointType in, final int... values)
        {
            final List<Long> raws = new ArrayList<>();
            for (final int v : values)
            {
                final long centre = Math.scalb((double)v, in.fractionBits()) >= in.maxRaw() ? in.maxRaw() :
                    (long)v << in.fractionBits();
                for (long d = -3; d <= 3; d++)
                {
                    raws.add(centre + d);
                    raws.add(-centre + d);
                }
            }
            return raws;
        }

        /** Inputs at every table index boundary: x = (k - offset) * range / size, and one raw step either side. */
        private static List<Long> tableEdges(final FixedPointType in, final int size, final double range,
            final int offset)
        {
            final List<Long> raws = new ArrayList<>();
            final int step = Math.max(1, size / 512);
            for (int k = -2; k <= size + 2; k += step)
            {
                final double x = (k - offset) * Math.abs(range) / size * Math.signum(range);
                final long centre = (long)Math.floor(Math.scalb(x, in.fractionBits()));
                for (long d = -1; d <= 1; d++)
                {
                    raws.add(centre + d);
                }
            }
            return raws;
        }

        /** Every raw value when the type is small, else random ones over the range and near zero, plus extras. */
        private List<long[]> elementwise(final FixedPointType in, final int n, final List<Long> extra)
        {
            final List<Long> values = new ArrayList<>();
            if (in.width() <= 12)
            {
                for (long r = in.minRaw(); r <= in.maxRaw(); r++)
                {
                    values.add(r);
                }
            }
            else
            {
                final long span = in.maxRaw() - in.minRaw() + 1;
                final long near = Math.min(span / 2, 12L << Math.max(0, in.fractionBits()));
                for (int i = 0; i < 1500; i++)
                {
                    values.add(in.minRaw() + (long)(rnd.nextDouble() * span));
                    values.add((long)((rnd.nextDouble() * 2 - 1) * near));
                }
            }
            values.add(in.minRaw());
            values.add(in.maxRaw());
            for (final long e : extra)
            {
                values.add(Math.max(in.minRaw(), Math.min(in.maxRaw(), e)));
            }
            final List<long[]> events = new ArrayList<>();
            for (int i = 0; i < values.size(); i += n)
            {
                final long[] event = new long[n];
                for (int j = 0; j < n && i + j < values.size(); j++)
                {
                    event[j] = asAssigned(in, values.get(i + j));
                }
                events.add(event);
            }
            return events;
        }

        /**
         * The raw value the C++ input holds after {@code in[j] = ldexp(raw, -F)}: clamped to the type, then through
         * its own conversion (AP_SAT_SYM, for one, never holds the most negative pattern).
         */
        private static long asAssigned(final FixedPointType in, final long raw)
        {
            return in.fromDouble(in.toDouble(Math.max(in.minRaw(), Math.min(in.maxRaw(), raw))));
        }

        /** Softmax events: full-range and near-zero values, ties, all-equal, extremes, one dominant value. */
        private List<long[]> softmaxEvents(final FixedPointType in, final int n)
        {
            final List<long[]> events = new ArrayList<>();
            final long span = in.maxRaw() - in.minRaw() + 1;
            final long near = Math.min(span / 2, 6L << Math.max(0, in.fractionBits()));
            for (int e = 0; e < 400; e++)
            {
                final long[] x = new long[n];
                final int mode = e % 6;
                for (int j = 0; j < n; j++)
                {
                    switch (mode)
                    {
                        case 0 -> x[j] = in.minRaw() + (long)(rnd.nextDouble() * span);
                        case 1, 2 -> x[j] = (long)((rnd.nextDouble() * 2 - 1) * near);
                        case 3 -> x[j] = j % 2 == 0 ? x[0] == 0 && j == 0 ? (long)(rnd.nextDouble() * near) : x[0] :
                            (long)((rnd.nextDouble() * 2 - 1) * near);
                        case 4 -> x[j] = rnd.nextBoolean() ? in.maxRaw() : in.minRaw();
                        default -> x[j] = j == e % n ? (long)(rnd.nextDouble() * near * 2) :
                            -(long)(rnd.nextDouble() * near);
                    }
                    x[j] = asAssigned(in, x[j]);
                }
                events.add(x);
            }
            final long[] equal = new long[n];
            java.util.Arrays.fill(equal, asAssigned(in, in.isSigned() ? -1 : 1));
            events.add(equal);
            events.add(new long[n]);
            return events;
        }
    }
}
