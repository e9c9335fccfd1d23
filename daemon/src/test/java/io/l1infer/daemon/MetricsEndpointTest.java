package io.l1infer.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics endpoint, scraped with the JDK's HTTP client while a client keeps the daemon busy. */
class MetricsEndpointTest
{
    private static final int EVENTS = 20_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void scrapesUnderLoadShowGrowingCountersAndLatencyPercentiles() throws Exception
    {
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of(
            "l1infer.metrics.listen", "127.0.0.1:0", "l1infer.histogram.interval", "200ms"))))
        {
            final InetSocketAddress address = daemon.metricsAddress().orElseThrow();
            assertEquals("127.0.0.1", address.getAddress().getHostAddress());
            final URI uri = URI.create("http://127.0.0.1:" + address.getPort() + "/metrics");
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

            final AtomicBoolean done = new AtomicBoolean();
            final AtomicReference<Throwable> loadFailure = new AtomicReference<>();
            final Thread load = new Thread(() ->
            {
                try (DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                    DaemonTestClient.DaemonTestClientChannels.of(daemon)))
                {
                    final int[] raw = new int[27];
                    final long start = System.nanoTime();
                    for (int e = 0; e < EVENTS; e++)
                    {
                        raw[e % raw.length] = e & 0x3ff;
                        client.send(client.encodeFeatures(e, raw));
                        while (System.nanoTime() - start < e * 100_000L) // about 10,000 events/s
                        {
                            client.poll();
                        }
                    }
                    client.awaitAnswers(EVENTS, 60_000);
                }
                catch (final Throwable t)
                {
                    loadFailure.set(t);
                }
                finally
                {
                    done.set(true);
                }
            }, "load");
            load.start();

            final List<Map<String, Long>> scrapes = new ArrayList<>();
            while (!done.get())
            {
                scrapes.add(scrape(http, uri, false));
                Thread.sleep(50);
            }
            load.join();
            assertEquals(null, loadFailure.get());
            Thread.sleep(500); // the last events' interval reaches the gauges
            scrapes.add(scrape(http, uri, false));
            assertTrue(scrapes.size() >= 10, "only " + scrapes.size() + " scrapes while the load ran");

            long previous = -1;
            boolean sawLatency = false;
            for (final Map<String, Long> s : scrapes)
            {
                final long accepted = s.get("l1infer_events_accepted_total");
                assertTrue(accepted >= previous, "events accepted went down: " + scrapes);
                previous = accepted;
                final long events = s.get("l1infer_latency_last_interval_events");
                if (events > 0)
                {
                    sawLatency = true;
                    final long p50 = s.get("l1infer_latency_last_interval_nanoseconds{quantile=\"0.5\"}");
                    final long p99 = s.get("l1infer_latency_last_interval_nanoseconds{quantile=\"0.99\"}");
                    final long p999 = s.get("l1infer_latency_last_interval_nanoseconds{quantile=\"0.999\"}");
                    final long max = s.get("l1infer_latency_last_interval_nanoseconds{quantile=\"1\"}");
                    assertTrue(0 < p50 && p50 <= p99 && p99 <= p999 && p999 <= max, s.toString());
                }
            }
            assertTrue(sawLatency, "no scrape showed an interval with events");
            final Map<String, Long> last = scrapes.get(scrapes.size() - 1);
            assertEquals(EVENTS, last.get("l1infer_events_accepted_total"));
            assertEquals(EVENTS, last.get("l1infer_results_published_total"));
            assertEquals(EVENTS, last.get("l1infer_messages_received_total"));
            assertEquals(0, last.get("l1infer_rejects_total"));
            assertEquals(0, last.get("l1infer_rejects_by_reason_total{reason=\"TRUNCATED\"}"));
            assertEquals(1, last.get("l1infer_build_info{version=\"" + L1inferVersion.version() + "\"}"));

            final Map<String, Long> openMetrics = scrape(http, uri, true);
            assertEquals(EVENTS, openMetrics.get("l1infer_events_accepted_total"));

            final HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertOnlyLoopbackAnswers(address.getPort());
        }
    }

    private static Map<String, Long> scrape(final HttpClient http, final URI uri, final boolean openMetrics)
        throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (openMetrics)
        {
            request.header("Accept", "application/openmetrics-text; version=1.0.0, text/plain;q=0.5");
        }
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        final String type = response.headers().firstValue("Content-Type").orElse("");
        assertEquals(openMetrics ? MetricsEndpoint.OPENMETRICS : MetricsEndpoint.PROMETHEUS, type);
        final String body = response.body();
        assertEquals(openMetrics, body.endsWith("# EOF\n"), body);
        final Map<String, Long> samples = new HashMap<>();
        for (final String line : body.split("\n"))
        {
            if (!line.startsWith("#"))
            {
                final int space = line.lastIndexOf(' ');
                assertTrue(line.startsWith("l1infer_") && space > 0, "not a sample: " + line);
                samples.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            }
        }
        return samples;
    }

    /** Nothing listens on the host's other addresses. */
    private static void assertOnlyLoopbackAnswers(final int port) throws Exception
    {
        for (final NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces()))
        {
            for (final InetAddress a : Collections.list(nic.getInetAddresses()))
            {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && nic.isUp())
                {
                    assertThrows(ConnectException.class, () ->
                    {
                        try (Socket socket = new Socket())
                        {
                            socket.connect(new InetSocketAddress(a, port), 2000);
                        }
                    }, "the endpoint answers on " + a);
                }
            }
        }
    }
}
