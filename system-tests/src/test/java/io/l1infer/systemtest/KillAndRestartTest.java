package io.l1infer.systemtest;

import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.l1infer.daemon.DaemonTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a standalone media driver (as the l1infer-mediadriver unit runs it), kill -9 of a daemon and a restart: a
 * client that keeps publishing through it gets its new events answered by the new daemon process.
 */
class KillAndRestartTest
{
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void clientKeepsPublishingAcrossKillMinusNineAndRestart() throws Exception
    {
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-restart";
        final Map<String, String> settings = Map.of("l1infer.aeron.dir", aeronDir, "l1infer.driver.embedded", "false");
        final RealInputs real = new RealInputs();
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            // A killed daemon's subscription holds the ingest stream back until the driver times the client out.
            .clientLivenessTimeoutNs(TimeUnit.SECONDS.toNanos(2))
            .publicationUnblockTimeoutNs(TimeUnit.SECONDS.toNanos(3)));
            DaemonProcess first = DaemonProcess.launcher(settings, Map.of()))
        {
            first.awaitLine("l1infer daemon ready", 60_000);
            try (DaemonTestClient client = new DaemonTestClient(aeronDir,
                new DaemonTestClient.DaemonTestClientChannels("aeron:ipc", 1001, "aeron:ipc", 1002)))
            {
                long id = 0;
                id = publishFor(client, real, id, 1500);
                final long beforeKill = id;
                first.kill();
                first.awaitExit(10_000);
                id = publishFor(client, real, id, 1000); // nobody is listening now
                final long whileDead = id - beforeKill;
                try (DaemonProcess second = DaemonProcess.launcher(settings, Map.of()))
                {
                    second.awaitLine("l1infer daemon ready", 60_000);
                    // The new daemon joins the stream at its current end: events from now on must all be answered.
                    DaemonTestClient.awaitTrue(() -> client.offer(client.encodeFeatures(-1, real.input(0))) > 0,
                        30_000, "the client's publication to reconnect to the new daemon");
                    final long firstAfterRestart = id;
                    id = publishFor(client, real, id, 2000);
                    final long afterRestart = id - firstAfterRestart;
                    final long deadline = System.currentTimeMillis() + 30_000;
                    while (System.currentTimeMillis() < deadline &&
                        answered(client, firstAfterRestart, id) < afterRestart)
                    {
                        client.poll();
                    }
                    assertEquals(afterRestart, answered(client, firstAfterRestart, id),
                        "every event published after the restart is answered");
                    for (long e = firstAfterRestart; e < id; e++)
                    {
                        final DaemonTestClient.Answer a = client.answers.get(e);
                        assertFalse(a.reject(), "event " + e);
                        assertEquals(real.expected(e), a.raw()[0], "event " + e);
                    }
                    System.out.printf("before kill %d published, %d answered; while dead %d published; after " +
                        "restart %d published, all answered%n", beforeKill, answered(client, 0, beforeKill),
                        whileDead, afterRestart);
                    assertTrue(afterRestart > 100);
                    second.terminate();
                    assertEquals(0, second.awaitExit(30_000), second.output());
                }
            }
        }
    }

    private static long publishFor(final DaemonTestClient client, final RealInputs real, final long firstId,
        final long millis)
    {
        long id = firstId;
        final long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end)
        {
            final long result = client.offer(client.encodeFeatures(id, real.input(id)));
            if (result > 0)
            {
                id++;
            }
            else if (result == Publication.CLOSED)
            {
                throw new AssertionError("client publication closed");
            }
            client.poll();
            Thread.onSpinWait();
            if (result > 0 && (id & 63) == 0)
            {
                try
                {
                    Thread.sleep(1); // a steady client, not a flood: about 50k events per second at most
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return id;
    }

    private static long answered(final DaemonTestClient client, final long from, final long to)
    {
        long n = 0;
        for (long e = from; e < to; e++)
        {
            n += client.answers.containsKey(e) ? 1 : 0;
        }
        return n;
    }
}
