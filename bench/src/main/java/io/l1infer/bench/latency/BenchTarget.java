package io.l1infer.bench.latency;

import io.l1infer.bench.echo.EchoServer;
import io.l1infer.client.DaemonEndpoint;
import io.l1infer.config.DaemonConfig;
import io.l1infer.daemon.L1inferDaemon;

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

    @Override
    void close();

    /** The endpoint of a configuration: its Aeron directory, channels and streams. */
    static DaemonEndpoint endpointOf(final DaemonConfig config, final String aeronDir)
    {
        return new DaemonEndpoint(aeronDir, config.ingestChannel(), config.ingestStream(), config.resultChannel(),
            config.resultStream(), config.rejectStream());
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
            case EMBEDDED -> new Embedded(L1inferDaemon.launch(config));
            case ECHO -> new Echo(EchoServer.launch(config));
            case EXTERNAL -> new External(endpointOf(config, config.aeronDir().toString()));
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

    /** A daemon in the bench's JVM. */
    record Embedded(L1inferDaemon daemon) implements BenchTarget
    {
        @Override
        public String name()
        {
            return "embedded";
        }

        @Override
        public DaemonEndpoint endpoint()
        {
            return endpointOf(daemon.config(), daemon.aeronDirectory());
        }

        @Override
        public String describe()
        {
            return daemon.describe();
        }

        @Override
        public String report()
        {
            daemon.drainAndStop();
            return daemon.report();
        }

        @Override
        public void close()
        {
            daemon.close();
        }
    }

    /** The echo server in the bench's JVM. */
    record Echo(EchoServer server) implements BenchTarget
    {
        @Override
        public String name()
        {
            return "echo";
        }

        @Override
        public DaemonEndpoint endpoint()
        {
            return endpointOf(server.config(), server.aeronDirectory());
        }

        @Override
        public String describe()
        {
            return server.describe();
        }

        @Override
        public String report()
        {
            return server.report();
        }

        @Override
        public void close()
        {
            server.close();
        }
    }

    /** A daemon the bench did not start and does not stop. */
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

        @Override
        public String report()
        {
            return "";
        }

        @Override
        public void close()
        {
        }
    }
}
