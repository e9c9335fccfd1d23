package io.l1infer.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text and figures of an evaluation: the BIN lines of the resolution table, TURNON lines, and with an output
 * directory one PNG per pT bin (model and table histograms overlaid), one turn-on PNG per threshold and
 * {@code summary.txt} holding the text lines.
 */
public final class EvaluationReport
{
    /** Thresholds of the turn-on curves, GeV/c. */
    public static final double[] THRESHOLDS = {20.0, 25.0};
    /** Right end of the turn-on plots, GeV/c. */
    static final double TURN_ON_PLOT_MAX = 100.0;

    private EvaluationReport()
    {
    }

    /** BIN lines, then TURNON lines (model, then table, per threshold). */
    public static List<String> lines(final EvaluationResult result)
    {
        final List<String> lines = new ArrayList<>();
        for (final BinResolution bin : result.resolution())
        {
            lines.add(bin.line());
        }
        for (final double threshold : THRESHOLDS)
        {
            lines.add(result.turnOn(true, threshold).line());
            lines.add(result.turnOn(false, threshold).line());
        }
        return lines;
    }

    /**
     * Write the plots and {@code summary.txt} ({@code header} lines, then {@link #lines}) into {@code directory}.
     *
     * @return the files written.
     */
    public static List<Path> write(
        final EvaluationResult result, final Path directory, final String modelName, final List<String> header)
    {
        final List<Path> written = new ArrayList<>();
        try
        {
            Files.createDirectories(directory);
            for (final BinResolution bin : result.resolution())
            {
                final int b = PtBins.of(bin.low());
                final Path file = directory.resolve(ResolutionPlot.fileName(bin));
                ResolutionPlot.write(file, bin, result.residuals(b, true), result.residuals(b, false), modelName);
                written.add(file);
            }
            for (final double threshold : THRESHOLDS)
            {
                final Path file = directory.resolve(TurnOnPlot.fileName(threshold));
                TurnOnPlot.write(file, result.turnOn(true, threshold), result.turnOn(false, threshold), modelName,
                    TURN_ON_PLOT_MAX);
                written.add(file);
            }
            final List<String> text = new ArrayList<>(header);
            text.addAll(lines(result));
            final Path summary = directory.resolve("summary.txt");
            Files.write(summary, text, StandardCharsets.UTF_8);
            written.add(summary);
            return written;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the evaluation into " + directory, ex);
        }
    }
}
