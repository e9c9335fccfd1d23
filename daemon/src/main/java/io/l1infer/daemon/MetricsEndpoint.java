package io.l1infer.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.l1infer.config.ListenAddress;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics}: every counter this daemon allocated in the Aeron counters file, latency gauges included,
 * as OpenMetrics text (when the scraper asks for it) or Prometheus text 0.0.4, served by the JDK's HTTP server on
 * a thread of its own; it only reads the counters, so the hot path never waits for a scrape.
 */
final class MetricsEndpoint implements AutoCloseable
{
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountersReader counters;
    private final long ownerId;
    private final String version;

    /**
     * Bind and start serving.
     *
     * @param address  where to listen; only this address is bound.
     * @param counters the counters file of the daemon's Aeron client.
     * @param ownerId  the client id that owns the daemon's counters (several daemons may share one driver).
     * @throws IllegalStateException naming the setting and the address when it cannot be bound.
     */
    MetricsEndpoint(final ListenAddress address, final CountersReader counters, final long ownerId)
    {
        this.counters = counters;
        this.ownerId = ownerId;
        this.version = L1inferVersion.version();
        final InetSocketAddress socketAddress = address.toSocketAddress();
        if (socketAddress.isUnresolved())
        {
            throw new IllegalStateException("l1infer.metrics.listen: unknown host " + address.host());
        }
        try
        {
            server = HttpServer.create(socketAddress, 16);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("l1infer.metrics.listen: cannot listen on " + address + ": " + ex, ex);
        }
        executor = Executors.newSingleThreadExecutor((task) ->
        {
            final Thread thread = new Thread(task, "l1infer-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", this::handle);
        server.start();
    }

    /** The bound address (with the real port when 0 was asked for). */
    InetSocketAddress address()
    {
        return server.getAddress();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod()))
            {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            final String accept = exchange.getRequestHeaders().getFirst("Accept");
            final boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
            final byte[] body = render(openMetrics).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", openMetrics ? OPENMETRICS : PROMETHEUS);
            if ("HEAD".equals(exchange.getRequestMethod()))
            {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        }
    }

    /**
     * The exposition text of the daemon's counters now.
     *
     * @param openMetrics OpenMetrics 1.0 (counter families without {@code _total}, {@code # EOF}) rather than
     *                    Prometheus text 0.0.4.
     * @return the text.
     */
    String render(final boolean openMetrics)
    {
        final Map<MetricSeries, Long> values = new LinkedHashMap<>();
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (MetricSeries.isL1inferType(typeId) && counters.getCounterOwnerId(counterId) == ownerId)
            {
                values.put(MetricSeries.of(typeId, label), counters.getCounterValue(counterId));
            }
        });
        final Map<String, List<Map.Entry<MetricSeries, Long>>> families = new LinkedHashMap<>();
        for (final Map.Entry<MetricSeries, Long> entry : values.entrySet())
        {
            families.computeIfAbsent(entry.getKey().family(), (f) -> new ArrayList<>()).add(entry);
        }
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("# TYPE l1infer_build_info gauge\n");
        sb.append("# HELP l1infer_build_info The l1infer release this daemon runs.\n");
        sb.append("l1infer_build_info{version=\"").append(version).append("\"} 1\n");
        for (final List<Map.Entry<MetricSeries, Long>> family : families.values())
        {
            final MetricSeries first = family.get(0).getKey();
            final String typeName = first.gauge() ? first.family() :
                openMetrics ? first.family() : first.family() + "_total";
            sb.append("# TYPE ").append(typeName).append(first.gauge() ? " gauge\n" : " counter\n");
            for (final Map.Entry<MetricSeries, Long> sample : family)
            {
                sb.append(sample.getKey().sample()).append(' ').append(sample.getValue()).append('\n');
            }
        }
        if (openMetrics)
        {
            sb.append("# EOF\n");
        }
        return sb.toString();
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
