package io.l1infer.daemon;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The daemon's agents read time from the clocks they are given, so a test moves time by hand. */
class InjectedClockTest
{
    private static final long INTERVAL_NS = 1_000_000_000L;

    @Test
    void latencyMonitorSnapshotsWhenTheInjectedClockPassesTheInterval()
    {
        final CachedNanoClock nanoClock = new CachedNanoClock();
        nanoClock.update(5_000L);
        final CachedEpochClock epochClock = new CachedEpochClock();
        epochClock.update(1_700_000_000_000L);
        final BatchLatencyRecorder recorder = new BatchLatencyRecorder(10_000_000L, epochClock);
        final LatencyMonitorAgent monitor = new LatencyMonitorAgent(new LatencyMonitorAgent.Context()
            .recorder(recorder)
            .intervalNs(INTERVAL_NS)
            .highestTrackableNs(10_000_000L)
            .errorHandler((ex) -> { })
            .clock(nanoClock)
            .epochClock(epochClock));

        recorder.beginBatch();
        recorder.record(1_000L);
        recorder.endBatch();
        assertEquals(0, monitor.doWork(), "no snapshot before the interval has passed on the injected clock");
        nanoClock.advance(INTERVAL_NS - 1);
        assertEquals(0, monitor.doWork(), "no snapshot one nanosecond before the interval ends");
        nanoClock.advance(1);
        assertEquals(1, monitor.doWork(), "a snapshot once the injected clock reaches the interval");
        assertEquals(1, monitor.lastInterval().getTotalCount());
        assertEquals(0, monitor.doWork(), "the next interval starts at the snapshot's time");
    }
}
