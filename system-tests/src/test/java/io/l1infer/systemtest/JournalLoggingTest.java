package io.l1infer.systemtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under systemd (JOURNAL_STREAM set) every line the daemon writes carries its sd-daemon priority, nothing of
 * SLF4J appears, and the systemd STATUS= line names the version; without JOURNAL_STREAM the lines are plain.
 */
class JournalLoggingTest
{
    /** The JVM itself prints this for --add-modules jdk.incubator.vector; the daemon cannot prefix it. */
    private static final String JVM_INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void journalLinesCarryPrioritiesAndStatusNamesTheVersion() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        final Path socket = Path.of("/tmp/l1infer-notify-" + pid + "-journal.sock");
        final String aeronDir = "/dev/shm/l1infer-systest-" + pid + "-journal";
        try (UnixDatagramReceiver receiver = new UnixDatagramReceiver(socket);
            DaemonProcess daemon = DaemonProcess.launcher(
                Map.of("l1infer.aeron.dir", aeronDir, "l1infer.status.interval", "200ms",
                    "l1infer.ring.size", "64", "l1infer.accelerator.max.batch", "64"),
                Map.of("JOURNAL_STREAM", "8:12345", "NOTIFY_SOCKET", socket.toString())))
        {
            daemon.awaitLine("l1infer daemon ready", 60_000);
            final List<UnixDatagramReceiver.TimedMessage> messages = new ArrayList<>();
            receiver.drainFor(1000, messages);
            final String version = System.getProperty("l1infer.version");
            assertTrue(messages.stream().anyMatch(m -> m.text().startsWith("STATUS=l1infer " + version + ": ")),
                "no STATUS= with the version " + version + ": " + messages);
            daemon.terminate();
            assertEquals(0, daemon.awaitExit(30_000), daemon.output());

            final List<String> lines = daemon.lines();
            assertTrue(lines.contains("<6>l1infer daemon ready (version " + version + ")"), daemon.output());
            assertTrue(lines.contains("<6>l1infer daemon stopped: every accepted event answered"), daemon.output());
            for (final String line : lines)
            {
                assertFalse(line.contains("SLF4J"), daemon.output());
                if (!line.equals(JVM_INCUBATOR_WARNING))
                {
                    assertTrue(line.matches("<[346]>.*"), "a line without a priority: '" + line + "'\n" +
                        daemon.output());
                }
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void badConfigurationIsAnErrorLineInTheJournalAndPlainOtherwise() throws Exception
    {
        for (final boolean journal : new boolean[]{ true, false })
        {
            try (DaemonProcess daemon = DaemonProcess.launcher(Map.of("l1infer.ring.size", "1000"),
                journal ? Map.of("JOURNAL_STREAM", "8:12345") : Map.of()))
            {
                assertEquals(2, daemon.awaitExit(30_000), daemon.output());
                final String prefix = journal ? "<3>" : "";
                assertTrue(daemon.lines().contains(prefix + "l1infer-daemon: bad configuration:"), daemon.output());
                assertTrue(daemon.lines().stream().anyMatch(l -> l.startsWith(prefix + "l1infer.ring.size")),
                    daemon.output());
                assertFalse(daemon.output().contains("SLF4J"), daemon.output());
            }
        }
    }
}
