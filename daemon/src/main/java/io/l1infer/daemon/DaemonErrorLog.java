package io.l1infer.daemon;

import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The daemon's one error sink: a {@link DistinctErrorLog} in a memory-mapped file beside the Aeron files (read it
 * with {@code l1infer-errors}), counting each record; the shutdown summary reports the count.
 */
final class DaemonErrorLog implements ErrorHandler, AutoCloseable
{
    /** File name inside the Aeron directory. */
    static final String FILE_NAME = "l1infer-errors.dat";

    private final MappedByteBuffer mapped;
    private final DistinctErrorLog log;
    private final Path file;
    private volatile AtomicCounter errorCounter;
    private boolean closed;

    DaemonErrorLog(final Path directory, final int length, final EpochClock clock)
    {
        this.file = directory.resolve(FILE_NAME);
        final File f = file.toFile();
        IoUtil.deleteIfExists(f);
        mapped = IoUtil.mapNewFile(f, length);
        final AtomicBuffer buffer = new UnsafeBuffer(mapped);
        log = new DistinctErrorLog(buffer, clock, StandardCharsets.UTF_8);
    }

    /** Count every recorded error here once the counters exist. */
    void countWith(final AtomicCounter counter)
    {
        this.errorCounter = counter;
    }

    Path file()
    {
        return file;
    }

    @Override
    public void onError(final Throwable throwable)
    {
        if (closed)
        {
            throwable.printStackTrace();
            return;
        }
        final AtomicCounter counter = errorCounter;
        if (counter != null)
        {
            counter.increment();
        }
        if (!log.record(throwable))
        {
            ServiceLog.error("l1infer: error log full; error not recorded: " + throwable);
        }
    }

    /** Print every distinct error recorded (first and last time, count, stack trace). */
    static int print(final Path file, final PrintStream out)
    {
        final MappedByteBuffer buffer = IoUtil.mapExistingFile(file.toFile(), "l1infer error log");
        try
        {
            return ErrorLogReader.read(new UnsafeBuffer(buffer),
                (count, first, last, encoded) -> out.printf(Locale.ROOT, "%d observations, first %tFT%<tT.%<tL, " +
                    "last %tFT%<tT.%<tL:%n%s%n", count, first, last, encoded));
        }
        finally
        {
            IoUtil.unmap(buffer);
        }
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapped);
        }
    }
}
