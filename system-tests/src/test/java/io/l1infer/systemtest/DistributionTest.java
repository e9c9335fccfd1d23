package io.l1infer.systemtest;

import io.l1infer.daemon.DaemonTestClient;
import io.l1infer.daemon.MetricSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tarball this build made, unpacked into an empty directory, runs with a Java runtime alone: every command
 * answers {@code --version}, the daemon serves {@code /metrics} under load, its {@code l1infer_} series equal what
 * {@code bin/l1infer-stat} shows, and SIGTERM ends it with status 0.
 */
class DistributionTest
{
    private static final Pattern STAT_LINE = Pattern.compile("^\\s*\\d+:\\s+([\\d,]+) - (l1infer: .*)$");
    private static final Pattern SAMPLE = Pattern.compile("^(l1infer_[a-z0-9_]+(\\{[^}]*\\})?) (-?\\d+)$");

    @TempDir
    Path empty;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void unpackedTarballRunsAndItsMetricsEqualL1inferStat() throws Exception
    {
        final String version = System.getProperty("l1infer.version");
        final Path tarball = Path.of(System.getProperty("l1infer.dist.tarball"));
        assertTrue(Files.isRegularFile(tarball), "the build made no " + tarball + " (mvn -B package builds it)");
        final Result untar = run(List.of("tar", "-xzf", tarball.toString(), "-C", empty.toString()), Map.of());
        assertEquals(0, untar.exit, untar.output);
        final Path home = empty.resolve("l1infer-" + version);
        for (final String dir : List.of("bin", "lib", "lib/tools", "config", "models/muon-pt-thesis", "data",
            "systemd"))
        {
            assertTrue(Files.isDirectory(home.resolve(dir)), "the distribution lacks " + dir + "/");
        }
        for (final String file : List.of("README.md", "config/l1infer.properties", "systemd/README.md",
            "systemd/l1infer.service"))
        {
            assertTrue(Files.isRegularFile(home.resolve(file)), "the distribution lacks " + file);
        }
        assertTrue(Files.isExecutable(home.resolve("systemd/install.sh")), "install.sh is not executable");
        final String launcher = Files.readString(home.resolve("bin/l1infer-java"));
        assertFalse(launcher.contains("mvn") || launcher.contains("target/"), "a launcher that builds:\n" + launcher);

        // Only a Java runtime: no Maven on the PATH, no checkout anywhere near.
        final String javaHome = System.getProperty("java.home");
        final Map<String, String> env = Map.of("PATH", javaHome + "/bin:/usr/bin:/bin", "JAVA_HOME", javaHome,
            "L1INFER_NO_BUILD", "");
        for (final List<String> command : List.of(List.of("l1infer-daemon"), List.of("l1infer-bench"),
            List.of("l1infer-bench", "latency"), List.of("l1infer-stat"), List.of("l1infer-errors")))
        {
            final List<String> line = new ArrayList<>(command);
            line.set(0, home.resolve("bin").resolve(command.get(0)).toString());
            line.add("--version");
            final Result result = run(line, env);
            assertEquals(0, result.exit, command + " --version: " + result.output);
            assertTrue(result.output.contains(String.join(" ", command) + " " + version),
                command + " --version does not name version " + version + ":\n" + result.output);
        }

        final int port = freePort();
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-dist";
        final List<String> daemonCommand = List.of(home.resolve("bin/l1infer-daemon").toString(),
            "--set", "l1infer.metrics.listen=127.0.0.1:" + port, "--set", "l1infer.aeron.dir=" + aeronDir,
            "--set", "l1infer.histogram.interval=1s", "--set", "l1infer.accelerator.warmup=2000");
        try (DaemonProcess daemon = DaemonProcess.start(daemonCommand, env))
        {
            daemon.awaitLine("l1infer daemon ready", 120_000);
            assertTrue(daemon.output().contains("l1infer daemon " + version + " starting"), daemon.output());
            assertFalse(daemon.output().contains("SLF4J"), daemon.output());

            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            final URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
            final AtomicBoolean loadDone = new AtomicBoolean();
            final int events = 30_000;
            final Thread load = new Thread(() -> sendLoad(aeronDir, events, loadDone), "load");
            load.start();
            int scrapesUnderLoad = 0;
            boolean sawLatency = false;
            while (!loadDone.get())
            {
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                final Map<String, Long> samples = parseSamples(response.body());
                assertTrue(samples.containsKey("l1infer_messages_received_total"), response.body());
                sawLatency |= samples.getOrDefault("l1infer_latency_last_interval_events", 0L) > 0 &&
                    samples.getOrDefault("l1infer_latency_last_interval_nanoseconds{quantile=\"0.5\"}", 0L) > 0;
                scrapesUnderLoad++;
                Thread.sleep(100);
            }
            load.join();
            assertTrue(scrapesUnderLoad >= 3, "only " + scrapesUnderLoad + " scrapes while the load ran");
            final HttpResponse<String> openMetrics = http.send(HttpRequest.newBuilder(uri)
                .header("Accept", "application/openmetrics-text; version=1.0.0").GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertTrue(openMetrics.body().endsWith("# EOF\n"), openMetrics.body());
            assertTrue(openMetrics.body().contains("# TYPE l1infer_events_accepted counter\n"), openMetrics.body());

            compareWithStat(home, env, aeronDir, http, uri, events);
            if (!sawLatency)
            {
                // The load may have fitted inside one histogram interval: the next scrape shows it.
                Thread.sleep(1500);
                final Map<String, Long> after = scrape(http, uri);
                sawLatency = after.getOrDefault("l1infer_latency_last_interval_events", 0L) > 0;
            }
            assertTrue(sawLatency, "no latency percentiles in any scrape");

            daemon.terminate();
            assertEquals(0, daemon.awaitExit(60_000), daemon.output());
        }
    }

    /** Retry until two scrapes around one l1infer-stat run agree on every gauge; counters may only grow. */
    private static void compareWithStat(final Path home, final Map<String, String> env, final String aeronDir,
        final HttpClient http, final URI uri, final int events) throws Exception
    {
        final Map<String, Integer> typeIds = AeronCounters.typeIds(aeronDir);
        String lastProblem = "";
        for (int attempt = 0; attempt < 10; attempt++)
        {
            final Map<String, Long> before = scrape(http, uri);
            final Result stat = run(List.of(home.resolve("bin/l1infer-stat").toString(), "--aeron-dir", aeronDir),
                env);
            final Map<String, Long> after = scrape(http, uri);
            assertEquals(0, stat.exit, stat.output);
            final Map<String, Long> shown = new HashMap<>();
            for (final String line : stat.output.split("\n"))
            {
                final Matcher m = STAT_LINE.matcher(line);
                if (m.matches())
                {
                    final Integer type = typeIds.get(m.group(2));
                    assertTrue(type != null, "l1infer-stat shows a counter the counters file lacks: " + line);
                    shown.put(MetricSeries.of(type, m.group(2)).sample(), Long.parseLong(m.group(1).replace(",", "")));
                }
            }
            assertEquals(events, shown.get("l1infer_events_accepted_total"), stat.output);
            final Map<String, Long> scraped = new HashMap<>(after);
            scraped.remove("l1infer_build_info{version=\"" + System.getProperty("l1infer.version") + "\"}");
            assertEquals(shown.keySet(), scraped.keySet(), "series differ:\nstat:\n" + stat.output + "\nmetrics " +
                scraped.keySet());
            lastProblem = "";
            for (final Map.Entry<String, Long> entry : shown.entrySet())
            {
                final long low = before.get(entry.getKey());
                final long high = after.get(entry.getKey());
                if (entry.getValue() < Math.min(low, high) || entry.getValue() > Math.max(low, high) ||
                    (entry.getKey().contains("latency") && low != high))
                {
                    lastProblem += entry.getKey() + ": stat " + entry.getValue() + ", metrics " + low + " then " +
                        high + "\n";
                }
            }
            if (lastProblem.isEmpty())
            {
                System.out.println("l1infer-stat and /metrics agree on " + shown.size() + " series:\n" + stat.output);
                return;
            }
        }
        throw new AssertionError("l1infer-stat and /metrics disagree:\n" + lastProblem);
    }

    private static void sendLoad(final String aeronDir, final int events, final AtomicBoolean done)
    {
        try (DaemonTestClient client = new DaemonTestClient(aeronDir,
            new DaemonTestClient.DaemonTestClientChannels("aeron:ipc", 1001, "aeron:ipc", 1002)))
        {
            final int[] raw = new int[27];
            final long start = System.nanoTime();
            for (int e = 0; e < events; e++)
            {
                raw[e % raw.length] = e & 0xff;
                client.send(client.encodeFeatures(e, raw));
                // About 10,000 events/s, so the load spans several scrapes and histogram intervals.
                while (System.nanoTime() - start < e * 100_000L)
                {
                    client.poll();
                }
            }
            client.awaitAnswers(events, 60_000);
        }
        finally
        {
            done.set(true);
        }
    }

    private static Map<String, Long> scrape(final HttpClient http, final URI uri) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return parseSamples(response.body());
    }

    private static Map<String, Long> parseSamples(final String body)
    {
        final Map<String, Long> samples = new HashMap<>();
        for (final String line : body.split("\n"))
        {
            final Matcher m = SAMPLE.matcher(line);
            if (m.matches())
            {
                samples.put(m.group(1), Long.parseLong(m.group(3)));
            }
            else
            {
                assertTrue(line.startsWith("# "), "not a sample or comment: '" + line + "'");
            }
        }
        return samples;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private record Result(int exit, String output)
    {
    }

    private static Result run(final List<String> command, final Map<String, String> env) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.directory(new File(System.getProperty("java.io.tmpdir")));
        final Process p = builder.start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        return new Result(p.exitValue(), out);
    }
}
