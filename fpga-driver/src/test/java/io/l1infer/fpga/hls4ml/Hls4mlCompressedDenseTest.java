package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.engine.CompressedOrderModels;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ModelSummary;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.opencl.OpenClDevice;
import io.l1infer.fpga.opencl.OpenClTestDevices;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nnet::dense_compressed}: imported to the dense layer it computes (text and header weights, hls4ml's zero
 * padding and reuse factors), checked against the g++ C simulation of both template releases, and every refusal.
 */
class Hls4mlCompressedDenseTest
{
    private static final FixedPointType T = FixedPointType.parse("ap_fixed<16,6>");
    private static final FixedPointType W = FixedPointType.parse("ap_fixed<8,3,AP_RND,AP_SAT>");
    private static final FixedPointType ACC = FixedPointType.parse("ap_fixed<14,5,AP_RND_CONV>");

    @TempDir
    Path dir;

    /** 3 inputs, 4 outputs, 5 non-zero weights (so reuse factors 2..4 need padding zeros), a wrapping accumulator. */
    private static ModelBundle model()
    {
        final long[] w = {0, 12, 0, -7, 0, 0, 33, 0, -128, 0, 0, 127};
        return ModelBundle.of("m", "", new ModelInput(3, T, List.of()), new ModelOutput(4, T, List.of(), 1.0, ""),
            List.of(new DenseLayer("fc1", 3, 4, W, w, T, new long[] {7, -8, 0, 1024}, ACC, T),
                new ReluLayer("relu1", 4, T)));
    }

    @ParameterizedTest
    @EnumSource(Hls4mlProjectWriter.Style.class)
    void importsAsTheDenseLayerItComputes(final Hls4mlProjectWriter.Style style) throws IOException
    {
        for (final boolean text : new boolean[] {true, false})
        {
            for (long seed = 1; seed <= 8; seed++)
            {
                final Path p = dir.resolve(style + "-" + text + "-" + seed);
                Hls4mlProjectWriter.writeWith(model(), p, style, Hls4mlProjectWriter.Values.EXACT, text, seed,
                    1, null);
                assertTrue(Files.readString(p.resolve("firmware/myproject.cpp")).contains("nnet::dense_compressed<"),
                    "seed " + seed);
                final Layer imported = Hls4mlImporter.importProject(p).layers().get(0);
                assertSameDense(model().layers().get(0), imported, "seed " + seed + ", text weights " + text);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Hls4mlProjectWriter.Style.class)
    void equalsTheCSimulation(final Hls4mlProjectWriter.Style style)
    {
        final Path release = SharedReference.require("reference/" + style.reference(), "dense_compressed C simulation");
        Assumptions.assumeTrue(GppHarness.available() || SharedReference.underCi(), "no g++ on the PATH");
        final long seed = 4242;
        final SplittableRandom r = new SplittableRandom(seed);
        final List<Path> projects = new ArrayList<>();
        final List<List<String>> inputs = new ArrayList<>();
        final List<int[][]> raws = new ArrayList<>();
        final List<ModelBundle> models = new ArrayList<>();
        for (int k = 0; k < 6; k++)
        {
            final ModelBundle m = k == 0 ? model() : DifferentialModels.random(r, style);
            final Path p = dir.resolve("gpp-" + k);
            Hls4mlProjectWriter.writeWith(m, p, style, Hls4mlProjectWriter.Values.values()[k % 3], k % 2 == 0,
                seed + k, 1, null);
            final int[][] events = DifferentialProjects.inputs(r, m.input().type(), m.input().size());
            projects.add(p);
            inputs.add(DifferentialProjects.lines(events));
            raws.add(events);
            models.add(m);
        }
        final List<List<String>> outputs = GppHarness.runAll(projects, release, inputs, dir.resolve("build"));
        int compressed = 0;
        for (int k = 0; k < projects.size(); k++)
        {
            final ModelBundle imported = Hls4mlImporter.importProject(projects.get(k));
            assertEquals(List.of(), DifferentialProjects.compare(imported, raws.get(k), outputs.get(k)),
                "project " + k + " (seed " + seed + ", kept in " + projects.get(k) + ")");
            compressed += DifferentialProjects.count(projects.get(k), "nnet::dense_compressed<");
        }
        assertTrue(compressed >= 3, "dense_compressed layers compiled: " + compressed);
    }

    @Test
    void aSaturatingAccumulatorImportsWithTheTemplatesOrder() throws IOException
    {
        final Path fw = write(1);
        final String p = Files.readString(fw.resolve("parameters.h"));
        final String accum = p.lines().filter(l -> l.contains(" accum_t;")).findFirst().orElseThrow();
        replace(fw, "parameters.h", accum, "    typedef ap_fixed<14,5,AP_TRN,AP_SAT> accum_t;");
        final int n = nonzeros(fw);
        final ModelBundle imported = Hls4mlImporter.importProject(dir);
        final DenseLayer d = assertInstanceOf(DenseLayer.class, imported.layers().get(0));
        assertEquals(FixedPointType.parse("ap_fixed<14,5,AP_TRN,AP_SAT>"), d.accumType());
        assertArrayEquals(((DenseLayer)model().layers().get(0)).weights(), d.weights());
        // hls4ml's entries: the 5 non-zeros and padding zeros in C order, sorted by column, then row
        final List<Integer> expected = new ArrayList<>(List.of(8, 1, 6, 3, 11));
        for (int k = 0; expected.size() < n; k++)
        {
            if (!expected.contains(k))
            {
                expected.add(k);
            }
        }
        expected.sort(java.util.Comparator.<Integer>comparingInt(e -> e % 4).thenComparingInt(e -> e / 4));
        assertEquals(0, n % d.compressed().reuseFactor(), "reuse factor " + d.compressed().reuseFactor());
        assertTrue(n - 5 < d.compressed().reuseFactor(), "padding below the reuse factor");
        assertEquals(expected, java.util.Arrays.stream(d.compressed().entries()).boxed().toList());
        final String summary = ModelSummary.describe(imported);
        assertTrue(summary.contains("dense_compressed order (reuse factor " + d.compressed().reuseFactor() + ")"),
            summary);
    }

    @ParameterizedTest
    @EnumSource(Hls4mlProjectWriter.Style.class)
    void saturatingAccumulatorsEqualTheCSimulationOnBothEngines(final Hls4mlProjectWriter.Style style)
    {
        final Path release = SharedReference.require("reference/" + style.reference(), "dense_compressed C simulation");
        Assumptions.assumeTrue(GppHarness.available() || SharedReference.underCi(), "no g++ on the PATH");
        final OpenClDevice device = OpenClTestDevices.requireOrSkipPart("OpenCL part of the dense_compressed test");
        final long seed = Long.getLong("l1infer.hls4ml.compressed.seed", 31000L);
        final int projects = Integer.getInteger("l1infer.hls4ml.compressed.projects", 12);
        final List<DifferentialProjects.Outcome> outcomes = new ArrayList<>();
        for (int first = 0; first < projects; first += 12)
        {
            outcomes.addAll(DifferentialProjects.run(seed + first, Math.min(12, projects - first), style, release,
                dir, device, (s, r, st) -> CompressedOrderModels.random(r), 1));
        }
        int events = 0;
        int openCl = 0;
        int orderSensitive = 0;
        int compressed = 0;
        final List<String> failures = new ArrayList<>();
        for (final DifferentialProjects.Outcome o : outcomes)
        {
            events += o.events();
            openCl += o.openClEvents();
            orderSensitive += o.orderSensitiveEvents();
            compressed += DifferentialProjects.count(o.project(), "nnet::dense_compressed<");
            if (!o.mismatches().isEmpty())
            {
                failures.add("seed " + o.seed() + " (" + style + ", kept in " + o.project() + "): " +
                    o.mismatches().size() + " mismatches, first " + o.mismatches().get(0));
            }
        }
        System.out.println("dense_compressed with saturating accumulators " + style + ": " + projects +
            " projects, " + compressed + " compressed layers, " + events + " events, emulator: all, OpenCL: " +
            (device == null ? "skipped" : openCl) + "; dense_latency's order would differ from the C simulation " +
            "in " + orderSensitive + " events; " + failures.size() + " projects with mismatches (seeds from " + seed +
            ")");
        assertEquals(List.of(), failures);
        assertEquals(device == null ? 0 : events, openCl, "events compared on OpenCL");
        assertTrue(compressed >= projects, "dense_compressed layers: " + compressed);
        assertTrue(orderSensitive > events / 20, "the accumulators saturated mid-sum in " + orderSensitive + " of " +
            events + " events (seed " + seed + ")");
    }

    @Test
    void hls4mlsOwnProductAliasDoesNotCompileAndIsRefused() throws IOException
    {
        final Path fw = write(1);
        replace(fw, "parameters.h", "mult<x_T, decltype(y_T::weight)>", "mult<x_T, y_T>");
        refused("firmware/parameters.h:", "layer 'fc1': product 'nnet::product::mult<x_T,y_T>' does not compile " +
            "with the compressed struct weight_t");
    }

    @Test
    void aProductNamingTheWeightFieldTypeImports() throws IOException
    {
        final Path fw = write(1);
        replace(fw, "parameters.h", "mult<x_T, decltype(y_T::weight)>", "mult<x_T, " + W.toCppString() + ">");
        assertSameDense(model().layers().get(0), Hls4mlImporter.importProject(dir).layers().get(0), "mult<x_T, W>");
    }

    @Test
    void aCountThatIsNoMultipleOfTheReuseFactorIsRefused() throws IOException
    {
        final Path fw = write(1);
        final int n = nonzeros(fw);
        final String p = Files.readString(fw.resolve("parameters.h"));
        Files.writeString(fw.resolve("parameters.h"), p.replaceFirst("reuse_factor = \\d+;", "reuse_factor = " +
            (n + 1) + ";"));
        refused("firmware/parameters.h:", "layer 'fc1': n_nonzeros " + n + " is not a multiple of reuse_factor " +
            (n + 1) + ": dense_compressed then reads past the weight array");
    }

    @Test
    void aWeightCountThatDisagreesIsRefused() throws IOException
    {
        final Path fw = write(1);
        final String txt = Files.readString(fw.resolve("weights/w2.txt"));
        final int n = nonzeros(fw);
        Files.writeString(fw.resolve("weights/w2.txt"), txt.substring(0, txt.lastIndexOf(", {")));
        refused("firmware/weights/w2.txt:1", "layer 'fc1': weight count disagrees: firmware/weights/w2.txt has " +
            (n - 1) + " entries for 'w2' (declared size " + n + ") but config2 n_nonzeros = " + n);
    }

    @Test
    void anIndexOutsideTheLayerIsRefused() throws IOException
    {
        final Path fw = write(1);
        final String txt = Files.readString(fw.resolve("weights/w2.txt"));
        Files.writeString(fw.resolve("weights/w2.txt"), txt.replaceFirst("\\{(\\d+), (\\d+),", "{3, $2,"));
        refused("firmware/weights/w2.txt:1", "layer 'fc1': entry #0 '3 ");
        refused("firmware/weights/w2.txt:1", "is outside n_in 3, n_out 4 or its index type (row ap_uint<2>");
    }

    @Test
    void aRepeatedPositionIsRefused() throws IOException
    {
        final Path fw = write(1);
        final String txt = Files.readString(fw.resolve("weights/w2.txt"));
        assertTrue(txt.contains("{2, 0, -4"), txt);
        Files.writeString(fw.resolve("weights/w2.txt"), "{2, 0, -4.0}, " + txt.substring(0, txt.lastIndexOf(", {")));
        refused("firmware/weights/w2.txt:1", "layer 'fc1': entry #");
        refused("firmware/weights/w2.txt:1", "repeats row 2, column 0 with a non-zero weight");
    }

    @Test
    void binaryWeightFieldsAreRefused() throws IOException
    {
        final Path fw = write(1);
        final String d = Files.readString(fw.resolve("defines.h"));
        final String line = d.lines().filter(l -> l.contains("struct compressed_weight2_t")).findFirst().orElseThrow();
        replace(fw, "defines.h", line, "typedef struct compressed_weight2_t {ap_uint<2> row_index;ap_uint<2> " +
            "col_index;ap_uint<1> weight; } compressed_weight2_t;");
        refused("firmware/parameters.h:", "layer 'fc1': compressed weight field ap_uint<1>: ap_int/ap_uint weights " +
            "select the binary or ternary products, which are not supported with dense_compressed");
    }

    @Test
    void aStructWithOtherFieldsIsRefused() throws IOException
    {
        final Path fw = write(1);
        replace(fw, "defines.h", " col_index;", " column;");
        refused("firmware/defines.h:", "layer 'fc1': compressed_weight2_t has fields [row_index, column, weight] " +
            "(supported: row_index, col_index, weight");
    }

    @Test
    void compressedWeightsThroughPlainDenseAreRefused() throws IOException
    {
        final Path fw = write(1);
        replace(fw, "myproject.cpp", "nnet::dense_compressed<", "nnet::dense<");
        refused("firmware/parameters.h:", "layer 'fc1': weight_t compressed_weight2_t is hls4ml's compressed " +
            "struct, which nnet::dense cannot read (hls4ml 0.5 and later write this call for compressed layers and " +
            "it does not compile: dense_latency multiplies by the struct); supported: nnet::dense_compressed");
    }

    @Test
    void aPlainTypeAsCompressedWeightsIsRefused() throws IOException
    {
        final Path fw = write(1);
        replace(fw, "parameters.h", "typedef compressed_weight2_t weight_t;", "typedef weight2_t weight_t;");
        refused("firmware/parameters.h:", "layer 'fc1': dense_compressed weight_t 'weight2_t' is not a struct " +
            "typedef {row_index; col_index; weight;}");
    }

    private Path write(final long seed)
    {
        Hls4mlProjectWriter.writeWith(model(), dir, Hls4mlProjectWriter.Style.V1_3_0,
            Hls4mlProjectWriter.Values.EXACT, true, seed, 1, null);
        assertSameDense(model().layers().get(0), Hls4mlImporter.importProject(dir).layers().get(0),
            "the unchanged project imports");
        return dir.resolve("firmware");
    }

    private static void assertSameDense(final Layer expected, final Layer actual, final String what)
    {
        final DenseLayer e = (DenseLayer)expected;
        final DenseLayer a = assertInstanceOf(DenseLayer.class, actual, what);
        assertEquals(List.of(e.name(), e.inputSize(), e.outputSize(), e.weightType(), e.biasType(), e.accumType(),
            e.resultType()), List.of(a.name(), a.inputSize(), a.outputSize(), a.weightType(), a.biasType(),
            a.accumType(), a.resultType()), what);
        assertArrayEquals(e.weights(), a.weights(), what);
        assertArrayEquals(e.biases(), a.biases(), what);
    }

    private static int nonzeros(final Path fw) throws IOException
    {
        final String p = Files.readString(fw.resolve("parameters.h"));
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("n_nonzeros = (\\d+);").matcher(p);
        assertTrue(m.find(), p);
        return Integer.parseInt(m.group(1));
    }

    private static void replace(final Path fw, final String file, final String from, final String to)
        throws IOException
    {
        Hls4mlRefusalTest.replace(fw, file, from, to);
    }

    private void refused(final String where, final String what)
    {
        Hls4mlRefusalTest.refused(dir, where, what);
    }
}
