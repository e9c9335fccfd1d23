package io.l1infer.daemon;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A histogram log on a full file system (a 256 KiB tmpfs the test mounts) never stops the answers. */
class HistogramLogDiskFullTest
{
    @TempDir
    Path temp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fullDiskIsCountedReportedOnceAndTheLogCatchesUpWhenSpaceReturns() throws Exception
    {
        final Path mount = temp.resolve("small-fs");
        Files.createDirectories(mount);
        requireTmpfs(mount);
        try
        {
            final Path filler = mount.resolve("filler");
            fill(filler);
            final Path log = mount.resolve("latency.hlog");
            final int[][] inputs = DaemonEndToEndTest.readRealInputs();
            final int events = 3000;
            try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of(
                "l1infer.histogram.log", log.toString(), "l1infer.histogram.interval", "100ms")));
                DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                    DaemonTestClient.DaemonTestClientChannels.of(daemon)))
            {
                final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
                client.sendFeatures(inputs, events);
                client.awaitAnswers(events, 60_000);
                for (int e = 0; e < events; e++)
                {
                    assertEquals(expected[e], client.answers.get((long)e).raw()[0], "event " + e);
                }
                DaemonTestClient.awaitTrue(() -> counter(daemon, "histogram log write failures") >= 2, 10_000,
                    "two failed interval writes");
                assertEquals(1, counter(daemon, "errors logged"), "one error per outage");
                assertTrue(!Files.exists(log) || Files.size(log) == 0, "a partial record was left in the log");

                Files.delete(filler);
                final long failuresBefore = counter(daemon, "histogram log write failures");
                DaemonTestClient.awaitTrue(() -> size(log) > 0, 10_000, "the log written once space returned");
                assertTrue(daemon.drainAndStop());
                assertTrue(counter(daemon, "histogram log write failures") <= failuresBefore + 1);
            }
            // Intervals that could not be written were kept and written later: the log holds every event.
            final Histogram all = new Histogram(3);
            try (HistogramLogReader reader = new HistogramLogReader(log.toFile()))
            {
                while (reader.hasNext())
                {
                    all.add((Histogram)reader.nextIntervalHistogram());
                }
            }
            assertEquals(events, all.getTotalCount());
        }
        finally
        {
            // Lazy, so that a file still open by a failed assertion's path cannot leave the mount behind.
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static long counter(final L1inferDaemon daemon, final String label)
    {
        return BackPressureAndFailoverTest.counter(daemon.counterSummary(), label);
    }

    private static long size(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.size(file) : 0;
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    private static void fill(final Path filler) throws IOException
    {
        final byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler))
        {
            for (int i = 0; i < 1024; i++)
            {
                out.write(block);
                out.flush();
            }
            Assertions.fail("the 256 KiB tmpfs did not fill up");
        }
        catch (final IOException expectedNoSpace)
        {
            assertFalse(expectedNoSpace.getMessage() == null && Files.size(filler) == 0, "nothing written");
        }
    }

    /** Mount a 256 KiB tmpfs on {@code dir}: needs root; skipped with one line otherwise, failed under CI=true. */
    private static void requireTmpfs(final Path dir) throws Exception
    {
        final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir.toString())
            .redirectErrorStream(true).start();
        final String output = new String(mount.getInputStream().readAllBytes());
        final boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (!mounted)
        {
            final String why = "HistogramLogDiskFullTest needs root to mount a small tmpfs: " + output.trim();
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                Assertions.fail(why);
            }
            System.err.println("SKIPPED " + why);
            Assumptions.abort(why);
        }
    }
}
