package io.l1infer.bench.cli;

import io.l1infer.bench.echo.EchoServer;
import io.l1infer.bench.latency.BenchTarget;
import io.l1infer.config.DaemonConfig;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code echo-server}: the echo baseline as a process of its own, with the daemon's configuration (its defaults,
 * file, -D properties and --set, so the same embedded driver, threads and idle strategies), until SIGINT or SIGTERM;
 * {@code latency --target external} then measures it exactly as it measures a daemon in its own process.
 */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
    description = "Run the echo server (transport baseline) in this process with the daemon's settings until " +
        "SIGINT or SIGTERM; measure it with latency --target external --aeron-dir DIR.")
final class EchoServerCommand implements Callable<Integer>
{
    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call()
    {
        // EXTERNAL: like the daemon, the echo runs on the configured directory (default /dev/shm/l1infer).
        final DaemonConfig config = settings.config(BenchTarget.Kind.EXTERNAL);
        // The barrier's shutdown hook holds the JVM's exit until it is closed: the server is closed and its report
        // printed first (the process then ends with the signal's status, 143 for SIGTERM).
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(); EchoServer server = EchoServer.launch(config))
        {
            System.out.println(server.describe());
            System.out.println("l1infer echo server ready");
            barrier.await();
            System.out.println("l1infer echo server stopping");
            System.out.print(server.report());
            System.out.flush();
        }
        return 0;
    }
}
