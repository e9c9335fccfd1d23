package io.l1infer.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main command, shortened (1 s per run at 20 kHz): every step runs and every event is answered. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DemoCommandTest
{
    @TempDir
    Path temp;

    @Test
    void runsTheCheckBothWorkloadsAndTheBaseline()
    {
        final CapturedRun run = CapturedRun.of("demo", "--home", CapturedRun.HOME.toString(), "--rate", "20k",
            "--duration", "1s", "--warmup", "500ms", "--grace", "1s", "--toy-pool", "2000", "--out",
            temp.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("bit-exact vs hls4ml C simulation: 1000/1000 outputs equal"), run.out());
        final List<Map<String, String>> results = run.results();
        assertEquals(3, results.size(), run.out());
        assertEquals(List.of("thesis", "toy", "thesis"), results.stream().map(r -> r.get("workload")).toList());
        assertEquals(List.of("embedded", "embedded", "echo"), results.stream().map(r -> r.get("target")).toList());
        for (final Map<String, String> r : results)
        {
            LatencyCommandTest.assertAllEventsAnswered(r, 20_000);
        }
        assertTrue(run.out().contains("87.19 us / 89.19 us per inference"), "FPGA host comparison printed");
        assertTrue(run.out().contains("daemon-thesis") && run.out().contains("echo-baseline"), run.out());
        for (final String file : List.of("daemon-thesis.hgrm", "daemon-toy.hlog", "echo-baseline.hgrm",
            "latency-percentiles.png"))
        {
            assertTrue(Files.isRegularFile(temp.resolve(file)), file + " written");
        }
    }
}
