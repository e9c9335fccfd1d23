package io.l1infer.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator sees the daemon's counters by name with Aeron's own AeronStat, run as a separate process. */
class AeronStatCountersTest
{
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aeronStatListsTheDaemonCounters() throws Exception
    {
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of()));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] raw = new int[27];
            for (int e = 0; e < 10; e++)
            {
                client.send(client.encodeFeatures(e, raw));
            }
            client.send(3); // truncated
            client.awaitAnswers(11, 10_000);

            final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            final Process process = new ProcessBuilder(java,
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Daeron.dir=" + daemon.aeronDirectory(),
                "-cp", aeronAllJar(), "io.aeron.samples.AeronStat", "watch=false", "type=10[0-9][0-9]")
                .redirectErrorStream(true)
                .start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), output);
            for (final String label : List.of("messages received", "events accepted", "results published",
                "rejects total", "rejects TRUNCATED", "batches", "mean batch size x100", "back-pressure retries",
                "undeliverable results", "ring occupancy", "accelerator errors", "failovers to CPU emulator"))
            {
                assertTrue(output.contains("l1infer: " + label), "AeronStat output lacks '" + label + "':\n" + output);
            }
            assertTrue(output.matches("(?s).*\\s11 - l1infer: messages received.*"), output);
            assertTrue(output.matches("(?s).*\\s1 - l1infer: rejects TRUNCATED.*"), output);
            System.out.println(output);
        }
    }

    private static String aeronAllJar()
    {
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            if (entry.contains("aeron-all"))
            {
                return entry;
            }
        }
        throw new AssertionError("aeron-all is not on the test class path");
    }
}
