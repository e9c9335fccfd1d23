package io.l1infer.bench.echo;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.l1infer.config.AgentLayout;
import io.l1infer.config.DaemonConfig;
import io.l1infer.daemon.AeronConnection;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static io.l1infer.config.DaemonSettings.ACCELERATOR_MAX_BATCH;
import static io.l1infer.config.DaemonSettings.AGENT_LAYOUT;
import static io.l1infer.config.DaemonSettings.DRIVER_EMBEDDED;
import static io.l1infer.config.DaemonSettings.DRIVER_IDLE;
import static io.l1infer.config.DaemonSettings.DRIVER_THREADING;
import static io.l1infer.config.DaemonSettings.INGEST_CHANNEL;
import static io.l1infer.config.DaemonSettings.INGEST_FRAGMENT_LIMIT;
import static io.l1infer.config.DaemonSettings.INGEST_IDLE;
import static io.l1infer.config.DaemonSettings.INGEST_STREAM;
import static io.l1infer.config.DaemonSettings.OWNER_IDLE;
import static io.l1infer.config.DaemonSettings.PUBLISH_MAX_RETRIES;
import static io.l1infer.config.DaemonSettings.RESULT_CHANNEL;
import static io.l1infer.config.DaemonSettings.RESULT_STREAM;
import static io.l1infer.config.DaemonSettings.RING_SIZE;

/**
 * The transport floor: a plain Aeron echo laid out like the daemon from the same {@link DaemonConfig} (the same
 * media driver setup, Aeron directory, channels and streams, ring size, fragment limit, and ingest and owner idle
 * strategies), whose second thread sends each request's bytes straight back on the result stream instead of
 * running the model. A client sees its requests come back unchanged.
 *
 * <p>Unlike the daemon it has no latency-monitor thread (that one sleeps 50 ms per cycle).
 */
public final class EchoServer implements AutoCloseable
{
    private final DaemonConfig config;
    private final AeronConnection connection;
    private final Subscription subscription;
    private final ExclusivePublication publication;
    private final EchoCounters counters;
    private final AgentRunner ingestRunner;
    private final AgentRunner publisherRunner;
    private final AtomicLong errorCount = new AtomicLong();
    private volatile Throwable firstError;
    private boolean closed;

    private EchoServer(final DaemonConfig config)
    {
        this.config = config;
        final ErrorHandler errorHandler = this::onError;
        connection = new AeronConnection(config, errorHandler);
        try
        {
            final Aeron aeron = connection.aeron();
            counters = EchoCounters.add(aeron);
            final Counter errors = counters.errors();
            subscription = aeron.addSubscription(config.get(INGEST_CHANNEL), config.get(INGEST_STREAM));
            publication = aeron.addExclusivePublication(config.get(RESULT_CHANNEL), config.get(RESULT_STREAM));

            final EchoContext ctx = new EchoContext()
                .subscription(subscription)
                .publication(publication)
                .ringSize(config.get(RING_SIZE))
                .connection(connection)
                .fragmentLimit(config.get(INGEST_FRAGMENT_LIMIT))
                .maxBatch(config.get(ACCELERATOR_MAX_BATCH))
                .maxRetries(config.get(PUBLISH_MAX_RETRIES))
                .counters(counters)
                .conclude();
            final EchoIngestAgent ingest = new EchoIngestAgent(ctx);
            final EchoPublisherAgent publisher = new EchoPublisherAgent(ctx);
            if (config.get(AGENT_LAYOUT) == AgentLayout.COMBINED)
            {
                // The daemon's combined layout: one thread polls into the ring and drains it.
                publisherRunner = null;
                ingestRunner = new AgentRunner(config.get(INGEST_IDLE).newStrategy(), errorHandler, errors,
                    new CompositeAgent(ingest, publisher));
            }
            else
            {
                publisherRunner = new AgentRunner(config.get(OWNER_IDLE).newStrategy(), errorHandler, errors,
                    publisher);
                ingestRunner = new AgentRunner(config.get(INGEST_IDLE).newStrategy(), errorHandler, errors, ingest);
                AgentRunner.startOnThread(publisherRunner);
            }
            AgentRunner.startOnThread(ingestRunner);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(connection);
            throw ex;
        }
    }

    /**
     * Start an echo server.
     *
     * @param config the daemon configuration whose transport settings to copy; model and accelerator are ignored.
     * @return the running server.
     */
    public static EchoServer launch(final DaemonConfig config)
    {
        return new EchoServer(config);
    }

    private void onError(final Throwable throwable)
    {
        if (errorCount.getAndIncrement() == 0)
        {
            firstError = throwable;
        }
        System.err.println("l1infer echo: " + throwable);
    }

    /** The Aeron directory clients connect to. */
    public String aeronDirectory()
    {
        return connection.directory();
    }

    /** The configuration the server copies its transport settings from. */
    public DaemonConfig config()
    {
        return config;
    }

    /** One line describing the server. */
    public String describe()
    {
        return "l1infer echo server (transport baseline): ingest " + config.get(INGEST_CHANNEL) + " stream " +
            config.get(INGEST_STREAM) + " -> ring of " + config.get(RING_SIZE) + " -> results " +
            config.get(RESULT_CHANNEL) + " stream " + config.get(RESULT_STREAM) + "; idle ingest " +
            config.get(INGEST_IDLE) + ", publisher " + config.get(OWNER_IDLE) + "; aeron dir " + aeronDirectory() +
            (config.get(DRIVER_EMBEDDED) ? " (embedded driver, " +
            config.get(DRIVER_THREADING).name().toLowerCase(Locale.ROOT) + ", idle " + config.get(DRIVER_IDLE) + ")" :
            " (external driver)");
    }

    /** The counters, for the end-of-run report. */
    public String report()
    {
        final StringBuilder sb = new StringBuilder("l1infer echo server counters:\n");
        counters.appendTo(sb);
        sb.append(String.format(Locale.ROOT, "  %-22s %d%s%n", "errors", errorCount.get(),
            firstError == null ? "" : " (first: " + firstError + ")"));
        return sb.toString();
    }

    /** Messages echoed so far. */
    public long echoed()
    {
        return counters.echoed().get();
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.closeAll(ingestRunner, publisherRunner, publication, subscription, counters, connection);
    }
}
