package io.l1infer.bench.cli;

import io.l1infer.bench.latency.OpenLoopRun;
import io.l1infer.bench.latency.ThesisWorkload;
import io.l1infer.bench.latency.ToyWorkload;
import io.l1infer.bench.latency.Workload;
import io.l1infer.client.ClientOptions;
import io.l1infer.config.DaemonConfig;
import io.l1infer.fpga.model.ModelBundle;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import static io.l1infer.config.DaemonSettings.DRIVER_TIMEOUT;
import static io.l1infer.config.DaemonSettings.MODEL_DIR;

/** How the open-loop publisher builds its workloads and behaves: inputs, toy pool, timeouts, idling. */
final class LoadOptions
{
    @Option(names = "--inputs", description = "Feature table for the thesis workload (default: the shipped " +
        "data/muon-pt-thesis/inputs.csv under --home).")
    Path inputs;

    @Option(names = "--toy-pool", defaultValue = "65536",
        description = "Accepted toy events simulated before the run and cycled (default: ${DEFAULT-VALUE}).")
    int toyPool;

    @Option(names = "--seed", defaultValue = "1", description = "Toy simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
        description = "A request unanswered this long counts as lost (default: 10s).")
    long timeoutNs;

    @Option(names = "--grace", defaultValue = "2s", converter = DurationConverter.class,
        description = "After the last send, wait for answers until none arrived for this long (default: 2s).")
    long graceNs;

    @Option(names = "--max-lag", defaultValue = "5s", converter = DurationConverter.class,
        description = "Stop a run whose sender falls this far behind schedule (default: 5s).")
    long maxLagNs;

    @Option(names = "--idle", defaultValue = "yield",
        description = "What the bench thread does when it has nothing to send or receive: yield (default) or " +
            "spin (holds a core).")
    String idle;

    @Option(names = "--burst", defaultValue = "1", description = "Events sent back to back with one intended send " +
        "time, burst/rate s apart: the backlog a stall of burst/rate leaves (default: ${DEFAULT-VALUE}).")
    int burst;

    /** A run of these options' grace, max lag, idling and burst; a bad --idle is refused here, before the run. */
    OpenLoopRun.Spec spec(final String label, final long rate, final long warmupNs, final long durationNs)
    {
        return new OpenLoopRun.Spec(label, rate, warmupNs, durationNs, graceNs, maxLagNs, spinIdle(), burst);
    }

    private boolean spinIdle()
    {
        return switch (idle.strip().toLowerCase(Locale.ROOT))
        {
            case "spin" -> true;
            case "yield" -> false;
            default -> throw new IllegalArgumentException("--idle must be yield or spin, got '" + idle + "'");
        };
    }

    ClientOptions clientOptions(final DaemonConfig config)
    {
        return new ClientOptions().requestTimeoutNs(timeoutNs).driverTimeoutNs(config.get(DRIVER_TIMEOUT));
    }

    /** Build the named workload (the toy pool is simulated here, before any timing). */
    Workload workload(final String workload, final DaemonConfig config, final Path home, final PrintStream out)
    {
        return switch (workload.strip().toLowerCase(Locale.ROOT))
        {
            case "thesis" -> thesis(config, home, out);
            case "toy" -> toy(out);
            default -> throw new IllegalArgumentException("--workload must be thesis or toy, got '" + workload + "'");
        };
    }

    ThesisWorkload thesis(final DaemonConfig config, final Path home, final PrintStream out)
    {
        final Path file = inputs != null ? inputs : home.resolve("data/muon-pt-thesis/inputs.csv");
        final ThesisWorkload w = ThesisWorkload.load(file, ModelBundle.load(config.get(MODEL_DIR)));
        out.printf(Locale.ROOT, "workload thesis: %d real feature vectors from %s%n", w.size(), file);
        return w;
    }

    ToyWorkload toy(final PrintStream out)
    {
        final long start = System.nanoTime();
        final ToyWorkload w = ToyWorkload.generate(toyPool, seed);
        out.printf(Locale.ROOT, "workload toy: %d accepted simulated events (seed %d) in %.1f s%n", w.size(), seed,
            (System.nanoTime() - start) / 1e9);
        return w;
    }
}
