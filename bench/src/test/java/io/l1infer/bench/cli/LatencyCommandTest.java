package io.l1infer.bench.cli;

import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.SettingsSource;
import io.l1infer.daemon.L1inferDaemon;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short real runs of {@code latency} (1 s at 20 kHz) on each target: every event answered, nothing lost, the RESULT
 * line complete, and the files written. No timing assertions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LatencyCommandTest
{
    private static final String[] KEYS = {"rate", "sent", "received", "lost", "rejected", "p50_us", "p90_us",
        "p99_us", "p999_us", "p9999_us", "max_us"};

    @TempDir
    Path temp;

    @Test
    void embeddedDaemonWithEchoBaselineAnswersEveryEventAndWritesTheFiles() throws IOException
    {
        final Path out = temp.resolve("out");
        final CapturedRun run = CapturedRun.of("latency", "--home", CapturedRun.HOME.toString(), "--workload",
            "thesis", "--rate", "20k", "--duration", "1s", "--warmup", "500ms", "--grace", "1s", "--baseline",
            "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        final List<Map<String, String>> results = run.results();
        assertEquals(2, results.size(), run.out());
        assertEquals("embedded", results.get(0).get("target"));
        assertEquals("echo", results.get(1).get("target"));
        for (final Map<String, String> r : results)
        {
            assertAllEventsAnswered(r, 20_000);
        }
        assertNotNull(run.line("l1infer daemon-side latency"), "the daemon's own report is printed");
        assertNotNull(run.line("l1infer echo server counters"), "the echo server's report is printed");

        for (final String label : List.of("embedded-thesis", "echo-thesis"))
        {
            final Path hgrm = out.resolve(label + ".hgrm");
            assertTrue(Files.readString(hgrm).contains("#[Mean"), hgrm + " is an HdrHistogram percentile file");
            assertEquals(20_000, eventsIn(out.resolve(label + ".hlog")), label + ".hlog intervals hold every " +
                "measured event");
        }
        final BufferedImage png = ImageIO.read(out.resolve("latency-percentiles.png").toFile());
        assertNotNull(png, "the plot is a PNG");
        assertEquals(1000, png.getWidth());
    }

    @Test
    void roundsAlternateTheTargetsAndTheResultLinesHoldEveryRound()
    {
        final CapturedRun run = CapturedRun.of("latency", "--home", CapturedRun.HOME.toString(), "--workload",
            "toy", "--toy-pool", "2000", "--rate", "20k", "--duration", "1500ms", "--warmup", "500ms",
            "--round-warmup", "200ms", "--grace", "1s", "--baseline", "--rounds", "3", "--breakdown");
        assertEquals(0, run.exitCode(), run.err());
        final List<Map<String, String>> results = run.results();
        assertEquals(2, results.size(), run.out());
        for (final Map<String, String> r : results)
        {
            assertAllEventsAnswered(r, 30_000);
        }
        final List<String> rounds = run.out().lines().filter(l -> l.startsWith("ROUND ")).toList();
        assertEquals(List.of("embedded 1", "echo 1", "embedded 2", "echo 2", "embedded 3", "echo 3"),
            rounds.stream().map(l -> word(l, "target") + " " + word(l, "round")).toList(), run.out());
        long sent = 0;
        for (final String line : rounds)
        {
            assertEquals("0", word(line, "lost"), line);
            sent += Long.parseLong(word(line, "sent"));
        }
        assertEquals(2 * 30_000, sent, "the rounds add up to the RESULT lines");
        assertNotNull(run.line("STAGE name=compute "), "stage lines per round");
        assertTrue(run.out().contains("run=embedded-toy-r3"), run.out());
    }

    @Test
    void breakdownPrintsOneStageLinePerStageAndWritesAnHlogPerStage() throws IOException
    {
        final Path out = temp.resolve("stages");
        final CapturedRun run = CapturedRun.of("latency", "--home", CapturedRun.HOME.toString(), "--workload",
            "thesis", "--rate", "20k", "--duration", "1s", "--warmup", "500ms", "--grace", "1s", "--breakdown",
            "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        final List<String> stages = List.of("send_lag", "ingest_wait", "ring_wait", "batch_wait", "compute",
            "publish_wait", "result_wait");
        for (final String stage : stages)
        {
            final String line = run.line("STAGE name=" + stage + " ");
            assertNotNull(line, "no STAGE line for " + stage + ":\n" + run.out());
            assertTrue(line.matches("STAGE name=" + stage + " p50_us=\\S+ p99_us=\\S+ p999_us=\\S+ " +
                "share_above_p99=\\S+ .*run=embedded-thesis"), line);
            assertEquals(20_000, eventsIn(out.resolve("embedded-thesis-stage-" + stage + ".hlog")), stage +
                " .hlog intervals hold every measured event");
        }
        assertNotNull(run.line("STAGE name=end_to_end "), run.out());
    }

    @Test
    void echoTargetEchoesSimulatedSegments()
    {
        final CapturedRun run = CapturedRun.of("latency", "--home", CapturedRun.HOME.toString(), "--target", "echo",
            "--workload", "toy", "--toy-pool", "2000", "--seed", "7", "--rate", "20k", "--duration", "1s",
            "--warmup", "500ms", "--grace", "1s");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.results().size(), run.out());
        assertEquals("toy", run.results().get(0).get("workload"));
        assertAllEventsAnswered(run.results().get(0), 20_000);
        assertTrue(run.out().contains("messages echoed        30000"), "echo counters: warm-up plus measured");
    }

    @Test
    void externalTargetFindsARunningDaemonByAeronDirectoryAndPrintsItsShadowLine()
    {
        final String dir = "/dev/shm/l1infer-bench-test-" + ProcessHandle.current().pid();
        final DaemonConfig config = DaemonConfig.load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .overrides(Map.of("l1infer.aeron.dir", dir, "l1infer.ingest.stream", "2001",
                "l1infer.result.stream", "2002", "l1infer.reject.stream", "2002", "l1infer.shadow", "emulator"))
            .home(CapturedRun.HOME).build());
        try (L1inferDaemon daemon = L1inferDaemon.launch(config))
        {
            final CapturedRun run = CapturedRun.of("latency", "--home", CapturedRun.HOME.toString(), "--target",
                "external", "--aeron-dir", dir, "--set", "l1infer.ingest.stream=2001", "--set",
                "l1infer.result.stream=2002", "--set", "l1infer.reject.stream=2002", "--workload", "toy",
                "--toy-pool", "2000", "--rate", "20k", "--duration", "1s", "--warmup", "500ms", "--grace", "1s");
            assertEquals(0, run.exitCode(), run.err());
            assertAllEventsAnswered(run.results().get(0), 20_000);
            assertEquals("external", run.results().get(0).get("target"));
            // Read from the daemon's counters file as for a daemon in another process, after its shadow caught up.
            final String shadow = run.line("SHADOW ");
            assertNotNull(shadow, run.out());
            daemon.drainAndStop();
            assertEquals(30_000, daemon.latencyHistogram().getTotalCount(), "the external daemon did the work");
            assertEquals(daemon.shadowSummary(), shadow);
            assertTrue(shadow.contains(" mismatched=0 "), shadow);
        }
    }

    @Test
    void aDaemonThatIsNotThereIsReportedByItsDirectory()
    {
        final CapturedRun run = CapturedRun.of("latency", "--home", CapturedRun.HOME.toString(), "--target",
            "external", "--aeron-dir", "/dev/shm/l1infer-bench-test-nobody-" + ProcessHandle.current().pid(),
            "--set", "l1infer.driver.timeout=500ms", "--rate", "1k", "--duration", "1s");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("l1infer-bench-test-nobody"), run.err());
    }

    private static String word(final String line, final String key)
    {
        for (final String w : line.split(" "))
        {
            if (w.startsWith(key + "="))
            {
                return w.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + " in " + line);
    }

    /** The number of values in all intervals of an .hlog file. */
    private static long eventsIn(final Path hlog) throws IOException
    {
        long total = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile()))
        {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null)
            {
                total += ((org.HdrHistogram.Histogram)h).getTotalCount();
            }
        }
        return total;
    }

    static void assertAllEventsAnswered(final Map<String, String> r, final long expected)
    {
        for (final String key : KEYS)
        {
            assertNotNull(r.get(key), "RESULT line lacks " + key + ": " + r);
        }
        assertEquals(expected, Long.parseLong(r.get("sent")), r.toString());
        assertEquals(expected, Long.parseLong(r.get("received")), r.toString());
        assertEquals(0, Long.parseLong(r.get("lost")), r.toString());
        assertEquals(0, Long.parseLong(r.get("rejected")), r.toString());
        assertEquals(0, Long.parseLong(r.get("timeouts")), r.toString());
        final double p50 = Double.parseDouble(r.get("p50_us"));
        final double p99 = Double.parseDouble(r.get("p99_us"));
        final double max = Double.parseDouble(r.get("max_us"));
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= max, "percentiles ordered: " + r);
    }
}
