package io.l1infer.bench.cli;

import io.l1infer.bench.latency.BenchSession;
import io.l1infer.bench.latency.BenchTarget;
import io.l1infer.bench.latency.OpenLoopRun;
import io.l1infer.bench.latency.PercentilePlot;
import io.l1infer.bench.latency.ResultLine;
import io.l1infer.bench.latency.RunFiles;
import io.l1infer.bench.latency.RunReport;
import io.l1infer.bench.latency.RunResult;
import io.l1infer.bench.latency.ThesisWorkload;
import io.l1infer.bench.latency.ToyWorkload;
import io.l1infer.config.DaemonConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the README's main job. Checks the engine bit for bit offline, starts the daemon on its defaults,
 * runs the real-data and the simulated workload through it at a fixed rate, runs the echo baseline with the same
 * settings, and prints one comparison, including the seed FPGA host's per-call times.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The main job: bit-exactness check, then the daemon end to end on real and simulated events " +
        "at 100 kHz, against the transport baseline.")
final class DemoCommand implements Callable<Integer>
{
    /** The seed FPGA host's time per inference with OpenCL, one event per call (us). */
    static final double FPGA_HOST_OPENCL_US = 87.19;
    /** The seed FPGA host's time per inference with PYNQ, one event per call (us). */
    static final double FPGA_HOST_PYNQ_US = 89.19;

    @Mixin
    SettingsOptions settings;

    @Mixin
    LoadOptions load;

    @Mixin
    FixedRateOption rate;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
        description = "Measured time of each run (default: 10s).")
    long durationNs;

    @Option(names = "--warmup", defaultValue = "2s", converter = DurationConverter.class,
        description = "Warm-up of each run at the same rate (default: 2s).")
    long warmupNs;

    @Option(names = "--no-baseline", description = "Skip the echo baseline run.")
    boolean noBaseline;

    @Option(names = "--out", description = "Directory for the histogram files and the plot (default: a new " +
        "directory under the system temp directory).")
    Path out;

    @Override
    public Integer call() throws IOException
    {
        final PrintStream console = System.out;
        console.println("== l1infer demo: 1/4 bit-exactness of the CPU engine (offline) ==");
        final boolean bitExact = BitExactnessCheck.run(settings.home, console);

        console.println();
        console.println("== 2/4 workloads ==");
        final DaemonConfig config = settings.config(BenchTarget.Kind.EMBEDDED);
        final ThesisWorkload thesis = load.thesis(config, settings.home, console);
        final ToyWorkload toy = load.toy(console);

        console.println();
        console.printf(Locale.ROOT, "== 3/4 the daemon end to end: %d events/s, %s warm-up + %s measured per " +
            "workload ==%n", rate.perSecond, seconds(warmupNs), seconds(durationNs));
        final List<RunResult> runs = new ArrayList<>();
        final BenchTarget daemon = BenchTarget.start(BenchTarget.Kind.EMBEDDED, config);
        console.println(daemon.describe());
        try (BenchSession session = BenchSession.open(daemon, load.clientOptions(config), console,
            LatencyCommand.CONNECT_TIMEOUT_NS))
        {
            runs.add(session.run(thesis, spec("daemon-thesis")));
            runs.add(session.run(toy, spec("daemon-toy")));
            console.print(session.closeWithReport());
        }
        if (!noBaseline)
        {
            console.println();
            console.println("== 4/4 transport baseline: Aeron echo, same driver, threads, idle strategies ==");
            final BenchTarget echo = BenchTarget.start(BenchTarget.Kind.ECHO, config);
            console.println(echo.describe());
            try (BenchSession session = BenchSession.open(echo, load.clientOptions(config), console,
                LatencyCommand.CONNECT_TIMEOUT_NS))
            {
                runs.add(session.run(thesis, spec("echo-baseline")));
                console.print(session.closeWithReport());
            }
        }

        console.println();
        console.println("== report ==");
        for (final RunResult run : runs)
        {
            console.print(RunReport.text(run));
        }
        console.println();
        console.print(comparison(runs));
        final Path dir = out != null ? out : Files.createTempDirectory("l1infer-demo-");
        RunFiles.write(dir, runs, "l1infer demo: end-to-end latency at " + rate.perSecond + " events/s",
            List.of(new PercentilePlot.Reference("seed FPGA host, OpenCL: 87.19 us per call", FPGA_HOST_OPENCL_US)),
            console);
        for (final RunResult run : runs)
        {
            console.println(ResultLine.format(run));
        }
        boolean clean = true;
        for (final RunResult run : runs)
        {
            clean &= run.clean();
        }
        if (!bitExact)
        {
            console.println("demo FAILED: the engine is not bit-exact against the hls4ml C simulation");
        }
        if (!clean)
        {
            console.println("demo FAILED: a run lost or rejected events or fell behind (see above)");
        }
        return bitExact && clean ? 0 : L1inferBench.EXIT_FAILURE;
    }

    private OpenLoopRun.Spec spec(final String label)
    {
        return load.spec(label, rate.perSecond, warmupNs, durationNs);
    }

    /** The compact table: each run's percentiles, its ratio to the echo baseline, and the FPGA host's numbers. */
    static String comparison(final List<RunResult> runs)
    {
        RunResult echo = null;
        for (final RunResult r : runs)
        {
            if (r.target().equals("echo"))
            {
                echo = r;
            }
        }
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-14s %9s %6s %9s %9s %9s %9s %9s %9s %12s%n", "run (us)", "events",
            "lost", "p50", "p90", "p99", "p99.9", "max", "in-daemon", "p50,p99 /echo"));
        for (final RunResult r : runs)
        {
            final String inDaemon = r.daemonSide().getTotalCount() == 0 ? "-" :
                String.format(Locale.ROOT, "%.1f", r.daemonSide().getValueAtPercentile(50) / 1000.0);
            final String ratio = echo == null || r == echo || echo.percentileUs(50) == 0 ? "-" :
                String.format(Locale.ROOT, "%.2f, %.2f", r.percentileUs(50) / echo.percentileUs(50),
                    r.percentileUs(99) / echo.percentileUs(99));
            sb.append(String.format(Locale.ROOT, "%-14s %9d %6d %9.1f %9.1f %9.1f %9.1f %9.1f %9s %12s%n",
                r.label(), r.sent(), r.lost(), r.percentileUs(50), r.percentileUs(90), r.percentileUs(99),
                r.percentileUs(99.9), r.maxUs(), inDaemon, ratio));
        }
        sb.append("in-daemon: median time from ingest to publish inside the daemon.\n");
        sb.append(String.format(Locale.ROOT, "seed FPGA host (one event per OpenCL/PYNQ call): %.2f us / %.2f us " +
            "per inference, i.e. at most %.0f / %.0f events/s per host thread; a fixed %d events/s stream would " +
            "need %.1f such calls in parallel.%n", FPGA_HOST_OPENCL_US, FPGA_HOST_PYNQ_US, 1e6 / FPGA_HOST_OPENCL_US,
            1e6 / FPGA_HOST_PYNQ_US, runs.isEmpty() ? 0 : runs.get(0).rate(),
            runs.isEmpty() ? 0 : runs.get(0).rate() * FPGA_HOST_OPENCL_US / 1e6));
        sb.append("l1infer's figures are end to end (publisher -> Aeron -> ring -> batch on the CPU engine -> Aeron " +
            "-> publisher) at that fixed rate, measured from each event's intended send time.\n");
        return sb.toString();
    }

    private static String seconds(final long ns)
    {
        return String.format(Locale.ROOT, "%.0f s", ns / 1e9);
    }
}
