package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.engine.RandomFixedPointModels;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The differential check shared by the CI test and the long run: seeded random models written as hls4ml projects,
 * compiled with g++ against a release's nnet_utils, and compared event by event with import plus the emulator.
 */
final class DifferentialProjects
{
    static final int EVENTS = 48;

    /** One project's outcome: its seed, its directory and the events whose outputs differ. */
    record Outcome(long seed, Path project, int events, int distinctOutputs, List<String> mismatches)
    {
    }

    private DifferentialProjects()
    {
    }

    /** Write, compile (in one g++ run), import and compare {@code count} projects from seeds {@code first...}. */
    static List<Outcome> run(
        final long firstSeed,
        final int count,
        final Hls4mlProjectWriter.Style style,
        final Path release,
        final Path work)
    {
        final List<Path> projects = new ArrayList<>();
        final List<List<String>> inputs = new ArrayList<>();
        final List<int[][]> raws = new ArrayList<>();
        for (int k = 0; k < count; k++)
        {
            final long seed = firstSeed + k;
            final SplittableRandom r = new SplittableRandom(seed);
            final ModelBundle model = DifferentialSigns.apply(r.nextInt(4) == 0 ?
                RandomFixedPointModels.randomModel(r) : DifferentialModels.random(r, style),
                new SplittableRandom(seed ^ 0x7369676e73L), style);
            final Hls4mlProjectWriter.Values values = Hls4mlProjectWriter.Values.values()[r.nextInt(3)];
            final Path dir = work.resolve(style + "-" + seed);
            Hls4mlProjectWriter.writeWith(model, dir, style, values, r.nextInt(4) != 0, seed, 3, null);
            projects.add(dir);
            final int[][] events = inputs(r, model.input().type(), model.input().size());
            raws.add(events);
            inputs.add(lines(events));
        }
        final List<List<String>> outputs = GppHarness.runAll(projects, release, inputs, work.resolve("build-" +
            style + "-" + firstSeed));
        final List<Outcome> outcomes = new ArrayList<>();
        for (int k = 0; k < count; k++)
        {
            List<String> mismatches;
            try
            {
                mismatches = compare(Hls4mlImporter.importProject(projects.get(k)), raws.get(k), outputs.get(k));
            }
            catch (final RuntimeException ex)
            {
                mismatches = List.of("import or engine failed: " + ex);
            }
            outcomes.add(new Outcome(firstSeed + k, projects.get(k), raws.get(k).length,
                (int)outputs.get(k).stream().distinct().count(), mismatches));
        }
        return outcomes;
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

    static List<String> compare(final ModelBundle model, final int[][] events, final List<String> expected)
    {
        final List<String> mismatches = new ArrayList<>();
        if (expected.size() != events.length)
        {
            mismatches.add("C simulation printed " + expected.size() + " lines for " + events.length + " events");
            return mismatches;
        }
        try (FixedPointEmulator engine = new FixedPointEmulator(model, events.length))
        {
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
                    sb.append(j == 0 ? "" : " ").append(buf.getOutput(e, j));
                }
                if (!sb.toString().equals(expected.get(e).strip()))
                {
                    mismatches.add("event " + e + ": engine " + sb + ", C simulation " + expected.get(e));
                }
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
