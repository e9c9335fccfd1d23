package io.l1infer.bench.cli;

import io.l1infer.daemon.L1inferVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code l1infer-bench} command line: offline inference, model tools, simulation and latency benchmarks. */
@Command(
    name = "l1infer-bench",
    mixinStandardHelpOptions = true,
    versionProvider = L1inferVersion.class,
    description = "l1infer benchmarks and tools.",
    subcommands = {
        CompareCommand.class,
        DemoCommand.class,
        EchoServerCommand.class,
        DevicesCommand.class,
        ErrorsCommand.class,
        EvaluateCommand.class,
        InferCommand.class,
        LatencyCommand.class,
        MismatchesCommand.class,
        ModelCommand.class,
        RecordingsCommand.class,
        ReplayCommand.class,
        SimulateCommand.class,
        ThroughputCommand.class,
        TrainCommand.class,
        CommandLine.HelpCommand.class
    })
public final class L1inferBench
{
    /** Exit code when the command itself failed (bad input, I/O): picocli's software-error code. */
    public static final int EXIT_FAILURE = 1;

    public static void main(final String[] args)
    {
        // The percentile plot draws with Java2D; no display is needed or wanted.
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Run without exiting, for tests: returns the exit code. */
    public static int run(final String... args)
    {
        return run(new java.io.PrintWriter(System.err, true), args);
    }

    /** Run without exiting, with error messages going to {@code err}. */
    public static int run(final java.io.PrintWriter err, final String... args)
    {
        return L1inferVersion.applyTo(new CommandLine(new L1inferBench()))
            .setErr(err)
            .setExecutionExceptionHandler((ex, cmd, parsed) ->
            {
                cmd.getErr().println("l1infer-bench " + cmd.getCommandName() + ": " + ex.getMessage());
                return EXIT_FAILURE;
            })
            .execute(args);
    }
}
