package io.l1infer.systemtest;

import io.l1infer.daemon.DaemonTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sd_notify protocol as systemd sees it, through a Unix datagram socket bound by the test as NOTIFY_SOCKET:
 * READY, then WATCHDOG pings, STATUS lines, STOPPING on SIGTERM; and no pings while the accelerator is stuck.
 */
class SystemdNotifyTest
{
    private static final long WATCHDOG_USEC = 400_000; // pings every 200 ms

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readyThenWatchdogPingsThenStoppingOnSigterm() throws Exception
    {
        final Path socket = Path.of("/tmp/l1infer-notify-" + ProcessHandle.current().pid() + "-a.sock");
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-notify";
        try (UnixDatagramReceiver receiver = new UnixDatagramReceiver(socket);
            DaemonProcess daemon = DaemonProcess.launcher(
                Map.of("l1infer.aeron.dir", aeronDir, "l1infer.status.interval", "500ms"),
                Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", Long.toString(WATCHDOG_USEC))))
        {
            final List<UnixDatagramReceiver.TimedMessage> messages = new ArrayList<>();
            final long deadline = System.currentTimeMillis() + 60_000;
            while (count(messages, "WATCHDOG=1") < 5 && System.currentTimeMillis() < deadline)
            {
                receiver.drainFor(200, messages);
            }
            final int ready = indexOf(messages, "READY=1");
            assertTrue(ready >= 0, "no READY=1: " + messages + "\n" + daemon.output());
            assertTrue(count(messages, "WATCHDOG=1") >= 5, "too few pings: " + messages);
            assertTrue(indexOf(messages, "WATCHDOG=1") > ready, "a ping before READY: " + messages);
            assertTrue(daemon.output().contains("l1infer daemon ready"), daemon.output());
            receiver.drainFor(600, messages);
            assertTrue(messages.stream().anyMatch(m -> m.text().startsWith("STATUS=") &&
                m.text().contains("results/s")), "no STATUS line: " + messages);

            daemon.terminate();
            receiver.drainFor(1500, messages);
            assertTrue(indexOf(messages, "STOPPING=1") > ready, "no STOPPING=1: " + messages);
            assertEquals(0, daemon.awaitExit(30_000), daemon.output());
            System.out.println("notify messages: " + messages.stream().map(UnixDatagramReceiver.TimedMessage::text)
                .distinct().toList());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void watchdogPingsStopWhileTheAcceleratorIsStuckAndTheProcessStaysUp() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        final Path socket = Path.of("/tmp/l1infer-notify-" + pid + "-b.sock");
        final Path trigger = Path.of("target/stuck-" + pid).toAbsolutePath();
        final String aeronDir = "/dev/shm/l1infer-systest-" + pid + "-stuck";
        Files.deleteIfExists(trigger);
        try (UnixDatagramReceiver receiver = new UnixDatagramReceiver(socket);
            DaemonProcess daemon = DaemonProcess.java(StuckAcceleratorDaemonMain.class,
                List.of(trigger.toString(), "l1infer.aeron.dir=" + aeronDir, "l1infer.watchdog.stall=500ms"),
                Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", Long.toString(WATCHDOG_USEC))))
        {
            final List<UnixDatagramReceiver.TimedMessage> messages = new ArrayList<>();
            final long deadline = System.currentTimeMillis() + 60_000;
            while (count(messages, "WATCHDOG=1") < 3 && System.currentTimeMillis() < deadline)
            {
                receiver.drainFor(200, messages);
            }
            assertTrue(count(messages, "WATCHDOG=1") >= 3, "no pings before the stall: " + messages);

            Files.createFile(trigger);
            try (DaemonTestClient client = new DaemonTestClient(aeronDir,
                new DaemonTestClient.DaemonTestClientChannels("aeron:ipc", 1001, "aeron:ipc", 1002)))
            {
                client.send(client.encodeFeatures(1, new int[27])); // the owner now hangs in launch()
                final long stuckSince = System.nanoTime();
                final List<UnixDatagramReceiver.TimedMessage> stuck = new ArrayList<>();
                receiver.drainFor(3000, stuck);
                // Allow pings within the 500 ms stall limit (plus one interval), none after it.
                final long quietAfter = stuckSince + 500_000_000L + WATCHDOG_USEC * 1000 / 2 + 200_000_000L;
                final long late = stuck.stream()
                    .filter(m -> m.text().equals("WATCHDOG=1") && m.nanoTime() > quietAfter).count();
                assertEquals(0, late, "watchdog pings went on while the accelerator was stuck: " + stuck);
                assertTrue(daemon.isAlive(), "the process should stay up; systemd is the one to restart it");
                assertTrue(stuck.stream().anyMatch(m -> m.text().contains("ACCELERATOR OWNER STALLED")),
                    "STATUS should say the owner stalled: " + stuck);

                Files.delete(trigger); // the device recovers: the event is answered and pings resume
                client.awaitAnswers(1, 10_000);
                final List<UnixDatagramReceiver.TimedMessage> after = new ArrayList<>();
                receiver.drainFor(1500, after);
                assertTrue(count(after, "WATCHDOG=1") >= 2, "pings did not resume: " + after);
            }
            daemon.terminate();
            assertEquals(0, daemon.awaitExit(30_000), daemon.output());
        }
        finally
        {
            Files.deleteIfExists(trigger);
        }
    }

    private static long count(final List<UnixDatagramReceiver.TimedMessage> messages, final String text)
    {
        return messages.stream().filter(m -> m.text().equals(text)).count();
    }

    private static int indexOf(final List<UnixDatagramReceiver.TimedMessage> messages, final String text)
    {
        for (int i = 0; i < messages.size(); i++)
        {
            if (messages.get(i).text().equals(text))
            {
                return i;
            }
        }
        return -1;
    }
}
