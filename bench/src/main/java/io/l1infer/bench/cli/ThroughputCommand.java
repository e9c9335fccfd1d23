package io.l1infer.bench.cli;

import io.l1infer.bench.latency.BenchSession;
import io.l1infer.bench.latency.BenchTarget;
import io.l1infer.bench.latency.ResultLine;
import io.l1infer.bench.latency.RunFiles;
import io.l1infer.bench.latency.RunResult;
import io.l1infer.bench.latency.Workload;
import io.l1infer.config.DaemonConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code throughput}: steps the open-loop rate up on one target until a step loses or rejects events, falls behind
 * schedule or has its p99 above the bound, then bisects between the last good and the first bad rate; reports the
 * highest rate sustained.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
    description = "Highest rate the target sustains with no loss and p99 under a bound.")
final class ThroughputCommand implements Callable<Integer>
{
    @Mixin
    TargetOptions target;

    @Option(names = "--rates", split = ",", converter = RateConverter.class,
        defaultValue = "100k,200k,400k,700k,1M,1.5M,2M,3M",
        description = "Rates to step through, ascending (default: ${DEFAULT-VALUE}).")
    List<Long> rates;

    @Option(names = "--p99-bound-us", defaultValue = "5000",
        description = "A step passes only with p99 at or below this, in us (default: ${DEFAULT-VALUE}; this " +
            "2-core machine's echo baseline has a p99 of milliseconds).")
    double p99BoundUs;

    @Option(names = "--step-duration", defaultValue = "3s", converter = DurationConverter.class,
        description = "Measured time per step (default: 3s).")
    long stepNs;

    @Option(names = "--step-warmup", defaultValue = "1s", converter = DurationConverter.class,
        description = "Warm-up per step (default: 1s).")
    long stepWarmupNs;

    @Option(names = "--initial-warmup", defaultValue = "5s", converter = DurationConverter.class,
        description = "Unmeasured run at the first rate before the first step, so JIT compilation of the daemon " +
            "does not fail the first step (default: 5s).")
    long initialWarmupNs;

    @Option(names = "--refine", defaultValue = "2",
        description = "Bisection steps between the last passing and the first failing rate (default: " +
            "${DEFAULT-VALUE}).")
    int refine;

    @Option(names = "--out", description = "Directory for each step's .hgrm and .hlog and one plot of all steps.")
    Path out;

    @Override
    public Integer call()
    {
        checkRates();
        final PrintStream console = System.out;
        final DaemonConfig config = target.config();
        final Workload workload = target.workload(config, console);
        final BenchTarget started = BenchTarget.start(target.kind, config);
        console.println(started.describe());
        final List<RunResult> steps = new ArrayList<>();
        long best = 0;
        long firstBad = 0;
        try (BenchSession session = BenchSession.open(started, target.load.clientOptions(config), console,
            LatencyCommand.CONNECT_TIMEOUT_NS))
        {
            if (initialWarmupNs > 0)
            {
                final RunResult warm = session.run(workload, target.load.spec("initial-warm-up", rates.get(0), 0,
                    initialWarmupNs));
                console.printf(Locale.ROOT, "initial warm-up at %d/s for %.1f s: p99 %.1f us (not judged)%n",
                    rates.get(0), initialWarmupNs / 1e9, warm.percentileUs(99));
            }
            for (final long rate : rates)
            {
                final RunResult step = step(session, workload, rate, console);
                steps.add(step);
                if (!passes(step))
                {
                    firstBad = rate;
                    break;
                }
                best = rate;
            }
            for (int i = 0; i < refine && firstBad > 0 && firstBad - best > Math.max(1000, best / 50); i++)
            {
                final long rate = roundRate((best + firstBad) / 2);
                final RunResult step = step(session, workload, rate, console);
                steps.add(step);
                if (passes(step))
                {
                    best = rate;
                }
                else
                {
                    firstBad = rate;
                }
            }
            console.print(session.closeWithReport());
        }
        console.println();
        console.printf(Locale.ROOT, "%-10s %10s %8s %8s %10s %10s %10s  %s%n", "rate/s", "sent", "lost", "rejected",
            "p50 us", "p99 us", "max us", "verdict");
        for (final RunResult s : steps)
        {
            console.printf(Locale.ROOT, "%-10d %10d %8d %8d %10.1f %10.1f %10.1f  %s%n", s.rate(), s.sent(), s.lost(),
                s.rejected(), s.percentileUs(50), s.percentileUs(99), s.maxUs(), verdict(s));
        }
        if (out != null)
        {
            RunFiles.write(out, steps, "l1infer throughput steps (" + workload.name() + ", " + target.kind.name()
                .toLowerCase(Locale.ROOT) + ")", List.of(), console);
        }
        for (final RunResult s : steps)
        {
            console.println(ResultLine.format(s));
        }
        console.printf(Locale.ROOT, "THROUGHPUT max_sustained_rate=%d p99_bound_us=%.1f first_failing_rate=%d " +
            "target=%s workload=%s%n", best, p99BoundUs, firstBad, started.name(), workload.name());
        return 0;
    }

    private RunResult step(final BenchSession session, final Workload workload, final long rate,
        final PrintStream console)
    {
        final RunResult r = session.run(workload, target.load.spec(session.target().name() + "-" +
            workload.name() + "-" + rate, rate, stepWarmupNs, stepNs));
        console.printf(Locale.ROOT, "step %d/s: %s%n", rate, verdict(r));
        return r;
    }

    boolean passes(final RunResult r)
    {
        return r.clean() && r.percentileUs(99) <= p99BoundUs;
    }

    private String verdict(final RunResult r)
    {
        if (r.fellBehind())
        {
            return "fail: sender fell behind (target not keeping up)";
        }
        if (r.lost() > 0 || r.rejected() > 0)
        {
            return "fail: " + r.lost() + " lost, " + r.rejected() + " rejected";
        }
        if (r.percentileUs(99) > p99BoundUs)
        {
            return String.format(Locale.ROOT, "fail: p99 %.1f us above %.1f us", r.percentileUs(99), p99BoundUs);
        }
        return "pass";
    }

    private void checkRates()
    {
        if (rates.isEmpty())
        {
            throw new IllegalArgumentException("--rates: give at least one rate");
        }
        for (int i = 1; i < rates.size(); i++)
        {
            if (rates.get(i) <= rates.get(i - 1))
            {
                throw new IllegalArgumentException("--rates must ascend: " + rates.get(i) + " after " +
                    rates.get(i - 1));
            }
        }
        if (refine < 0)
        {
            throw new IllegalArgumentException("--refine must be >= 0, got " + refine);
        }
    }

    /** Bisected rates rounded to 1,000 events/s, so they read well. */
    private static long roundRate(final long rate)
    {
        return Math.max(1000, Math.round(rate / 1000.0) * 1000);
    }
}
