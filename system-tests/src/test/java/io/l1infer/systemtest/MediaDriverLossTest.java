package io.l1infer.systemtest;

import io.l1infer.client.DaemonEndpoint;
import io.l1infer.client.RejectView;
import io.l1infer.client.ResultListener;
import io.l1infer.client.ResultView;
import io.l1infer.client.RoutedDaemon;
import io.l1infer.client.RoutingClient;
import io.l1infer.client.RoutingOptions;
import io.l1infer.client.RoutingPolicy;
import io.l1infer.client.SendOutcome;
import io.l1infer.daemon.L1inferDaemonMain;
import io.l1infer.testsupport.ProjectPaths;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the standalone media driver under load: the daemon notices within its driver timeout, says so and exits
 * with status 3 (systemd restarts it after the driver); the client library's routing client loses its Aeron client
 * with the driver, connects a new one when a driver is back and re-sends what is unanswered, so that one client
 * instance gets an answer to every event it sent.
 */
class MediaDriverLossTest
{
    private static final Map<String, String> NO_BUILD = Map.of("L1INFER_NO_BUILD", "1");
    private static final long DRIVER_TIMEOUT_MS = 2000;
    private static final long SOURCE_ID = 7;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void daemonExitsOnDriverLossAndTheSameClientHasEveryEventAnsweredAfterTheRestart() throws Exception
    {
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-driverloss";
        final Map<String, String> settings = Map.of("l1infer.aeron.dir", aeronDir, "l1infer.driver.embedded", "false",
            "l1infer.driver.timeout", DRIVER_TIMEOUT_MS + "ms");
        final RealInputs real = new RealInputs();
        final Answers answers = new Answers();
        // Long enough for a driver and a daemon to come back on a loaded host.
        final RoutingOptions options = new RoutingOptions(RoutingPolicy.LEAST_IN_FLIGHT)
            .requestTimeoutNs(TimeUnit.SECONDS.toNanos(200))
            .driverTimeoutNs(TimeUnit.MILLISECONDS.toNanos(DRIVER_TIMEOUT_MS));
        final List<RoutedDaemon> daemons = List.of(RoutedDaemon.of("daemon",
            new DaemonEndpoint("", "aeron:ipc", 1001, "aeron:ipc", 1002, 1002)));
        final long sent;
        final long answeredBeforeRestart;
        final long noticedMs;
        RoutingClient client = null;
        try
        {
            try (DaemonProcess driver = startDriver(aeronDir, "first");
                DaemonProcess daemon = DaemonProcess.launcher(settings, Map.of()))
            {
                daemon.awaitLine("l1infer daemon ready", 90_000);
                client = RoutingClient.connect(aeronDir, daemons, options, answers);
                assertTrue(client.awaitConnected(1, TimeUnit.SECONDS.toNanos(30)), "client not connected");
                long id = publishFor(client, real, 0, 1500);
                driver.kill();
                final long killedNs = System.nanoTime();
                // The client keeps trying under load; its sends answer NOT_CONNECTED once the driver is gone.
                id = publishFor(client, real, id, 300);
                sent = id;
                final int status = daemon.awaitExit(DRIVER_TIMEOUT_MS + 20_000);
                noticedMs = (System.nanoTime() - killedNs) / 1_000_000;
                assertEquals(L1inferDaemonMain.EXIT_DRIVER_LOST, status, daemon.output());
                assertTrue(daemon.output().contains("media driver lost"), daemon.output());
                client.poll();
                answeredBeforeRestart = answers.results.size();
            }
            // As systemd would: the driver first, then the daemon.
            try (DaemonProcess driver = startDriver(aeronDir, "second");
                DaemonProcess daemon = DaemonProcess.launcher(settings, Map.of()))
            {
                daemon.awaitLine("l1infer daemon ready", 90_000);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                // Until every event is accounted for and the client is on the new driver: when every event was
                // answered before the daemon exited (IPC data needs no driver), only the reconnect is left.
                while ((answers.results.size() + answers.rejects + answers.timeouts < sent ||
                    client.reconnects() == 0) && System.nanoTime() < deadline)
                {
                    if (client.poll() == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                assertEquals(0, answers.timeouts, "timeouts");
                assertEquals(0, answers.rejects, "rejects");
                assertEquals(0, answers.repeated, "answers delivered twice");
                for (long e = 0; e < sent; e++)
                {
                    final Integer raw = answers.results.get(e);
                    assertTrue(raw != null, "event " + e + " of " + sent + " never answered");
                    assertEquals(real.expected(e), raw.intValue(), "event " + e);
                }
                assertTrue(client.reconnects() >= 1, "the client never reconnected");
                System.out.printf("driver killed under load: %d events sent by one RoutingClient, %d answered " +
                    "before the restart, all %d answered to the same client after it (%d reconnect, %d re-sends, " +
                    "%d duplicates dropped); the daemon exited with status %d %d ms after the kill " +
                    "(l1infer.driver.timeout %d ms)%n", sent, answeredBeforeRestart, sent, client.reconnects(),
                    client.statistics().resends(), client.statistics().duplicates(),
                    L1inferDaemonMain.EXIT_DRIVER_LOST, noticedMs, DRIVER_TIMEOUT_MS);
                CloseHelper.close(client);
                client = null;
                daemon.terminate();
                assertEquals(0, daemon.awaitExit(30_000), daemon.output());
                driver.terminate();
            }
        }
        finally
        {
            CloseHelper.quietClose(client);
        }
    }

    /** What the listener got: the raw output of each answered event, and counts of everything else. */
    private static final class Answers implements ResultListener
    {
        final Map<Long, Integer> results = new HashMap<>();
        long rejects;
        long timeouts;
        long repeated;

        @Override
        public void onResult(final ResultView result)
        {
            if (results.put(result.eventId(), result.outputRaw(0)) != null)
            {
                repeated++;
            }
        }

        @Override
        public void onReject(final RejectView reject)
        {
            rejects++;
        }

        @Override
        public void onTimeout(final long sourceId, final long eventId, final long sendTimeNs)
        {
            timeouts++;
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

    private static long publishFor(final RoutingClient client, final RealInputs real, final long firstId,
        final long millis)
    {
        long id = firstId;
        final long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end)
        {
            final int[] input = real.input(id);
            if (client.sendFeatures(SOURCE_ID, id, System.nanoTime(), input, 0, input.length) == SendOutcome.SENT)
            {
                id++;
                if ((id & 63) == 0)
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
            client.poll();
        }
        return id;
    }
}
