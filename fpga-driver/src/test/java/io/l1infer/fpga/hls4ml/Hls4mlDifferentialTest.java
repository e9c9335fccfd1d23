package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.opencl.OpenClDevice;
import io.l1infer.fpga.opencl.OpenClTestDevices;
import io.l1infer.testsupport.SharedReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random projects in each template release's style, compiled by g++ against that release's nnet_utils and
 * ap_types, against import + emulator and import + the generated OpenCL kernel (PoCL) event by event: 0
 * mismatches. The long run:
 * {@code -Dl1infer.hls4ml.differential.projects=200} (per release); {@code -Dl1infer.hls4ml.differential.work=DIR}
 * keeps the projects and builds there.
 */
class Hls4mlDifferentialTest
{
    private static final int PROJECTS = Integer.getInteger("l1infer.hls4ml.differential.projects", 12);
    private static final int PER_COMPILE = Integer.getInteger("l1infer.hls4ml.differential.batch", 12);
    private static final long SEED = Long.getLong("l1infer.hls4ml.differential.seed", 1000);

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Hls4mlProjectWriter.Style.class)
    void randomProjectsMatchTheCSimulation(final Hls4mlProjectWriter.Style style)
    {
        final Path release = SharedReference.require("reference/" + style.reference(), "hls4ml differential test");
        Assumptions.assumeTrue(GppHarness.available() || SharedReference.underCi(), "no g++ on the PATH");
        final String keep = System.getProperty("l1infer.hls4ml.differential.work");
        final Path dir = keep == null ? work : Path.of(keep);
        final OpenClDevice device = OpenClTestDevices.requireOrSkipPart("OpenCL part of the hls4ml differential test");
        final List<String> failures = new ArrayList<>();
        int events = 0;
        int distinct = 0;
        int openClEvents = 0;
        int compressed = 0;
        int orderSensitive = 0;
        int unsigned64Distinct = 0;
        final Map<DifferentialProjects.Corner, Integer> corners = new EnumMap<>(DifferentialProjects.Corner.class);
        for (int first = 0; first < PROJECTS; first += PER_COMPILE)
        {
            final int n = Math.min(PER_COMPILE, PROJECTS - first);
            for (final DifferentialProjects.Outcome o : DifferentialProjects.run(SEED + first, n, style, release, dir,
                device))
            {
                events += o.events();
                openClEvents += o.openClEvents();
                o.corners().forEach(c -> corners.merge(c, 1, Integer::sum));
                distinct += o.distinctOutputs();
                unsigned64Distinct += o.corners().contains(DifferentialProjects.Corner.UNSIGNED_64) ?
                    o.distinctOutputs() : 0;
                compressed += DifferentialProjects.count(o.project(), "nnet::dense_compressed<");
                orderSensitive += o.orderSensitiveEvents();
                if (!o.mismatches().isEmpty())
                {
                    failures.add("seed " + o.seed() + " (" + style + ", project kept in " + o.project() + "): " +
                        o.mismatches().size() + " mismatches, first " + o.mismatches().get(0));
                }
            }
        }
        System.out.println("hls4ml differential " + style + ": " + PROJECTS + " projects, " + events +
            " events (" + distinct + " distinct output lines, " + compressed + " dense_compressed layers, " +
                orderSensitive + " events where their saturating order matters), " +
                "emulator: all, OpenCL: " +
                (device == null ? "skipped" : openClEvents + " on " + device.name()) + "; " + failures.size() +
                " projects with mismatches (seeds from " + SEED + "); projects with conversion corners: " + corners +
                " (" + unsigned64Distinct + " distinct output lines in those with 64-bit unsigned types)");
        assertTrue(events > 0 && distinct > PROJECTS, "the C simulations computed something");
        assertEquals(List.of(), failures);
        assertEquals(device == null ? 0 : events, openClEvents, "events compared on OpenCL");
    }
}
