package io.l1infer.systemtest;

import io.aeron.Publication;
import io.l1infer.daemon.DaemonTestClient;
import io.l1infer.daemon.L1inferDaemonMain;
import io.l1infer.testsupport.ProjectPaths;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the standalone media driver under load: the daemon notices within its driver timeout, says so and exits
 * with status 3 (systemd restarts it after the driver); once a driver and a daemon are back, every event that was
 * not answered before the kill is answered when the client sends it again.
 */
class MediaDriverLossTest
{
    private static final Map<String, String> NO_BUILD = Map.of("L1INFER_NO_BUILD", "1");
    private static final long DRIVER_TIMEOUT_MS = 2000;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void daemonExitsOnDriverLossAndEveryUnansweredEventIsAnsweredAfterTheRestart() throws Exception
    {
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-driverloss";
        final Map<String, String> settings = Map.of("l1infer.aeron.dir", aeronDir, "l1infer.driver.embedded", "false",
            "l1infer.driver.timeout", DRIVER_TIMEOUT_MS + "ms");
        final RealInputs real = new RealInputs();
        final List<Long> unanswered = new ArrayList<>();
        final long sent;
        long answeredBeforeKill;
        final long noticedMs;
        try (DaemonProcess driver = startDriver(aeronDir, "first");
            DaemonProcess daemon = DaemonProcess.launcher(settings, Map.of()))
        {
            daemon.awaitLine("l1infer daemon ready", 90_000);
            final DaemonTestClient client = new DaemonTestClient(aeronDir,
                new DaemonTestClient.DaemonTestClientChannels("aeron:ipc", 1001, "aeron:ipc", 1002));
            try
            {
                long id = publishFor(client, real, 0, 1500);
                driver.kill();
                final long killedNs = System.nanoTime();
                // The client keeps trying under load until its own publication dies with the driver.
                id = publishFor(client, real, id, 300);
                sent = id;
                final int status = daemon.awaitExit(DRIVER_TIMEOUT_MS + 20_000);
                noticedMs = (System.nanoTime() - killedNs) / 1_000_000;
                assertEquals(L1inferDaemonMain.EXIT_DRIVER_LOST, status, daemon.output());
                assertTrue(daemon.output().contains("media driver lost"), daemon.output());
                answeredBeforeKill = 0;
                for (long e = 0; e < sent; e++)
                {
                    final DaemonTestClient.Answer a = client.answers.get(e);
                    if (a == null)
                    {
                        unanswered.add(e);
                    }
                    else
                    {
                        assertFalse(a.reject(), "event " + e);
                        assertEquals(real.expected(e), a.raw()[0], "event " + e);
                        answeredBeforeKill++;
                    }
                }
            }
            finally
            {
                CloseHelper.quietClose(client);
            }
        }
        try (DaemonProcess driver = startDriver(aeronDir, "second");
            DaemonProcess daemon = DaemonProcess.launcher(settings, Map.of()))
        {
            daemon.awaitLine("l1infer daemon ready", 90_000);
            try (DaemonTestClient client = new DaemonTestClient(aeronDir,
                new DaemonTestClient.DaemonTestClientChannels("aeron:ipc", 1001, "aeron:ipc", 1002)))
            {
                for (final long e : unanswered)
                {
                    client.send(client.encodeFeatures(e, real.input(e)));
                    client.poll();
                }
                client.awaitAnswers(unanswered.size(), 60_000);
                for (final long e : unanswered)
                {
                    final DaemonTestClient.Answer a = client.answers.get(e);
                    assertFalse(a.reject(), "event " + e);
                    assertEquals(real.expected(e), a.raw()[0], "event " + e);
                }
            }
            System.out.printf("driver killed under load: %d events sent, %d answered before the kill, %d " +
                "unanswered and all answered after the restart when sent again; the daemon exited with status %d " +
                "%d ms after the kill (l1infer.driver.timeout %d ms)%n", sent, answeredBeforeKill, unanswered.size(),
                L1inferDaemonMain.EXIT_DRIVER_LOST, noticedMs, DRIVER_TIMEOUT_MS);
            daemon.terminate();
            assertEquals(0, daemon.awaitExit(30_000), daemon.output());
            driver.terminate();
        }
    }

    private DaemonProcess startDriver(final String aeronDir, final String name) throws Exception
    {
        final Properties p = new Properties();
        p.setProperty("aeron.dir", aeronDir);
        p.setProperty("aeron.dir.delete.on.start", "true");
        p.setProperty("aeron.dir.delete.on.shutdown", "true");
        p.setProperty("aeron.threading.mode", "SHARED");
        p.setProperty("aeron.client.liveness.timeout", "2000000000");
        p.setProperty("aeron.publication.unblock.timeout", "3000000000");
        final Path file = work.resolve(name + "-mediadriver.properties");
        try (var out = Files.newBufferedWriter(file))
        {
            p.store(out, "standalone media driver for MediaDriverLossTest");
        }
        final DaemonProcess driver = DaemonProcess.start(List.of(
            ProjectPaths.root().resolve("bin/l1infer-mediadriver").toString(), file.toString()), NO_BUILD);
        final Path cnc = Path.of(aeronDir, "cnc.dat");
        final long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(cnc) || Files.size(cnc) == 0)
        {
            assertTrue(driver.isAlive(), "media driver exited: " + driver.output());
            assertTrue(System.currentTimeMillis() < deadline, "media driver did not start: " + driver.output());
            Thread.sleep(50);
        }
        Thread.sleep(500); // the driver fills in the CnC file after creating it
        return driver;
    }

    private static long publishFor(final DaemonTestClient client, final RealInputs real, final long firstId,
        final long millis)
    {
        long id = firstId;
        final long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end)
        {
            final long result;
            try
            {
                result = client.offer(client.encodeFeatures(id, real.input(id)));
                client.poll();
            }
            catch (final RuntimeException clientClosedWithTheDriver)
            {
                return id;
            }
            if (result > 0)
            {
                id++;
            }
            else if (result == Publication.CLOSED)
            {
                return id;
            }
            if (result > 0 && (id & 63) == 0)
            {
                try
                {
                    Thread.sleep(1); // a steady client: tens of thousands of events per second
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return id;
    }
}
