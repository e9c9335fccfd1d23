package io.l1infer.bench.archive;

import io.aeron.archive.ArchiveMarkFile;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.mark.MarkFileHeaderDecoder;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The archive of a running daemon, reached through its control channel: the archive's mark file in the archive
 * directory names the media driver's directory and the local control channel, and says whether the archive is alive.
 *
 * @param client      connected to the archive's control channel; closed with this.
 * @param description which archive this is, in one line.
 */
public record LiveArchive(AeronArchive client, String description) implements AutoCloseable
{
    /** A running archive refreshes its mark file's activity time stamp every second. */
    static final long ACTIVE_WITHIN_MS = 5_000;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    /**
     * Connect to the archive running in {@code archiveDir}, or return null when none runs there (no mark file, its
     * activity time stamp is stale, or its driver cannot be reached: then the catalog is read offline).
     */
    public static LiveArchive connectIfRunning(final Path archiveDir)
    {
        if (!Files.exists(archiveDir.resolve(ArchiveMarkFile.FILENAME)))
        {
            return null;
        }
        final String aeronDir;
        final String controlChannel;
        final int controlStreamId;
        try (ArchiveMarkFile markFile = new ArchiveMarkFile(archiveDir.toFile(), ArchiveMarkFile.FILENAME,
            SystemEpochClock.INSTANCE, 0, (message) -> {}))
        {
            final long activity = markFile.activityTimestampVolatile();
            if (activity <= 0 || System.currentTimeMillis() - activity > ACTIVE_WITHIN_MS)
            {
                return null;
            }
            final MarkFileHeaderDecoder header = markFile.decoder();
            header.sbeRewind();
            controlStreamId = header.localControlStreamId();
            header.skipControlChannel();
            controlChannel = header.localControlChannel();
            header.skipEventsChannel();
            aeronDir = header.aeronDirectory();
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
        try
        {
            final AeronArchive client = AeronArchive.connect(new AeronArchive.Context()
                .aeronDirectoryName(aeronDir)
                .controlRequestChannel(controlChannel)
                .controlRequestStreamId(controlStreamId)
                .controlResponseChannel("aeron:ipc")
                .messageTimeoutNs(CONNECT_TIMEOUT_NS));
            return new LiveArchive(client, "running archive, control channel " + controlChannel + " stream " +
                controlStreamId + " of the driver in " + aeronDir);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * Every recording of the running archive's catalog, oldest first; one still recording has its recorded position
     * so far as its stop position (its stop time stays 0).
     */
    public List<OfflineArchive.Recording> recordings()
    {
        final List<OfflineArchive.Recording> all = new ArrayList<>();
        for (final OfflineArchive.Recording r : OfflineArchive.list(client))
        {
            final long position = r.stopPosition() == AeronArchive.NULL_POSITION ?
                client.getRecordingPosition(r.id()) : AeronArchive.NULL_POSITION;
            all.add(position == AeronArchive.NULL_POSITION ? r : new OfflineArchive.Recording(r.id(),
                r.startTimestampMs(), r.stopTimestampMs(), r.startPosition(), position, r.sessionId(), r.streamId(),
                r.channel(), r.sourceIdentity()));
        }
        return all;
    }

    @Override
    public void close()
    {
        client.close();
    }
}
