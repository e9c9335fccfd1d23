package io.l1infer.bench.latency;

import io.aeron.Aeron;
import io.l1infer.bench.echo.EchoServer;
import io.l1infer.client.DaemonEndpoint;
import io.l1infer.config.DaemonConfig;
import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.daemon.ShadowCounts;

import java.util.function.Supplier;

import static io.l1infer.config.DaemonSettings.AERON_DIR;
import static io.l1infer.config.DaemonSettings.INGEST_CHANNEL;
import static io.l1infer.config.DaemonSettings.INGEST_STREAM;
import static io.l1infer.config.DaemonSettings.REJECT_STREAM;
import static io.l1infer.config.DaemonSettings.RESULT_CHANNEL;
import static io.l1infer.config.DaemonSettings.RESULT_STREAM;

/**
 * What the bench sends to: a daemon it starts in its own JVM, a daemon already running elsewhere, or the echo
 * server (the transport floor). Closing stops whatever the bench started.
 */
public sealed interface BenchTarget extends AutoCloseable
{
    /** Short name used in labels and file names: {@code embedded}, {@code external} or {@code echo}. */
    String name();

    /** Where to connect. */
    DaemonEndpoint endpoint();

    /** One line saying what runs. */
    String describe();

    /** The target's own end-of-run report (daemon-side latency and counters, or echo counters), or empty. */
    String report();

    /** Stop what the bench started; a second call does nothing (the daemon, echo server and external all allow it). */
    @Override
    void close();

    /** The endpoint of a configuration: its Aeron directory, channels and streams. */
    static DaemonEndpoint endpointOf(final DaemonConfig config, final String aeronDir)
    {
        return new DaemonEndpoint(aeronDir, config.get(INGEST_CHANNEL), config.get(INGEST_STREAM),
            config.get(RESULT_CHANNEL), config.get(RESULT_STREAM), config.get(REJECT_STREAM));
    }

    /**
     * Start the target of this kind.
     *
     * @param kind   embedded, external or echo.
     * @param config the settings: what the embedded daemon and the echo server run with, where the external daemon
     *               is.
     * @return the started (or, for external, described) target.
     */
    static BenchTarget start(final Kind kind, final DaemonConfig config)
    {
        return switch (kind)
        {
            case EMBEDDED -> InProcess.of(L1inferDaemon.launch(config));
            case ECHO -> InProcess.of(EchoServer.launch(config));
            case EXTERNAL -> new External(endpointOf(config, config.get(AERON_DIR).toString()));
        };
    }

    /** The kinds of target, as written on the command line. */
    enum Kind
    {
        /** A daemon started in the bench's JVM. */
        EMBEDDED,
        /** A daemon already running, found by Aeron directory and channels. */
        EXTERNAL,
        /** The echo server: same transport, no inference. */
        ECHO
    }

    /**
     * A daemon or the echo server in the bench's JVM.
     *
     * @param name        the target's short name.
     * @param endpoint    where to connect.
     * @param description what runs, in one line.
     * @param reporter    stops intake, waits for what was accepted and returns the end-of-run report.
     * @param closer      stops it.
     */
    record InProcess(String name, DaemonEndpoint endpoint, String description, Supplier<String> reporter,
        Runnable closer) implements BenchTarget
    {
        static InProcess of(final L1inferDaemon daemon)
        {
            return new InProcess("embedded", endpointOf(daemon.config(), daemon.aeronDirectory()), daemon.describe(),
                () ->
                {
                    daemon.drainAndStop();
                    return daemon.report();
                },
                daemon::close);
        }

        static InProcess of(final EchoServer server)
        {
            return new InProcess("echo", endpointOf(server.config(), server.aeronDirectory()), server.describe(),
                server::report, server::close);
        }

        @Override
        public String describe()
        {
            return description;
        }

        @Override
        public String report()
        {
            return reporter.get();
        }

        @Override
        public void close()
        {
            closer.run();
        }
    }

    /** A daemon the bench did not start and does not stop; its report is its shadow's SHADOW line, if it runs one. */
    record External(DaemonEndpoint endpoint) implements BenchTarget
    {
        @Override
        public String name()
        {
            return "external";
        }

        @Override
        public String describe()
        {
            return "external daemon: " + endpoint;
        }

        /** How long the shadow counts must stay unchanged to count as final, and the longest wait for that. */
        private static final long SETTLED_MS = 200;
        private static final long SETTLE_TIMEOUT_MS = 5_000;

        /**
         * The SHADOW line of the daemon's shadow engine, read from its counters file once the shadow has caught up
         * (its counts unchanged for a moment), or empty when it runs none or cannot be reached.
         */
        @Override
        public String report()
        {
            try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(endpoint.aeronDir())))
            {
                final long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MS;
                ShadowCounts counts = ShadowCounts.read(aeron.countersReader());
                while (counts != null && System.currentTimeMillis() < deadline)
                {
                    Thread.sleep(SETTLED_MS);
                    final ShadowCounts later = ShadowCounts.read(aeron.countersReader());
                    if (counts.equals(later))
                    {
                        break;
                    }
                    counts = later;
                }
                return counts == null ? "" : counts.summary() + System.lineSeparator();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return "";
            }
            catch (final RuntimeException ex)
            {
                return "shadow counts not read: " + ex.getMessage() + System.lineSeparator();
            }
        }

        @Override
        public void close()
        {
        }
    }
}
