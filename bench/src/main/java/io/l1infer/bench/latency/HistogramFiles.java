package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's latencies the HdrHistogram way: {@code LABEL.hgrm}, the percentile distribution in microseconds
 * (readable by HdrHistogram's plotter), and {@code LABEL.hlog}, the one-second intervals in nanoseconds (readable
 * by HistogramLogProcessor).
 */
public final class HistogramFiles
{
    private HistogramFiles()
    {
    }

    /**
     * Write both files into {@code dir} (created if needed).
     *
     * @return the files written.
     * @throws UncheckedIOException naming the file that could not be written.
     */
    public static List<Path> write(final Path dir, final RunResult run)
    {
        final List<Path> written = new ArrayList<>();
        final Path hgrm = dir.resolve(run.label() + ".hgrm");
        final Path hlog = dir.resolve(run.label() + ".hlog");
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create output directory " + dir, ex);
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(hgrm), false, StandardCharsets.UTF_8))
        {
            run.histogram().outputPercentileDistribution(out, 5, 1000.0);
            written.add(hgrm);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + hgrm, ex);
        }
        writeLog(hlog, "l1infer-bench " + run.label() + ": latency = receive time - intended send time, ns; " +
            run.rate() + " events/s, target " + run.target() + ", workload " + run.workload(), run.startEpochMs(),
            run.intervals());
        written.add(hlog);
        return written;
    }

    /**
     * Write one-second interval histograms as an HdrHistogram log ({@code HistogramLogProcessor} reads it).
     *
     * @param file         the .hlog file, in an existing directory.
     * @param comment      first line.
     * @param startEpochMs the run's wall-clock start.
     * @param intervals    the intervals, stamped with wall-clock start and end.
     * @throws UncheckedIOException naming the file that could not be written.
     */
    static void writeLog(final Path file, final String comment, final long startEpochMs,
        final List<Histogram> intervals)
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment(comment);
            writer.outputLogFormatVersion();
            // The base time must precede the first interval or HistogramLogProcessor drops that interval.
            final long base = intervals.isEmpty() ? startEpochMs :
                Math.min(startEpochMs, intervals.get(0).getStartTimeStamp());
            writer.outputStartTime(base);
            writer.setBaseTime(base);
            writer.outputLegend();
            for (final Histogram interval : intervals)
            {
                writer.outputIntervalHistogram(interval);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}
