package io.l1infer.systemtest;

import io.l1infer.daemon.DaemonTestClient;
import io.aeron.Publication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGTERM while a publisher is flooding a real daemon process: every accepted event is answered, exit 0. */
class ShutdownUnderLoadTest
{
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sigtermDrainsEveryAcceptedEventAndExitsZero() throws Exception
    {
        final RealInputs real = new RealInputs();
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-shutdown";
        try (DaemonProcess daemon = DaemonProcess.launcher(Map.of("l1infer.aeron.dir", aeronDir), Map.of()))
        {
            daemon.awaitLine("l1infer daemon ready", 60_000);
            try (DaemonTestClient client = new DaemonTestClient(aeronDir,
                new DaemonTestClient.DaemonTestClientChannels("aeron:ipc", 1001, "aeron:ipc", 1002)))
            {
                long id = 0;
                long sentAfterTerm = 0;
                final long start = System.nanoTime();
                boolean terminated = false;
                // Flood for 3 s, SIGTERM, keep offering while the daemon drains and exits.
                while (daemon.isAlive())
                {
                    final long result = client.offer(client.encodeFeatures(id, real.input(id)));
                    if (result > 0)
                    {
                        id++;
                        sentAfterTerm += terminated ? 1 : 0;
                    }
                    else if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                    {
                        if (!terminated)
                        {
                            daemon.terminate();
                            throw new AssertionError("client publication " + Publication.errorString(result) +
                                " after " + id + " events, before SIGTERM");
                        }
                        break;
                    }
                    client.poll();
                    if (!terminated && System.nanoTime() - start > 3_000_000_000L)
                    {
                        daemon.terminate();
                        terminated = true;
                    }
                }
                final int exit = daemon.awaitExit(60_000);
                for (int i = 0; i < 100; i++)
                {
                    client.poll();
                    Thread.sleep(5);
                }
                assertEquals(0, exit, daemon.output());
                final long accepted = counter(daemon.output(), "events accepted");
                final long received = counter(daemon.output(), "messages received");
                System.out.printf("sent %d (%d after SIGTERM), daemon received %d, accepted %d, answers %d%n",
                    id, sentAfterTerm, received, accepted, client.answers.size());
                assertTrue(accepted > 1000, "too little load to mean anything: " + accepted);
                assertEquals(received, client.answers.size(), "every message the daemon took was answered");
                for (final Map.Entry<Long, DaemonTestClient.Answer> e : client.answers.entrySet())
                {
                    assertFalse(e.getValue().reject(), "event " + e.getKey());
                    assertEquals(real.expected(e.getKey()), e.getValue().raw()[0], "event " + e.getKey());
                }
                assertTrue(daemon.output().contains("every accepted event answered"), daemon.output());
            }
        }
    }

    static long counter(final String output, final String label)
    {
        for (final String line : output.split("\n"))
        {
            final String text = line.replaceFirst("^\\[daemon \\d+\\] ", "").strip();
            if (text.endsWith("l1infer: " + label))
            {
                return Long.parseLong(text.split("\\s+")[0]);
            }
        }
        throw new AssertionError("no counter '" + label + "' in:\n" + output);
    }
}
