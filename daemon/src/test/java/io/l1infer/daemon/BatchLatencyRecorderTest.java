package io.l1infer.daemon;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The owner's batch recorder: intervals hold exactly what was recorded, with the injected clock's time stamps. */
class BatchLatencyRecorderTest
{
    private static final long HIGHEST = 10_000_000L;

    @Test
    void intervalsHoldTheValuesRecordedSinceTheLastSwapWithClockTimeStamps()
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(1_000L);
        final BatchLatencyRecorder recorder = new BatchLatencyRecorder(HIGHEST, clock);
        recordBatch(recorder, 100, 200, 300);
        recordBatch(recorder, 400);
        clock.update(2_000L);
        final Histogram first = recorder.intervalHistogram(null);
        assertEquals(4, first.getTotalCount());
        assertEquals(400, first.getMaxValue());
        assertEquals(1_000L, first.getStartTimeStamp());
        assertEquals(2_000L, first.getEndTimeStamp());

        recordBatch(recorder, HIGHEST);
        clock.update(3_000L);
        final Histogram second = recorder.intervalHistogram(null);
        assertEquals(1, second.getTotalCount());
        assertEquals(2_000L, second.getStartTimeStamp());
        assertEquals(3_000L, second.getEndTimeStamp());

        clock.update(4_000L);
        final Histogram third = recorder.intervalHistogram(first);
        assertEquals(0, third.getTotalCount(), "nothing recorded in the third interval");
        final Histogram fourth = recorder.intervalHistogram(second);
        assertSame(first, fourth, "the recycled histogram became the active one, emptied");
        assertEquals(0, fourth.getTotalCount());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void noValueIsLostOrCountedTwiceWhileTheMonitorSwapsConcurrently() throws InterruptedException
    {
        final long seed = Long.getLong("l1infer.test.seed", 15L);
        final SplittableRandom random = new SplittableRandom(seed);
        final BatchLatencyRecorder recorder = new BatchLatencyRecorder(HIGHEST, new CachedEpochClock());
        final AtomicBoolean done = new AtomicBoolean();
        final Histogram seen = new Histogram(HIGHEST, 3);
        final Thread monitor = new Thread(() ->
        {
            Histogram interval = recorder.intervalHistogram(null);
            while (!done.get())
            {
                seen.add(interval);
                interval = recorder.intervalHistogram(interval);
            }
            seen.add(interval);
            seen.add(recorder.intervalHistogram(interval));
        }, "monitor");
        monitor.start();
        final Histogram recorded = new Histogram(HIGHEST, 3);
        for (int batch = 0; batch < 20_000; batch++)
        {
            recorder.beginBatch();
            for (int i = random.nextInt(1, 40); i > 0; i--)
            {
                final long value = random.nextLong(1, HIGHEST);
                recorder.record(value);
                recorded.recordValue(value);
            }
            recorder.endBatch();
        }
        done.set(true);
        monitor.join();
        assertEquals(recorded, seen, "seed " + seed);
    }

    private static void recordBatch(final BatchLatencyRecorder recorder, final long... values)
    {
        recorder.beginBatch();
        for (final long value : values)
        {
            recorder.record(value);
        }
        recorder.endBatch();
    }
}
