package io.l1infer.daemon;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.l1infer.config.DaemonConfig;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;

import static io.l1infer.config.DaemonSettings.AERON_DIR;
import static io.l1infer.config.DaemonSettings.AERON_DIR_GROUP;
import static io.l1infer.config.DaemonSettings.AERON_UMASK;
import static io.l1infer.config.DaemonSettings.ARCHIVE_CONTROL_CHANNEL;
import static io.l1infer.config.DaemonSettings.ARCHIVE_DIR;
import static io.l1infer.config.DaemonSettings.DRIVER_EMBEDDED;
import static io.l1infer.config.DaemonSettings.DRIVER_IDLE;
import static io.l1infer.config.DaemonSettings.DRIVER_TERM_LENGTH;
import static io.l1infer.config.DaemonSettings.DRIVER_THREADING;
import static io.l1infer.config.DaemonSettings.DRIVER_TIMEOUT;

/**
 * The daemon's Aeron client and, unless an external driver is configured, its embedded media driver. With the
 * {@code invoker} threading mode the driver has no threads of its own: the ingest agent drives it, so the daemon
 * needs one busy thread fewer. Public so that benchmarks (the bench's echo server) run the very same driver setup.
 */
public final class AeronConnection implements AutoCloseable
{
    private final MediaDriver driver;
    private final Aeron aeron;
    private final AgentInvoker driverInvoker;
    private final AgentInvoker clientInvoker;

    /**
     * Start the embedded driver (unless configured external) and connect a client to it.
     *
     * @param config       driver, directory and timeout settings.
     * @param errorHandler receives driver and client errors.
     */
    public AeronConnection(final DaemonConfig config, final ErrorHandler errorHandler)
    {
        this(config, errorHandler, () -> { });
    }

    /**
     * As {@link #AeronConnection(DaemonConfig, ErrorHandler)}, and tell {@code closeHandler} when the client
     * closes, on its conductor's thread before it unmaps its files: after a driver timeout it closes itself, and
     * nothing may touch its counters or buffers from then on.
     */
    public AeronConnection(final DaemonConfig config, final ErrorHandler errorHandler, final Runnable closeHandler)
    {
        final String dir = config.get(AERON_DIR).toString();
        MediaDriver launched = null;
        try
        {
            config.get(AERON_UMASK).ifPresent(AeronDirectoryAccess::umask);
            if (config.get(DRIVER_EMBEDDED))
            {
                final MediaDriver.Context ctx = new MediaDriver.Context()
                    .aeronDirectoryName(dir)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .threadingMode(effectiveThreading(config))
                    .conductorIdleStrategy(config.get(DRIVER_IDLE).newStrategy())
                    .senderIdleStrategy(config.get(DRIVER_IDLE).newStrategy())
                    .receiverIdleStrategy(config.get(DRIVER_IDLE).newStrategy())
                    .sharedIdleStrategy(config.get(DRIVER_IDLE).newStrategy())
                    .sharedNetworkIdleStrategy(config.get(DRIVER_IDLE).newStrategy())
                    .clientLivenessTimeoutNs(config.get(DRIVER_TIMEOUT))
                    .publicationUnblockTimeoutNs(Math.max(config.get(DRIVER_TIMEOUT) * 2, 15_000_000_000L))
                    .ipcTermBufferLength(config.get(DRIVER_TERM_LENGTH))
                    .publicationTermBufferLength(config.get(DRIVER_TERM_LENGTH))
                    .errorHandler(errorHandler)
                    .warnIfDirectoryExists(false);
                launched = MediaDriver.launchEmbedded(ctx);
                final MediaDriver started = launched;
                config.get(AERON_DIR_GROUP).ifPresent((group) ->
                    AeronDirectoryAccess.group(java.nio.file.Path.of(started.aeronDirectoryName()), group));
            }
            driver = launched;
            driverInvoker = launched != null ? launched.sharedAgentInvoker() : null;
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(dir)
                // In invoker mode nothing runs the driver until the ingest agent starts: let the client run it
                // while it waits for the driver's answers (connect, publications, subscriptions, counters).
                .driverAgentInvoker(driverInvoker)
                .useConductorAgentInvoker(driverInvoker != null)
                .driverTimeoutMs(config.get(DRIVER_TIMEOUT) / 1_000_000L)
                .errorHandler(errorHandler)
                .closeHandler(closeHandler)
                .clientName("l1infer-daemon"));
            clientInvoker = driverInvoker != null ? aeron.conductorAgentInvoker() : null;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(launched);
            throw ex;
        }
    }

    /**
     * The configured threading, except that an embedded archive needs a driver that runs by itself (in invoker mode
     * nothing would run the driver while the archive connects at start): shared, one thread, instead of invoker.
     */
    public static ThreadingMode effectiveThreading(final DaemonConfig config)
    {
        return config.get(DRIVER_THREADING) == ThreadingMode.INVOKER && config.get(ARCHIVE_DIR).isPresent() &&
            config.get(ARCHIVE_CONTROL_CHANNEL).isEmpty() ? ThreadingMode.SHARED : config.get(DRIVER_THREADING);
    }

    /** The connected Aeron client. */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * Run the embedded driver's and the client conductor's duty cycles where they have no threads of their own
     * (invoker mode): the one place the ingest agents of the daemon and of the echo server do that.
     *
     * @return the work done, 0 when both run on threads of their own.
     */
    public int invokeDutyCycles()
    {
        int work = 0;
        if (driverInvoker != null)
        {
            work += driverInvoker.invoke();
        }
        if (clientInvoker != null)
        {
            work += clientInvoker.invoke();
        }
        return work;
    }

    /** The directory the driver and clients share. */
    public String directory()
    {
        return aeron.context().aeronDirectoryName();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
