package io.l1infer.daemon;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.Agent;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Takes the owner's ingest-to-publish latency histogram every interval, appends it to the interval log
 * ({@code .hlog}, readable by HdrHistogram's HistogramLogProcessor) when one is configured, and keeps the total
 * for the shutdown report. Runs on a mostly sleeping thread, off the hot path.
 */
final class LatencyMonitorAgent implements Agent
{
    private final SingleWriterRecorder recorder;
    private final long intervalNs;
    private final Histogram total;
    private final HistogramLogWriter logWriter;
    private final PrintStream logStream;
    private Histogram interval;
    private long nextSnapshotNs;
    private boolean closed;

    LatencyMonitorAgent(final SingleWriterRecorder recorder, final long intervalNs, final long highestTrackableNs,
        final Path logFile)
    {
        this.recorder = recorder;
        this.intervalNs = intervalNs;
        this.total = new Histogram(highestTrackableNs, 3);
        if (logFile != null)
        {
            try
            {
                final Path parent = logFile.toAbsolutePath().getParent();
                if (parent != null)
                {
                    Files.createDirectories(parent);
                }
                logStream = new PrintStream(logFile.toFile(), java.nio.charset.StandardCharsets.US_ASCII);
            }
            catch (final java.io.IOException ex)
            {
                throw new IllegalStateException("l1infer.histogram.log: cannot write " + logFile + ": " + ex, ex);
            }
            logWriter = new HistogramLogWriter(logStream);
            // The base time must precede the first interval or HistogramLogProcessor drops that interval.
            final long now = System.currentTimeMillis();
            logWriter.outputLogFormatVersion();
            logWriter.outputStartTime(now);
            logWriter.setBaseTime(now);
            logWriter.outputComment("l1infer daemon ingest-to-publish latency, nanoseconds");
            logWriter.outputLegend();
            logStream.flush();
        }
        else
        {
            logWriter = null;
            logStream = null;
        }
        // Start the recorder's first interval now so it lines up with the log's base time.
        interval = recorder.getIntervalHistogram();
        nextSnapshotNs = System.nanoTime() + intervalNs;
    }

    @Override
    public String roleName()
    {
        return "l1infer-latency-monitor";
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        if (now - nextSnapshotNs < 0)
        {
            return 0;
        }
        nextSnapshotNs = now + intervalNs;
        snapshot();
        return 1;
    }

    private void snapshot()
    {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        if (logWriter != null)
        {
            logWriter.outputIntervalHistogram(interval);
            logStream.flush();
        }
    }

    /** The last interval's histogram (for status lines); read on the monitor thread only. */
    Histogram lastInterval()
    {
        return interval;
    }

    /** Every latency recorded so far, after a final snapshot; call once the agent has stopped. */
    Histogram total()
    {
        return total;
    }

    @Override
    public void onClose()
    {
        if (!closed)
        {
            closed = true;
            snapshot();
            if (logStream != null)
            {
                logStream.close();
            }
        }
    }
}
