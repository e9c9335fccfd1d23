package io.l1infer.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code throughput} steps through the rates on one target and reports the highest that passed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThroughputCommandTest
{
    @Test
    void stepsUpAndReportsTheHighestPassingRate()
    {
        final CapturedRun run = CapturedRun.of("throughput", "--home", CapturedRun.HOME.toString(), "--target",
            "echo", "--rates", "5k,10k", "--initial-warmup", "300ms", "--step-duration", "500ms", "--step-warmup",
                "200ms", "--grace", "1s",
            "--p99-bound-us", "60000000");
        assertEquals(0, run.exitCode(), run.err());
        final List<Map<String, String>> steps = run.results();
        assertEquals(2, steps.size(), run.out());
        assertEquals("5000", steps.get(0).get("rate"));
        assertEquals("10000", steps.get(1).get("rate"));
        LatencyCommandTest.assertAllEventsAnswered(steps.get(0), 2_500);
        LatencyCommandTest.assertAllEventsAnswered(steps.get(1), 5_000);
        final String summary = run.line("THROUGHPUT ");
        assertNotNull(summary, run.out());
        assertTrue(summary.contains("max_sustained_rate=10000 "), summary);
        assertTrue(summary.contains("first_failing_rate=0 "), summary);
    }

    @Test
    void aBoundNoRunCanMeetFailsTheFirstStepAndBisectsBelowIt()
    {
        final CapturedRun run = CapturedRun.of("throughput", "--home", CapturedRun.HOME.toString(), "--target",
            "echo", "--rates", "8k,16k", "--initial-warmup", "0s", "--step-duration", "300ms", "--step-warmup",
                "100ms", "--grace", "1s",
            "--p99-bound-us", "0.001", "--refine", "1");
        assertEquals(0, run.exitCode(), run.err());
        final List<Map<String, String>> steps = run.results();
        assertEquals(2, steps.size(), "the failing step, then one bisection step: " + run.out());
        assertEquals("8000", steps.get(0).get("rate"));
        assertEquals("4000", steps.get(1).get("rate"));
        assertTrue(run.line("THROUGHPUT ").contains("max_sustained_rate=0 "), run.out());
        assertTrue(run.out().contains("fail: p99"), run.out());
    }

    @Test
    void ratesMustAscend()
    {
        final CapturedRun run = CapturedRun.of("throughput", "--home", CapturedRun.HOME.toString(), "--target",
            "echo", "--rates", "10k,5k");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--rates must ascend: 5000 after 10000"), run.err());
    }
}
