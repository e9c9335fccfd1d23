package io.l1infer.bench.latency;

import io.l1infer.client.ClientOptions;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.SettingsSource;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short real run (5,000 measured toy events at 10 kHz) against an embedded daemon and against the echo: for every
 * event the stage times add up to its end-to-end time exactly (tolerance 0 ns: every stage is the difference of two
 * timestamps of the same monotonic clock on one host, so the sum telescopes), no stage is negative (the daemon's
 * stamps are in path order), and the recorded histograms keep the identity to their resolution (the sum of the
 * stage means within 2% + 1 us of the end-to-end mean; the stage histograms have 2 significant digits). No timing
 * is asserted.
 */
class StageBreakdownTest
{
    private static final int MEASURED = 5_000;

    private long observed;
    private long mismatched;
    private long negative;
    private String firstProblem;

    private void check(final long eventId, final long endToEndNs, final Stage[] stages, final long[] stageNs)
    {
        observed++;
        long sum = 0;
        for (final Stage stage : stages)
        {
            sum += stageNs[stage.ordinal()];
            if (stageNs[stage.ordinal()] < 0)
            {
                negative++;
                problem(eventId, endToEndNs, stages, stageNs);
            }
        }
        if (sum != endToEndNs)
        {
            mismatched++;
            problem(eventId, endToEndNs, stages, stageNs);
        }
    }

    private void problem(final long eventId, final long endToEndNs, final Stage[] stages, final long[] stageNs)
    {
        if (firstProblem == null)
        {
            firstProblem = "event " + eventId + " end to end " + endToEndNs + " ns, stages " + Arrays.toString(stages) +
                " = " + Arrays.toString(stageNs);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BenchTarget.Kind.class, names = { "EMBEDDED", "ECHO" })
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void stageTimesAddUpToTheEndToEndTimeOfEveryEvent(final BenchTarget.Kind kind)
    {
        final DaemonConfig config = DaemonConfig.load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .overrides(Map.of("l1infer.aeron.dir", "/dev/shm/l1infer-bench-stages-" + ProcessHandle.current().pid()))
            .home(Path.of("..").toAbsolutePath().normalize()).build());
        final StageBreakdown breakdown = new StageBreakdown(this::check);
        final RunResult run;
        final StageReport report;
        try (BenchSession session = BenchSession.open(BenchTarget.start(kind, config), new ClientOptions(), null,
            15_000_000_000L, breakdown))
        {
            run = session.run(ToyWorkload.generate(1000, 3), new OpenLoopRun.Spec("stages", 10_000, 200_000_000L,
                MEASURED * 100_000L, 1_000_000_000L, 5_000_000_000L, false));
            report = breakdown.report(run.label());
        }
        assertEquals(MEASURED, run.received(), "every measured event answered: " + run);
        assertEquals(MEASURED, observed, "every measured answer broken down");
        assertEquals(0, mismatched, "stage sums differing from the end-to-end time; first: " + firstProblem);
        assertEquals(0, negative, "negative stage times; first: " + firstProblem);

        final Stage[] expected = kind == BenchTarget.Kind.ECHO ? Stage.ECHO : Stage.DAEMON;
        assertArrayEquals(Arrays.stream(expected).map(Stage::label).toArray(),
            report.rows().stream().map(StageReport.Row::name).toArray());
        double meanSum = 0;
        double shareSum = 0;
        for (final StageReport.Row row : report.rows())
        {
            assertEquals(MEASURED, row.histogram().getTotalCount(), row.name());
            meanSum += row.histogram().getMean();
            shareSum += row.tailShare();
        }
        final Histogram endToEnd = report.endToEnd();
        assertEquals(MEASURED, endToEnd.getTotalCount());
        assertTrue(Math.abs(meanSum - endToEnd.getMean()) <= 0.02 * endToEnd.getMean() + 1000,
            "sum of stage means " + meanSum + " ns against the end-to-end mean " + endToEnd.getMean() + " ns");
        assertEquals(1.0, shareSum, 1e-9, "the stages' tail shares add up to the whole tail");
        assertTrue(report.tailEvents() >= MEASURED / 100, "the tail holds at least 1% of the events");

        final List<String> lines = report.lines();
        assertEquals(expected.length + 1, lines.size(), String.join("\n", lines));
        for (final String line : lines)
        {
            assertTrue(line.matches("STAGE name=[a-z_]+ p50_us=[0-9.]+ p99_us=[0-9.]+ p999_us=[0-9.]+ " +
                "share_above_p99=[0-9.]+ tail_mean_us=[0-9.]+ tail_events=[0-9]+ run=stages"), line);
        }
    }
}
