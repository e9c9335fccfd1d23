package io.l1infer.bench.cli;

import io.l1infer.bench.latency.BenchSession;
import io.l1infer.bench.latency.BenchTarget;
import io.l1infer.bench.latency.ResultLine;
import io.l1infer.bench.latency.RunFiles;
import io.l1infer.bench.latency.RunReport;
import io.l1infer.bench.latency.RunResult;
import io.l1infer.bench.latency.StageBreakdown;
import io.l1infer.bench.latency.StageReport;
import io.l1infer.bench.latency.Workload;
import io.l1infer.bench.latency.HiccupMeter;
import io.l1infer.client.ClientOptions;
import io.l1infer.config.DaemonConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code latency}: an open-loop publisher at a fixed rate against one target (and optionally the echo baseline with
 * the same settings), with live lines, a percentile table, a RESULT line per run and, with --out, the histogram
 * files and a percentile plot.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Open-loop latency at a fixed rate: receive time - intended send time, no coordinated omission.")
final class LatencyCommand implements Callable<Integer>
{
    /** How long a client waits for the target to connect. */
    static final long CONNECT_TIMEOUT_NS = 15_000_000_000L;

    private final List<Long> stageStarts = new ArrayList<>();

    @Mixin
    TargetOptions target;

    @Mixin
    FixedRateOption rate;

    @Mixin
    LatencyRounds length;

    @Option(names = "--baseline", description = "Also run the echo server with the same settings afterwards " +
        "and show both.")
    boolean baseline;

    @Option(names = "--breakdown", description = "Split each answer's latency into stages (send lag, ingest log, " +
        "ring, batch, engine, publish, result log; the echo: send lag and round trip) and print a STAGE line per " +
        "stage: p50, p99, p99.9 and its share of the time of the events above p99; --out adds an .hlog per stage.")
    boolean breakdown;

    @Option(names = "--hiccups", description = "Also measure this machine's own stalls during the runs " +
        "(a thread sleeping 1 ms at a time records its overruns, as jHiccup does).")
    boolean hiccups;

    @Option(names = "--out", description = "Directory for LABEL.hgrm, LABEL.hlog and latency-percentiles.png.")
    Path out;

    @Override
    public Integer call()
    {
        final PrintStream console = System.out;
        final DaemonConfig config = target.config();
        final Workload workload = target.workload(config, console);
        final List<RunResult> runs = new ArrayList<>();
        final HiccupMeter meter = hiccups ? HiccupMeter.start() : null;
        final List<StageReport> stages = new ArrayList<>();
        stageStarts.clear();
        final int rounds = length.count();
        final List<BenchTarget.Kind> kinds = new ArrayList<>(List.of(target.kind));
        if (baseline && target.kind != BenchTarget.Kind.ECHO)
        {
            kinds.add(BenchTarget.Kind.ECHO);
        }
        final List<List<RunResult>> byKind = new ArrayList<>();
        kinds.forEach(kind -> byKind.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < kinds.size(); k++)
            {
                byKind.get(k).add(runOn(kinds.get(k), config, workload, rate.perSecond, length.warmupNs(round),
                    length.durationNs(round), target.load, console, stages, length.suffix(round)));
            }
        }
        for (final List<RunResult> ofKind : byKind)
        {
            runs.add(RunResult.merge(ofKind));
        }
        console.println();
        if (meter != null)
        {
            meter.close();
            console.println(meter.summary());
        }
        for (final RunResult run : runs)
        {
            console.print(RunReport.text(run));
        }
        if (out != null)
        {
            RunFiles.write(out, runs, "l1infer latency at " + rate.perSecond + " events/s (" + workload.name() + ")",
                List.of(), console);
            for (int i = 0; i < stages.size(); i++)
            {
                console.println("stage files: " + stages.get(i).writeLogs(out, stageStarts.get(i)));
            }
        }
        for (final StageReport report : stages)
        {
            report.lines().forEach(console::println);
        }
        if (rounds > 1)
        {
            for (int round = 0; round < rounds; round++)
            {
                for (int k = 0; k < kinds.size(); k++)
                {
                    console.println(ResultLine.round(byKind.get(k).get(round), round + 1));
                }
            }
        }
        for (final RunResult run : runs)
        {
            console.println(ResultLine.format(run));
        }
        return 0;
    }

    /**
     * Start a target, run once on it, print its report, stop it; with --breakdown add its stages, labelled with the
     * suffix, to the list.
     */
    private RunResult runOn(final BenchTarget.Kind kind, final DaemonConfig config, final Workload workload,
        final long rate, final long warmupNs, final long durationNs, final LoadOptions load, final PrintStream console,
        final List<StageReport> stages, final String stageSuffix)
    {
        final BenchTarget target = BenchTarget.start(kind, config);
        console.println(target.describe());
        final ClientOptions options = load.clientOptions(config);
        final StageBreakdown stageBreakdown = breakdown ? new StageBreakdown() : null;
        try (BenchSession session = BenchSession.open(target, options, console, CONNECT_TIMEOUT_NS, stageBreakdown))
        {
            final RunResult run = session.run(workload, load.spec(target.name() + "-" + workload.name(), rate,
                warmupNs, durationNs));
            if (stageBreakdown != null)
            {
                stages.add(stageBreakdown.report(run.label() + stageSuffix));
                stageStarts.add(run.startEpochMs());
            }
            console.print(session.closeWithReport());
            return run;
        }
    }
}
