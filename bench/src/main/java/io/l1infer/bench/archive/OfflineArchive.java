package io.l1infer.bench.archive;

import io.aeron.Subscription;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An archive directory opened by the bench itself (the daemon that recorded it has stopped): a media driver and an
 * Aeron Archive of the bench's own over that directory, and an archive client to list and replay its recordings.
 */
public final class OfflineArchive implements AutoCloseable
{
    /** One recording of the catalog. */
    public record Recording(long id, long startTimestampMs, long stopTimestampMs, long startPosition,
        long stopPosition, int sessionId, int streamId, String channel, String sourceIdentity)
    {
    }

    private static final int REPLAY_STREAM = 990_001;

    private final MediaDriver driver;
    private final Archive archive;
    private final AeronArchive client;

    private OfflineArchive(final MediaDriver driver, final Archive archive, final AeronArchive client)
    {
        this.driver = driver;
        this.archive = archive;
        this.client = client;
    }

    /**
     * Open {@code archiveDir}.
     *
     * @throws IllegalStateException when the directory holds no archive or is in use by a running archive.
     */
    public static OfflineArchive open(final Path archiveDir)
    {
        final String aeronDir = "/dev/shm/l1infer-archive-reader-" + ProcessHandle.current().pid();
        MediaDriver driver = null;
        Archive archive = null;
        try
        {
            driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED).dirDeleteOnStart(true).dirDeleteOnShutdown(true));
            archive = Archive.launch(new Archive.Context().aeronDirectoryName(aeronDir)
                .archiveDir(archiveDir.toFile()).deleteArchiveOnStart(false).controlChannelEnabled(false)
                .localControlChannel("aeron:ipc").replicationChannel("aeron:udp?endpoint=localhost:0")
                    .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc"))
                .recordingEventsEnabled(false).threadingMode(ArchiveThreadingMode.SHARED));
            final AeronArchive client = AeronArchive.connect(new AeronArchive.Context().aeronDirectoryName(aeronDir)
                .controlRequestChannel("aeron:ipc").controlResponseChannel("aeron:ipc"));
            return new OfflineArchive(driver, archive, client);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(archive, driver);
            throw new IllegalStateException("cannot open the archive in " + archiveDir + " (is a daemon still " +
                "recording into it?): " + ex.getMessage(), ex);
        }
    }

    /** Every recording in the catalog, oldest first. */
    public List<Recording> recordings()
    {
        return list(client);
    }

    /** Every recording in the catalog of the archive this client is connected to, oldest first. */
    static List<Recording> list(final AeronArchive client)
    {
        final List<Recording> all = new ArrayList<>();
        client.listRecordings(0, Integer.MAX_VALUE,
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition, stopPosition,
                initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
                originalChannel, sourceIdentity) -> all.add(new Recording(recordingId, startTimestamp, stopTimestamp,
                startPosition, stopPosition, sessionId, streamId, strippedChannel, sourceIdentity)));
        return all;
    }

    /** Replay a whole stopped recording into a subscription of this reader's driver. */
    public Subscription replay(final Recording recording)
    {
        return client.replay(recording.id(), recording.startPosition(), recording.stopPosition() -
            recording.startPosition(), "aeron:ipc", REPLAY_STREAM);
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(client, archive, driver);
    }
}
