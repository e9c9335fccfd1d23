package io.l1infer.daemon;

import io.aeron.Publication;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.l1infer.config.DaemonConfig;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import static io.l1infer.config.DaemonSettings.ARCHIVE_CONTROL_CHANNEL;
import static io.l1infer.config.DaemonSettings.ARCHIVE_DIR;
import static io.l1infer.config.DaemonSettings.INGEST_CHANNEL;
import static io.l1infer.config.DaemonSettings.INGEST_STREAM;
import static io.l1infer.config.DaemonSettings.MODEL_DIR;
import static io.l1infer.config.DaemonSettings.RESULT_CHANNEL;
import static io.l1infer.config.DaemonSettings.RESULT_STREAM;

/**
 * Records the daemon's ingest and result streams with Aeron Archive: an archive embedded beside the daemon's driver
 * (in {@code l1infer.archive.dir}) or an external one by its control channel. Aeron Archive makes one recording per
 * publisher session; which daemon run, model and engine they belong to is written to {@value #RUNS_FILE} in the
 * archive directory (one line per run: its time window, channels and streams, model and engine), since an archive
 * recording carries no metadata of its own.
 */
public final class StreamRecorder implements AutoCloseable
{
    /** The run log beside the archive's catalog. */
    public static final String RUNS_FILE = "l1infer-runs.txt";

    private final Archive archive;
    private final AeronArchive client;
    private final long ingestSubscriptionId;
    private final long resultSubscriptionId;
    private final Path runsFile;
    private final String runLine;
    private final EpochClock clock;

    private StreamRecorder(
        final Archive archive, final AeronArchive client, final long ingestSubscriptionId,
        final long resultSubscriptionId, final Path runsFile, final String runLine, final EpochClock clock)
    {
        this.clock = clock;
        this.archive = archive;
        this.client = client;
        this.ingestSubscriptionId = ingestSubscriptionId;
        this.resultSubscriptionId = resultSubscriptionId;
        this.runsFile = runsFile;
        this.runLine = runLine;
    }

    /**
     * Start the archive (unless external) and the two recordings; writes the run's start to the run log.
     *
     * @throws IllegalStateException naming the setting when the archive cannot be started or reached.
     */
    static StreamRecorder start(
        final DaemonConfig config, final String aeronDir, final String model, final String engine,
        final ErrorHandler errorHandler, final EpochClock clock)
    {
        Archive archive = null;
        AeronArchive client = null;
        // Before the recordings start, so that the run's window contains their start time stamps.
        final long startMs = clock.time();
        try
        {
            final boolean embedded = config.get(ARCHIVE_CONTROL_CHANNEL).isEmpty();
            if (embedded)
            {
                archive = Archive.launch(new Archive.Context()
                    .aeronDirectoryName(aeronDir)
                    .archiveDir(config.get(ARCHIVE_DIR).orElseThrow().toFile())
                    .deleteArchiveOnStart(false)
                    .controlChannelEnabled(false)
                    .localControlChannel("aeron:ipc")
                    .replicationChannel("aeron:udp?endpoint=localhost:0")
                    .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc"))
                    .recordingEventsEnabled(false)
                    .threadingMode(ArchiveThreadingMode.SHARED)
                    .errorHandler(errorHandler));
            }
            client = AeronArchive.connect(new AeronArchive.Context()
                .aeronDirectoryName(aeronDir)
                .controlRequestChannel(embedded ? "aeron:ipc" : config.get(ARCHIVE_CONTROL_CHANNEL))
                .controlResponseChannel(embedded ? "aeron:ipc" : "aeron:udp?endpoint=localhost:0")
                .errorHandler(errorHandler));
            final long ingest = client.startRecording(config.get(INGEST_CHANNEL), config.get(INGEST_STREAM),
                config.get(INGEST_CHANNEL).startsWith("aeron:ipc") ? SourceLocation.LOCAL : SourceLocation.REMOTE);
            final long result = client.startRecording(config.get(RESULT_CHANNEL), config.get(RESULT_STREAM),
                SourceLocation.LOCAL);
            final String line = String.format(Locale.ROOT, "start=%d ingest=%s|%d results=%s|%d model=%s engine=%s",
                startMs, config.get(INGEST_CHANNEL), config.get(INGEST_STREAM), config.get(RESULT_CHANNEL),
                config.get(RESULT_STREAM), config.get(MODEL_DIR).toAbsolutePath(), engine.replace('\n', ' '));
            // An external archive without l1infer.archive.dir records without a run log.
            final Path runs = config.get(ARCHIVE_DIR).map(d -> d.resolve(RUNS_FILE)).orElse(null);
            if (runs != null)
            {
                append(runs, line + " model_name=" + model + "\n");
            }
            return new StreamRecorder(archive, client, ingest, result, runs, line, clock);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(client, archive);
            throw new IllegalStateException("l1infer.archive.dir / l1infer.archive.control.channel: cannot record " +
                "the streams: " + ex.getMessage(), ex);
        }
    }

    private static void append(final Path file, final String text)
    {
        try
        {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /**
     * Wait (at most {@code timeoutMs}) until the archive has recorded everything the publication has published, so
     * that stopping the recording does not cut off the last results.
     */
    void awaitRecorded(final Publication publication, final CountersReader counters, final long timeoutMs)
    {
        final long deadline = clock.time() + timeoutMs;
        final long target = publication.position();
        while (clock.time() < deadline)
        {
            final int counterId = RecordingPos.findCounterIdBySession(counters, publication.sessionId(),
                client.archiveId());
            if (counterId != CountersReader.NULL_COUNTER_ID && counters.getCounterValue(counterId) >= target)
            {
                return;
            }
            Thread.onSpinWait();
        }
        System.err.println("l1infer: the result recording did not reach position " + target + " within " +
            timeoutMs + " ms; its end may be missing");
    }

    /** Stop both recordings (after the last result is published) and the embedded archive; marks the run's end. */
    @Override
    public void close()
    {
        try
        {
            client.stopRecording(ingestSubscriptionId);
            client.stopRecording(resultSubscriptionId);
            if (runsFile != null)
            {
                append(runsFile, "stop=" + clock.time() + " of " + runLine.substring(0,
                    runLine.indexOf(' ')) + "\n");
            }
        }
        catch (final RuntimeException ex)
        {
            System.err.println("l1infer: stopping the recordings: " + ex.getMessage());
        }
        finally
        {
            CloseHelper.quietCloseAll(client, archive);
        }
    }
}
