package io.l1infer.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code echo-server} in a process of its own (this test's class path, the launcher's JVM flags): it says ready,
 * {@code latency --target external} gets every event back from it, and SIGTERM stops it with its counters printed.
 */
class EchoServerCommandTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void echoServerInItsOwnProcessAnswersAnExternalBenchAndStopsOnSigterm() throws IOException, InterruptedException
    {
        final String dir = "/dev/shm/l1infer-echo-server-test-" + ProcessHandle.current().pid();
        final Path log = Files.createTempFile("echo-server", ".log");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process server = new ProcessBuilder(List.of(java, "--add-exports",
            "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            L1inferBench.class.getName(), "echo-server", "--home", CapturedRun.HOME.toString(), "--aeron-dir", dir,
            "--set", "l1infer.ingest.stream=2101", "--set", "l1infer.result.stream=2102", "--set",
            "l1infer.reject.stream=2102"))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try
        {
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.readString(log).contains("l1infer echo server ready"))
            {
                assertTrue(server.isAlive(), "echo-server ended early: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "echo-server not ready: " + Files.readString(log));
                Thread.sleep(100);
            }
            final CapturedRun run = CapturedRun.of("latency", "--home", CapturedRun.HOME.toString(), "--target",
                "external", "--aeron-dir", dir, "--set", "l1infer.ingest.stream=2101", "--set",
                "l1infer.result.stream=2102", "--set", "l1infer.reject.stream=2102", "--workload", "toy",
                "--toy-pool", "2000", "--rate", "20k", "--duration", "1s", "--warmup", "500ms", "--grace", "1s");
            assertEquals(0, run.exitCode(), run.err());
            LatencyCommandTest.assertAllEventsAnswered(run.results().get(0), 20_000);
        }
        finally
        {
            server.destroy();
        }
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "echo-server did not stop on SIGTERM");
        final String out = Files.readString(log);
        assertEquals(143, server.exitValue(), out);
        assertTrue(out.contains("messages echoed        30000"), "counters printed at the end: " + out);
        Files.delete(log);
    }
}
