package io.l1infer.daemon;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only log file that a full disk, a missing directory or a permission change cannot stop: a failed write is
 * counted, reported once per outage, truncated back to the last whole record and retried with the next record, with
 * at most {@link #MAX_PENDING_BYTES} of unwritten records kept. Used off the hot path (the monitor thread).
 */
final class RetryingLogFile implements AutoCloseable
{
    /** Unwritten records kept for the next attempt; older ones are dropped (and counted) beyond this. */
    static final int MAX_PENDING_BYTES = 4 << 20;

    private final Path file;
    private final String setting;
    private final AtomicCounter failures;
    private final ErrorHandler errorHandler;
    private final byte[] header;
    private FileChannel channel;
    private byte[] pending = new byte[0];
    private boolean failing;
    private long droppedBytes;

    /**
     * @param file         the log file; created with its directories when missing.
     * @param setting      the setting that names it, for messages.
     * @param header       written first whenever the file is created or found empty (with the first record, so
     *                     that a failure cuts both back).
     * @param failures     counts every failed attempt.
     * @param errorHandler receives the first failure of each outage.
     */
    RetryingLogFile(
        final Path file, final String setting, final byte[] header, final AtomicCounter failures,
        final ErrorHandler errorHandler)
    {
        this.file = file;
        this.setting = setting;
        this.header = header.clone();
        this.failures = failures;
        this.errorHandler = errorHandler;
    }

    /** Append one whole record (with whatever earlier records are still pending); never throws for I/O. */
    void append(final byte[] record)
    {
        queue(record);
        try
        {
            if (channel == null)
            {
                open();
            }
            final long wholeRecordsEnd = channel.size();
            try
            {
                if (wholeRecordsEnd == 0)
                {
                    writeFully(header);
                }
                writeFully(pending);
            }
            catch (final IOException ex)
            {
                // A partial record would corrupt the log for its readers: cut back to the last whole one.
                channel.truncate(wholeRecordsEnd);
                throw ex;
            }
            pending = new byte[0];
            if (failing)
            {
                failing = false;
                System.err.println("l1infer: " + setting + " " + file + " is writable again" +
                    (droppedBytes > 0 ? "; " + droppedBytes + " bytes of older records were dropped" : ""));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            failures.incrementRelease();
            closeChannel();
            if (!failing)
            {
                failing = true;
                errorHandler.onError(new IOException(setting + ": cannot write " + file + " (" + ex +
                    "); answers go on, the log is retried at the next record", ex));
            }
        }
    }

    /** True while the last attempt failed. */
    boolean isFailing()
    {
        return failing;
    }

    private void queue(final byte[] record)
    {
        if (pending.length + record.length > MAX_PENDING_BYTES)
        {
            droppedBytes += pending.length;
            pending = new byte[0];
        }
        final byte[] joined = new byte[pending.length + record.length];
        System.arraycopy(pending, 0, joined, 0, pending.length);
        System.arraycopy(record, 0, joined, pending.length, record.length);
        pending = joined;
    }

    private void open() throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    }

    private void writeFully(final byte[] bytes) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    private void closeChannel()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // Already failing; the next append reopens.
            }
            channel = null;
        }
    }

    @Override
    public void close()
    {
        closeChannel();
    }
}
