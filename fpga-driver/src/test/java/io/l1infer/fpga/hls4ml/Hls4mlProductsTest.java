package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.testsupport.SharedReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hls4ml's {@code weight_binary} and {@code weight_ternary} products: imported as plain products with ap_int&lt;2&gt;
 * weights of -1, 0, +1, checked against the g++ C simulation of both template releases, and the refusals.
 */
class Hls4mlProductsTest
{
    private static final FixedPointType T = FixedPointType.parse("ap_fixed<16,6>");
    private static final FixedPointType SIGN = FixedPointType.apInt(true, 2);

    @TempDir
    Path dir;

    private static ModelBundle model(final long[] weights, final FixedPointType data, final FixedPointType accum)
    {
        return ModelBundle.of("m", "", new ModelInput(3, data, List.of()), new ModelOutput(2, T, List.of(), 1.0, ""),
            List.of(new DenseLayer("fc1", 3, 2, SIGN, weights, T, new long[] {7, -8}, accum, T),
                new ReluLayer("relu1", 2, T)));
    }

    @ParameterizedTest
    @EnumSource(Hls4mlProjectWriter.Style.class)
    void importsAsPlainProductsWithSignWeights(final Hls4mlProjectWriter.Style style) throws IOException
    {
        for (final String product : List.of("weight_binary", "weight_ternary"))
        {
            final long[] w = product.equals("weight_binary") ? new long[] {1, -1, -1, 1, 1, 1} :
                new long[] {1, 0, -1, 0, 1, -1};
            final ModelBundle m = model(w, T, T);
            final Path p = dir.resolve(style + "-" + product);
            Hls4mlProjectWriter.writeWith(m, p, style, Hls4mlProjectWriter.Values.EXACT, true, 3, 0, product);
            assertTrue(Files.readString(p.resolve("firmware/parameters.h")).contains("nnet::product::" + product +
                "<x_T, y_T>"), product);
            final DenseLayer d = (DenseLayer)Hls4mlImporter.importProject(p).layers().get(0);
            assertEquals(SIGN, d.weightType(), product);
            assertArrayEquals(w, d.weights(), product);
        }
    }

    @ParameterizedTest
    @EnumSource(Hls4mlProjectWriter.Style.class)
    void equalsTheCSimulation(final Hls4mlProjectWriter.Style style)
    {
        final Path release = SharedReference.require("reference/" + style.reference(), "binary/ternary C simulation");
        Assumptions.assumeTrue(GppHarness.available() || SharedReference.underCi(), "no g++ on the PATH");
        final long seed = 777;
        final SplittableRandom r = new SplittableRandom(seed);
        final List<Path> projects = new ArrayList<>();
        final List<List<String>> inputs = new ArrayList<>();
        final List<int[][]> raws = new ArrayList<>();
        int products = 0;
        int signs = 0;
        int luts = 0;
        for (int k = 0; k < 8; k++)
        {
            final ModelBundle m = DifferentialSigns.apply(DifferentialModels.random(r, style), r, 1, style);
            final Path p = dir.resolve("gpp-" + k);
            Hls4mlProjectWriter.writeWith(m, p, style, Hls4mlProjectWriter.Values.values()[k % 3], k % 2 == 0,
                seed + k, 0, k % 2 == 0 ? "weight_binary" : "weight_ternary");
            final int[][] events = DifferentialProjects.inputs(r, m.input().type(), m.input().size());
            projects.add(p);
            inputs.add(DifferentialProjects.lines(events));
            raws.add(events);
            products += count(p, "firmware/parameters.h", "nnet::product::weight_binary<") +
                count(p, "firmware/parameters.h", "nnet::product::weight_ternary<");
            signs += count(p, "firmware/myproject.cpp", "nnet::binary_tanh<") +
                count(p, "firmware/myproject.cpp", "nnet::ternary_tanh<");
            luts += count(p, "firmware/myproject.cpp", "nnet::unary_lut<");
        }
        final List<List<String>> outputs = GppHarness.runAll(projects, release, inputs, dir.resolve("build"));
        for (int k = 0; k < projects.size(); k++)
        {
            assertEquals(List.of(), DifferentialProjects.compare(Hls4mlImporter.importProject(projects.get(k)),
                raws.get(k), outputs.get(k)), "project " + k + " (seed " + seed + ", kept in " + projects.get(k) + ")");
        }
        assertTrue(products >= 6, "binary and ternary dense layers compiled: " + products);
        assertTrue(signs >= 3, "binary_tanh and ternary_tanh layers compiled: " + signs);
        assertTrue(style != Hls4mlProjectWriter.Style.V1_3_0 || luts >= 1, "unary_lut layers compiled: " + luts);
    }

    @Test
    void xnorDataAndWeightsAreRefused() throws IOException
    {
        final FixedPointType bit = FixedPointType.apInt(false, 1);
        final ModelBundle m = ModelBundle.of("m", "", new ModelInput(3, bit, List.of()),
            new ModelOutput(2, T, List.of(), 1.0, ""), List.of(new DenseLayer("fc1", 3, 2, bit,
                new long[] {1, 0, 0, 1, 1, 1}, T, new long[] {7, -8}, T, T)));
        Hls4mlProjectWriter.write(m, dir, Hls4mlProjectWriter.Style.V1_3_0, Hls4mlProjectWriter.Values.EXACT, true,
            3);
        Hls4mlRefusalTest.replace(dir.resolve("firmware"), "parameters.h", "nnet::product::mult<",
            "nnet::product::both_binary<");
        Hls4mlRefusalTest.refused(dir, "firmware/parameters.h:", "layer 'fc1': ap_uint<1> data and ap_uint<1> " +
            "weights (XNOR, both_binary): the result is cast as 2 * acc - n_in, which is not supported");
    }

    @Test
    void dataBinaryIsRefused() throws IOException
    {
        final Path fw = write("weight_ternary", T, T);
        Hls4mlRefusalTest.replace(fw, "parameters.h", "nnet::product::weight_ternary<", "nnet::product::data_binary<");
        Hls4mlRefusalTest.refused(dir, "firmware/parameters.h:", "layer 'fc1': product " +
            "'nnet::product::data_binary<x_T,y_T>' is not supported (supported: nnet::product::mult, the plain " +
            "product, weight_binary and weight_ternary; not both_binary, data_binary or weight_exponential)");
    }

    @Test
    void anApSatSymAccumulatorOneIntegerBitWiderIsRefused() throws IOException
    {
        final Path fw = write("weight_ternary", T, T);
        final String p = Files.readString(fw.resolve("parameters.h"));
        final String accum = p.lines().filter(l -> l.contains(" accum_t;")).findFirst().orElseThrow();
        Hls4mlRefusalTest.replace(fw, "parameters.h", accum, "    typedef ap_fixed<20,8,AP_TRN,AP_SAT_SYM> accum_t;");
        Hls4mlRefusalTest.refused(dir, "firmware/parameters.h:", "layer 'fc1': nnet::product::weight_ternary<x_T," +
            "y_T> returns decltype(-a) = 7 integer bits, and the AP_SAT_SYM accumulator " +
            "ap_fixed<20,8,AP_TRN,AP_SAT_SYM> with one integer bit more would be computed from a wider product type");
    }

    @Test
    void anApIntAccumulatorFromFractionalDataIsRefused() throws IOException
    {
        final Path fw = write("weight_binary", T, FixedPointType.apInt(true, 12));
        final String d = Files.readString(fw.resolve("defines.h"));
        final String input = d.lines().filter(l -> l.endsWith(" input_t;")).findFirst().orElseThrow();
        Hls4mlRefusalTest.replace(fw, "defines.h", input, "typedef ap_fixed<8,-1> input_t;");
        Hls4mlRefusalTest.refused(dir, "firmware/parameters.h:", "layer 'fc1': nnet::product::weight_binary<x_T," +
            "y_T> into the ap_int accumulator ap_int<12> from data with -1 integer bits is not supported");
    }

    @Test
    void earlyReleaseBinaryWeightsAreRefused() throws IOException
    {
        final Path fw = write("weight_binary", T, T);
        // The early release has no product aliases and no nnet_code_gen.h: its free product overloads select by type.
        final String p = Files.readString(fw.resolve("parameters.h"));
        Files.writeString(fw.resolve("parameters.h"), p.replace("#include \"nnet_utils/nnet_code_gen.h\"\n", "")
            .replaceAll("    template<class x_T, class y_T>\n    using product = nnet::product::\\w+<x_T, y_T>;\n", "")
            .replaceAll("    template<class data_T, class res_T, class CONFIG_T>\n    using kernel = [^;]+;\n", ""));
        Hls4mlRefusalTest.refused(dir, "firmware/parameters.h:", "layer 'fc1': weight_t ap_uint<1> selects the early " +
            "release's binary product overload, which converts -a back to data_T; not supported");
    }

    @Test
    void unaryLutOutsideHls4ml1AndATooSmallTableAreRefused() throws IOException
    {
        final FixedPointType small = FixedPointType.parse("ap_fixed<4,2>");
        final ModelBundle m = ModelBundle.of("m", "", new ModelInput(2, T, List.of()),
            new ModelOutput(2, T, List.of(), 1.0, ""), List.of(new DenseLayer("fc", 2, 2, T, new long[] {1, 2, 3, 4},
                T, new long[] {0, 0}, T, small), new io.l1infer.fpga.model.UnaryLutLayer("lut", 2, small,
                new long[16], T)));
        Hls4mlProjectWriter.write(m, dir.resolve("lut"), Hls4mlProjectWriter.Style.V0_8_1,
            Hls4mlProjectWriter.Values.EXACT, true, 3);
        Hls4mlRefusalTest.refused(dir.resolve("lut"), "firmware/myproject.cpp:", "layer 'lut': unary_lut exists " +
            "only in hls4ml 1.x's nnet_activation.h, and this project is V0_8");
        Hls4mlProjectWriter.write(m, dir.resolve("lut1"), Hls4mlProjectWriter.Style.V1_3_0,
            Hls4mlProjectWriter.Values.EXACT, true, 3);
        assertEquals(2, Hls4mlImporter.importProject(dir.resolve("lut1")).layers().size(), "the 1.x project imports");
        final Path fw = dir.resolve("lut1/firmware");
        Files.writeString(fw.resolve("weights/table3.txt"), String.join(", ", java.util.Collections.nCopies(8, "0")));
        Hls4mlRefusalTest.replace(fw, "parameters.h", "table_size = 16;", "table_size = 8;");
        Hls4mlRefusalTest.replace(fw, "myproject.cpp", "<table3_t, 16>", "<table3_t, 8>");
        Hls4mlRefusalTest.replace(fw, "weights/table3.h", "table3[16]", "table3[8]");
        Hls4mlRefusalTest.refused(dir.resolve("lut1"), "firmware/parameters.h:", "layer 'lut': unary_lut 'lut': " +
            "8 table entries for the 4-bit input ap_fixed<4,2>, whose raw bits index it (supported: table_size >= " +
            "2^W, W <= 24)");
    }

    private Path write(final String product, final FixedPointType data, final FixedPointType accum)
    {
        final long[] w = {1, -1, -1, 1, 1, 1};
        Hls4mlProjectWriter.writeWith(model(w, data, accum), dir, Hls4mlProjectWriter.Style.V1_3_0,
            Hls4mlProjectWriter.Values.EXACT, true, 3, 0, product);
        assertArrayEquals(w, ((DenseLayer)Hls4mlImporter.importProject(dir).layers().get(0)).weights());
        return dir.resolve("firmware");
    }

    private static int count(final Path project, final String file, final String text)
    {
        try
        {
            return Files.readString(project.resolve(file)).split(
                java.util.regex.Pattern.quote(text), -1).length - 1;
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
