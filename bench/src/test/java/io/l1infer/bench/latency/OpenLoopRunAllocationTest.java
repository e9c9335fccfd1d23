package io.l1infer.bench.latency;

import io.l1infer.client.ClientOptions;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.SettingsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench thread allocates per second (an interval histogram copy, the live line) and per run (the result's
 * copies), never per event: over a 1 s run at 100 kHz against the echo server, allocation beyond those copies stays
 * far below one object per event.
 */
class OpenLoopRunAllocationTest
{
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void allocatesPerSecondNotPerEvent()
    {
        final DaemonConfig config = DaemonConfig.load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .overrides(Map.of("l1infer.aeron.dir", "/dev/shm/l1infer-bench-alloc-" + ProcessHandle.current().pid()))
            .home(Path.of("..").toAbsolutePath().normalize()).build());
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final ToyWorkload workload = ToyWorkload.generate(1000, 3);
        try (BenchSession session = BenchSession.open(BenchTarget.start(BenchTarget.Kind.ECHO, config),
            new ClientOptions(), null, 15_000_000_000L))
        {
            session.run(workload, new OpenLoopRun.Spec("warm", 50_000, 0, 500_000_000L, 1_000_000_000L,
                5_000_000_000L, false));
            final long before = threads.getThreadAllocatedBytes(thread);
            final RunResult run = session.run(workload, new OpenLoopRun.Spec("measured", 100_000, 0,
                1_000_000_000L, 1_000_000_000L, 5_000_000_000L, false));
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            final long histogram = LatencyRecorder.newHistogram().getEstimatedFootprintInBytes();
            System.out.printf("bench thread: %d bytes over %d events (histogram copy %d bytes)%n", allocated,
                run.sent(), histogram);
            assertEquals(100_000, run.sent());
            assertEquals(0, run.lost());
            // Up to three interval copies plus the result's two histogram copies, and slack for the result record.
            // The smallest object is 16 bytes, so one allocation per event would add 1.6 MB here.
            assertTrue(allocated < 5 * histogram + 64 * 1024,
                "bench thread allocated " + allocated + " bytes over " + run.sent() + " events");
        }
    }
}
