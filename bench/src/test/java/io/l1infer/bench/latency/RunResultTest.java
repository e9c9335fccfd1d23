package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merging the rounds of one target: counts and histograms add up, mixed targets are refused. */
class RunResultTest
{
    @Test
    void roundsOfOneTargetAddUp()
    {
        final RunResult a = run("embedded", 100, 7, 1_000, false, 2.0);
        final RunResult b = run("embedded", 300, 3, 5_000, true, 4.0);
        final RunResult merged = RunResult.merge(List.of(a, b));
        assertEquals(400, merged.sent());
        assertEquals(400, merged.received());
        assertEquals(400, merged.histogram().getTotalCount());
        assertEquals(Math.max(a.histogram().getMaxValue(), b.histogram().getMaxValue()),
            merged.histogram().getMaxValue());
        assertEquals(5_000, merged.maxSendLagNs());
        assertTrue(merged.fellBehind());
        assertEquals(2, merged.senderGaps());
        assertEquals(6_000, merged.senderGapNs());
        assertEquals((100 * 2.0 + 300 * 4.0) / 400, merged.meanBatchSize(), 1e-12);
        assertEquals(2, merged.intervals().size());
        assertEquals(a.label(), merged.label());
    }

    @Test
    void differentTargetsAreNotMerged()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> RunResult.merge(List.of(run("embedded", 1, 1, 1, false, 1), run("echo", 1, 1, 1, false, 1))));
        assertTrue(ex.getMessage().contains("echo"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunResult.merge(List.of()));
    }

    private static RunResult run(final String target, final int events, final long latencyUs, final long lagNs,
        final boolean behind, final double batch)
    {
        final Histogram h = new Histogram(3);
        for (int i = 0; i < events; i++)
        {
            h.recordValue(latencyUs * 1000 + i);
        }
        return new RunResult(target + "-toy", target, "toy", 1000, events, events, 0, 0, 0, 0, lagNs, behind, 1, lagNs,
            h, new Histogram(3), batch, List.of(h.copy()), 0, "");
    }
}
