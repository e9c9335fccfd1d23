package io.l1infer.daemon;

import io.aeron.Counter;
import io.l1infer.config.DaemonSettings;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Takes the owner's ingest-to-publish latency histogram every interval, appends it to the interval log
 * ({@code .hlog}, readable by HdrHistogram's HistogramLogProcessor) when one is configured, and keeps the total
 * for the shutdown report. Runs on a mostly sleeping thread, off the hot path.
 */
final class LatencyMonitorAgent implements Agent
{
    private final BatchLatencyRecorder recorder;
    private final long intervalNs;
    private final NanoClock clock;
    private final Histogram total;
    private final HistogramLogWriter logWriter;
    private final ByteArrayOutputStream logRecord;
    private final PrintStream logRecordStream;
    private final RetryingLogFile logFile;
    private Histogram interval;
    private long nextSnapshotNs;
    private boolean closed;

    LatencyMonitorAgent(final Context ctx)
    {
        ctx.conclude();
        final Path logFile = ctx.logFile;
        final EpochClock epochClock = ctx.epochClock;
        this.clock = ctx.clock;
        this.recorder = ctx.recorder;
        this.intervalNs = ctx.intervalNs;
        this.total = new Histogram(ctx.highestTrackableNs, 3);
        if (logFile != null)
        {
            // Each record is formatted in memory and appended whole, so a failed write can be cut back cleanly.
            logRecord = new ByteArrayOutputStream();
            logRecordStream = new PrintStream(logRecord, true, StandardCharsets.US_ASCII);
            logWriter = new HistogramLogWriter(logRecordStream);
            // The base time must precede the first interval or HistogramLogProcessor drops that interval.
            final long now = epochClock.time();
            logWriter.outputLogFormatVersion();
            logWriter.outputStartTime(now);
            logWriter.setBaseTime(now);
            logWriter.outputComment("l1infer daemon ingest-to-publish latency, nanoseconds");
            logWriter.outputLegend();
            this.logFile = new RetryingLogFile(logFile, DaemonSettings.HISTOGRAM_LOG.key(), takeRecord(),
                ctx.logFailures, ctx.errorHandler);
        }
        else
        {
            logRecord = null;
            logRecordStream = null;
            logWriter = null;
            this.logFile = null;
        }
        // Start the recorder's first interval now so it lines up with the log's base time.
        interval = this.recorder.intervalHistogram(null);
        nextSnapshotNs = clock.nanoTime() + this.intervalNs;
    }

    @Override
    public String roleName()
    {
        return "l1infer-latency-monitor";
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
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
        interval = recorder.intervalHistogram(interval);
        total.add(interval);
        if (logWriter != null)
        {
            logWriter.outputIntervalHistogram(interval);
            logFile.append(takeRecord());
        }
    }

    private byte[] takeRecord()
    {
        logRecordStream.flush();
        final byte[] bytes = logRecord.toByteArray();
        logRecord.reset();
        return bytes;
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
            if (logFile != null)
            {
                logFile.close();
            }
        }
    }

    /** What the latency monitor is built from, set by name (Aeron's context style) and checked once. */
    static final class Context extends AgentContext<Context>
    {
        private BatchLatencyRecorder recorder;
        private long intervalNs;
        private long highestTrackableNs;
        private Path logFile;
        private Counter logFailures;
        private EpochClock epochClock;

        /** The owner's ingest-to-publish recorder. */
        Context recorder(final BatchLatencyRecorder recorder)
        {
            this.recorder = recorder;
            return this;
        }

        /** Time between snapshots ({@code l1infer.histogram.interval}). */
        Context intervalNs(final long intervalNs)
        {
            this.intervalNs = intervalNs;
            return this;
        }

        /** Highest latency the total histogram tracks. */
        Context highestTrackableNs(final long highestTrackableNs)
        {
            this.highestTrackableNs = highestTrackableNs;
            return this;
        }

        /**
         * The interval log ({@code l1infer.histogram.log}), or null for none; a log that cannot be written is
         * counted in {@link #logFailures} and retried each interval, never fatal.
         */
        Context logFile(final Path logFile)
        {
            this.logFile = logFile;
            return this;
        }

        /** Counts failed log writes; needed with a log file. */
        Context logFailures(final Counter logFailures)
        {
            this.logFailures = logFailures;
            return this;
        }

        /** The daemon's wall clock, for the log's start and base time. */
        Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        @Override
        void conclude()
        {
            super.conclude();
            Objects.requireNonNull(recorder, "recorder");
            Objects.requireNonNull(epochClock, "epochClock");
            if (logFile != null)
            {
                Objects.requireNonNull(logFailures, "logFailures");
            }
        }
    }
}
