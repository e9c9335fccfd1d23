package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.CompressedOrderModels;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.engine.RandomFixedPointModels;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.ParametrizedRelu;
import io.l1infer.fpga.model.ParametrizedReluLayer;
import io.l1infer.fpga.opencl.MappedBufferPolicy;
import io.l1infer.fpga.opencl.OpenClAccelerator;
import io.l1infer.fpga.opencl.OpenClDevice;
import io.l1infer.fpga.opencl.OpenClKernelSource;
import io.l1infer.fpga.opencl.OpenClProgram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The differential check shared by the CI test and the long run: seeded random models written as hls4ml projects,
 * compiled with g++ against a release's nnet_utils, and compared event by event with import plus the emulator and
 * import plus the generated OpenCL kernel.
 */
final class DifferentialProjects
{
    static final int EVENTS = 48;

    /**
     * One project's outcome: its seed, its directory, its events (and how many of them ran on OpenCL) and the
     * events whose outputs differ on either engine.
     */
    record Outcome(long seed, Path project, int events, int openClEvents, int distinctOutputs, List<String> mismatches,
        Set<Corner> corners, int orderSensitiveEvents)
    {
    }

    /** Draws the model of one seed. */
    interface Generator
    {
        ModelBundle draw(long seed, SplittableRandom r, Hls4mlProjectWriter.Style style);
    }

    /**
     * The differential test's models: the engine tests' random models, DifferentialModels, sign weights, 64-bit
     * unsigned types.
     */
    static final Generator DEFAULT = (seed, r, style) -> DifferentialUnsigned64.apply(DifferentialSigns.apply(
        r.nextInt(4) == 0 ? RandomFixedPointModels.randomModel(r) : DifferentialModels.random(r, style),
        new SplittableRandom(seed ^ 0x7369676e73L), style), new SplittableRandom(seed ^ 0x7536345f74L));

    /** The conversion corners a model contains, counted so that a run shows it drew them. */
    enum Corner
    {
        /** a 1-bit signed AP_SAT_SYM result, accumulator, weight or bias type */
        SAT_SYM_1_BIT,
        /** relu_max or leaky_relu into an ap_int */
        AP_INT_ACTIVATION,
        /** a softmax whose exp or inverse table type wraps (inf and huge entries) */
        WRAPPING_SOFTMAX_TABLE,
        /** a 64-bit unsigned type (ap_uint<64>, ap_ufixed<64,I>) anywhere */
        UNSIGNED_64
    }

    static Set<Corner> corners(final ModelBundle model)
    {
        final Set<Corner> corners = EnumSet.noneOf(Corner.class);
        if (DifferentialUnsigned64.has(model))
        {
            corners.add(Corner.UNSIGNED_64);
        }
        for (final Layer layer : model.layers())
        {
            final List<FixedPointType> types = new ArrayList<>(List.of(layer.resultType()));
            if (layer instanceof DenseLayer d)
            {
                types.addAll(List.of(d.weightType(), d.biasType(), d.accumType()));
            }
            if (types.stream().anyMatch(t -> t.width() == 1 && t.isSigned() && t.overflow() == Overflow.AP_SAT_SYM))
            {
                corners.add(Corner.SAT_SYM_1_BIT);
            }
            if ((layer instanceof ReluMaxLayer ||
                layer instanceof ParametrizedReluLayer p && p.function() == ParametrizedRelu.LEAKY_RELU) &&
                layer.resultType().isInteger())
            {
                corners.add(Corner.AP_INT_ACTIVATION);
            }
            if (layer instanceof SoftmaxLayer s && (wraps(s.expTable().type()) || wraps(s.invTable().type())))
            {
                corners.add(Corner.WRAPPING_SOFTMAX_TABLE);
            }
        }
        return corners;
    }

    private static boolean wraps(final FixedPointType t)
    {
        return t.overflow() == Overflow.AP_WRAP || t.overflow() == Overflow.AP_WRAP_SM;
    }

    private DifferentialProjects()
    {
    }

    /**
     * Write, compile (in one g++ run), import and compare {@code count} projects from seeds {@code first...} on the
     * emulator and, when {@code device} is not null, on the generated OpenCL kernel.
     */
    static List<Outcome> run(
        final long firstSeed,
        final int count,
        final Hls4mlProjectWriter.Style style,
        final Path release,
        final Path work,
        final OpenClDevice device)
    {
        return run(firstSeed, count, style, release, work, device, DEFAULT, 3);
    }

    /**
     * As above with the models of {@code generator}, one in {@code compressedEvery} dense layers written as
     * dense_compressed where it applies (1: all).
     */
    static List<Outcome> run(
        final long firstSeed,
        final int count,
        final Hls4mlProjectWriter.Style style,
        final Path release,
        final Path work,
        final OpenClDevice device,
        final Generator generator,
        final int compressedEvery)
    {
        final List<Path> projects = new ArrayList<>();
        final List<List<String>> inputs = new ArrayList<>();
        final List<int[][]> raws = new ArrayList<>();
        for (int k = 0; k < count; k++)
        {
            final long seed = firstSeed + k;
            final SplittableRandom r = new SplittableRandom(seed);
            final ModelBundle model;
            try
            {
                model = generator.draw(seed, r, style);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalStateException("seed " + seed + " (" + style + "): the generator drew an invalid " +
                    "model: " + ex.getMessage(), ex);
            }
            final Hls4mlProjectWriter.Values values = Hls4mlProjectWriter.Values.values()[r.nextInt(3)];
            final Path dir = work.resolve(style + "-" + seed);
            Hls4mlProjectWriter.writeWith(model, dir, style, values, r.nextInt(4) != 0, seed, compressedEvery, null);
            projects.add(dir);
            final int[][] events = inputs(r, model.input().type(), model.input().size());
            raws.add(events);
            inputs.add(lines(events));
        }
        final List<List<String>> outputs = GppHarness.runAll(projects, release, inputs, work.resolve("build-" +
            style + "-" + firstSeed));
        final List<ModelBundle> models = new ArrayList<>();
        final List<List<String>> mismatches = new ArrayList<>();
        final int[] orderSensitive = new int[count];
        for (int k = 0; k < count; k++)
        {
            final List<String> m = new ArrayList<>();
            ModelBundle model = null;
            try
            {
                model = Hls4mlImporter.importProject(projects.get(k));
                try (FixedPointEmulator engine = new FixedPointEmulator(model, EVENTS))
                {
                    m.addAll(compare("emulator", engine, raws.get(k), outputs.get(k)));
                }
                orderSensitive[k] = orderSensitiveEvents(model, raws.get(k), outputs.get(k));
            }
            catch (final RuntimeException ex)
            {
                m.add("import or emulator failed: " + ex);
            }
            models.add(model);
            mismatches.add(m);
        }
        final boolean[] onOpenCl = new boolean[count];
        if (device != null)
        {
            compareOnOpenCl(device, models, raws, outputs, mismatches, onOpenCl);
        }
        final List<Outcome> outcomes = new ArrayList<>();
        for (int k = 0; k < count; k++)
        {
            outcomes.add(new Outcome(firstSeed + k, projects.get(k), raws.get(k).length,
                onOpenCl[k] ? raws.get(k).length : 0, (int)outputs.get(k).stream().distinct().count(),
                mismatches.get(k), models.get(k) == null ? Set.of() : corners(models.get(k)), orderSensitive[k]));
        }
        return outcomes;
    }

    /**
     * How many events the C simulation answers differently from dense_latency's order, i.e. where the imported
     * dense_compressed order is what makes the engine agree (0 for a model without such layers).
     */
    private static int orderSensitiveEvents(final ModelBundle model, final int[][] events, final List<String> expected)
    {
        if (model.layers().stream().noneMatch(l -> l instanceof DenseLayer d && d.compressed() != null))
        {
            return 0;
        }
        return (int)compare(CompressedOrderModels.withoutOrders(model), events, expected).stream()
            .filter(m -> m.startsWith("emulator event")).count();
    }

    /**
     * The imported models of one g++ batch as kernels of one OpenCL program (one device build), each run on its
     * events in one launch and compared with the C simulation's lines.
     */
    private static void compareOnOpenCl(
        final OpenClDevice device,
        final List<ModelBundle> models,
        final List<int[][]> raws,
        final List<List<String>> outputs,
        final List<List<String>> mismatches,
        final boolean[] onOpenCl)
    {
        final Map<String, ModelBundle> kernels = new LinkedHashMap<>();
        for (int k = 0; k < models.size(); k++)
        {
            if (models.get(k) == null)
            {
                continue;
            }
            try
            {
                OpenClKernelSource.program(kernel(k), models.get(k));
                kernels.put(kernel(k), models.get(k));
            }
            catch (final RuntimeException ex)
            {
                mismatches.get(k).add("OpenCL kernel generation failed: " + ex);
            }
        }
        if (kernels.isEmpty())
        {
            return;
        }
        try (OpenClProgram program = OpenClProgram.fromSource(device, OpenClKernelSource.program(kernels), ""))
        {
            for (int k = 0; k < models.size(); k++)
            {
                if (!kernels.containsKey(kernel(k)))
                {
                    continue;
                }
                try (OpenClAccelerator accelerator = new OpenClAccelerator(program, kernel(k), models.get(k),
                    EVENTS, 1, MappedBufferPolicy.PERSISTENT))
                {
                    mismatches.get(k).addAll(compare("OpenCL", accelerator, raws.get(k), outputs.get(k)));
                    onOpenCl[k] = true;
                }
                catch (final RuntimeException ex)
                {
                    mismatches.get(k).add("OpenCL failed: " + ex);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            for (int k = 0; k < models.size(); k++)
            {
                if (kernels.containsKey(kernel(k)))
                {
                    mismatches.get(k).add("OpenCL program build failed: " + ex);
                }
            }
        }
    }

    private static String kernel(final int k)
    {
        return "project_" + k;
    }

    /** Events as the test main reads them: one line each, raw values separated by spaces. */
    static List<String> lines(final int[][] events)
    {
        final List<String> lines = new ArrayList<>();
        for (final int[] e : events)
        {
            final StringBuilder sb = new StringBuilder();
            for (int i = 0; i < e.length; i++)
            {
                sb.append(i == 0 ? "" : " ").append(e[i]);
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    /** How often {@code call} occurs in a written project's top function. */
    static int count(final Path project, final String call)
    {
        try
        {
            return Files.readString(project.resolve("firmware/myproject.cpp")).split(Pattern.quote(call), -1).length -
                1;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The imported model's raw outputs on the CPU emulator against the C simulation's lines. */
    static List<String> compare(final ModelBundle model, final int[][] events, final List<String> expected)
    {
        try (FixedPointEmulator engine = new FixedPointEmulator(model, Math.max(1, events.length)))
        {
            return compare("emulator", engine, events, expected);
        }
    }

    /** Runs {@code events} in one batch on {@code engine} and lists the events whose raw outputs differ. */
    static List<String> compare(
        final String engineName, final Accelerator engine, final int[][] events, final List<String> expected)
    {
        final List<String> mismatches = new ArrayList<>();
        if (expected.size() != events.length)
        {
            mismatches.add("C simulation printed " + expected.size() + " lines for " + events.length + " events");
            return mismatches;
        }
        final ModelBundle model = engine.model();
        final BatchBuffers buf = engine.buffers(0);
        for (int e = 0; e < events.length; e++)
        {
            buf.putInputs(e, events[e], 0);
        }
        engine.infer(0, events.length);
        for (int e = 0; e < events.length; e++)
        {
            final StringBuilder sb = new StringBuilder();
            for (int j = 0; j < model.output().size(); j++)
            {
                sb.append(j == 0 ? "" : " ").append(buf.getOutputLong(e, j));
            }
            if (!sb.toString().equals(expected.get(e).strip()))
            {
                mismatches.add(engineName + " event " + e + ": " + sb + ", C simulation " + expected.get(e));
            }
        }
        return mismatches;
    }

    /** Inputs at the type's edges (min, max, 0, +-1, one ulp from the ends) and random ones. */
    static int[][] inputs(final SplittableRandom r, final FixedPointType t, final int size)
    {
        final long[] edges = {t.minRaw(), t.maxRaw(), 0, 1, -1, t.minRaw() + 1, t.maxRaw() - 1};
        final int[][] events = new int[EVENTS][size];
        for (int e = 0; e < EVENTS; e++)
        {
            for (int i = 0; i < size; i++)
            {
                final long v = e < 8 ? edges[(e + i) % edges.length] : r.nextLong(t.minRaw(), t.maxRaw() + 1);
                events[e][i] = (int)Math.max(t.minRaw(), Math.min(t.maxRaw(), v));
            }
        }
        return events;
    }
}
