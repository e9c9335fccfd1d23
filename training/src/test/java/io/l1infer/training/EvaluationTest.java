package io.l1infer.training;

import io.l1infer.fpga.engine.ReferenceEmulator;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluation runs the engine on fresh muons, reports the table format, and writes readable plots. */
class EvaluationTest
{
    private static final long SEED = 5150L;
    private static final int EVENTS = 4000;
    private static final Pattern BIN = Pattern.compile(
        "BIN lo=\\d+ hi=\\d+ n=\\d+ ml_sigma=\\d+\\.\\d{4} lut_sigma=\\d+\\.\\d{4} .*");

    @Test
    void modelPtIsTheEnginesAnswerAndTheReportHasOneLinePerBin(@TempDir final Path dir) throws Exception
    {
        final ModelBundle model = RandomTalkModel.get();
        final ToySimulationConfig config = ToySimulationConfig.thesisLike();
        final PtLut lut = PtLutBuilder.simulate(config, PtLutBuilder.defaultSeedFor(SEED), 20_000);
        final EvaluationResult result = Evaluation.run(model, lut, config, SEED, EVENTS);
        assertEquals(EVENTS, result.events());

        // The same muons through the independent reference emulator give the same pT (first 50 events).
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(config, SEED);
        final ToyEvent event = new ToyEvent();
        final MuonFeatures features = new MuonFeatures();
        final double[] values = new double[MuonFeatures.FEATURE_COUNT];
        final int[] raw = new int[MuonFeatures.FEATURE_COUNT];
        final ReferenceEmulator reference = new ReferenceEmulator(model);
        for (int e = 0; e < 50; e++)
        {
            simulation.nextAccepted(event);
            features.build(event.primitives(), values, 0);
            TrainingSample.quantize(values, model.input().type(), raw, 0);
            final double expected = model.output().decode(reference.infer(raw)[0]);
            final int bin = PtBins.of(event.pt());
            assertTrue(bin >= 0);
            final double residual = (expected - event.pt()) / event.pt();
            assertTrue(contains(result.residuals(bin, true), residual),
                "event " + e + " residual " + residual + " (seed " + SEED + ")");
        }

        final List<String> lines = EvaluationReport.lines(result);
        assertEquals(PtBins.count() + 2 * EvaluationReport.THRESHOLDS.length, lines.size(), String.join("\n", lines));
        for (int b = 0; b < PtBins.count(); b++)
        {
            assertTrue(BIN.matcher(lines.get(b)).matches(), lines.get(b));
            assertTrue(lines.get(b).startsWith(String.format(java.util.Locale.ROOT, "BIN lo=%.0f hi=%.0f n=",
                PtBins.low(b), PtBins.high(b))), lines.get(b));
        }
        assertTrue(lines.get(PtBins.count()).startsWith("TURNON method=ml threshold=20 "), lines.get(PtBins.count()));

        final List<Path> files = EvaluationReport.write(result, dir, model.name(), List.of("header line"));
        assertEquals(PtBins.count() + EvaluationReport.THRESHOLDS.length + 1, files.size());
        for (final Path file : files)
        {
            assertTrue(Files.size(file) > 0, file.toString());
            if (file.toString().endsWith(".png"))
            {
                final BufferedImage image = ImageIO.read(file.toFile());
                assertNotNull(image, file + " is a readable PNG");
                assertEquals(PlotFrame.WIDTH, image.getWidth());
                assertEquals(PlotFrame.HEIGHT, image.getHeight());
            }
        }
        assertTrue(Files.exists(dir.resolve("resolution-000-020.png")));
        assertTrue(Files.exists(dir.resolve("turnon-25.png")));
        final List<String> summary = Files.readAllLines(dir.resolve("summary.txt"));
        assertEquals("header line", summary.get(0));
        assertEquals(lines, summary.subList(1, summary.size()));
    }

    private static boolean contains(final double[] values, final double v)
    {
        for (final double x : values)
        {
            if (x == v)
            {
                return true;
            }
        }
        return false;
    }
}
