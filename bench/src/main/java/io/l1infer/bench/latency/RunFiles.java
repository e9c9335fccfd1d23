package io.l1infer.bench.latency;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the files of a set of runs into one directory: each run's .hgrm and .hlog, and one PNG of them all. */
public final class RunFiles
{
    /** File name of the percentile plot. */
    public static final String PLOT = "latency-percentiles.png";

    private RunFiles()
    {
    }

    /**
     * Write everything and say so on {@code out}.
     *
     * @param dir        output directory, created if needed.
     * @param runs       the runs, each with a unique label.
     * @param title      plot title.
     * @param references dashed reference lines on the plot.
     * @param out        where to list the files.
     * @return the files written.
     */
    public static List<Path> write(final Path dir, final List<RunResult> runs, final String title,
        final List<PercentilePlot.Reference> references, final PrintStream out)
    {
        final List<Path> written = new ArrayList<>();
        final List<PercentilePlot.Series> series = new ArrayList<>();
        for (final RunResult run : runs)
        {
            written.addAll(HistogramFiles.write(dir, run));
            series.add(new PercentilePlot.Series(run.label() + " (" + run.rate() + "/s)", run.histogram()));
        }
        final Path png = dir.resolve(PLOT);
        final boolean labelled = PercentilePlot.write(png, title, series, references);
        written.add(png);
        out.println("files: " + written + (labelled ? "" : " (plot without labels: no usable font)"));
        return written;
    }
}
