package io.l1infer.bench.cli;

import io.l1infer.bench.latency.BenchTarget;
import io.l1infer.bench.latency.Workload;
import io.l1infer.config.DaemonConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;

/** What an open-loop command runs against and with: the target, the workload, the settings and the load. */
final class TargetOptions
{
    @Option(names = "--target", defaultValue = "embedded", converter = TargetKindConverter.class,
        description = TargetKindConverter.HELP)
    BenchTarget.Kind kind;

    @Option(names = "--workload", defaultValue = "thesis",
        description = "thesis (the 14,248 real feature vectors, cycled; default) or toy (muon segments from the " +
            "toy simulation).")
    String workloadName;

    @Mixin
    SettingsOptions settings;

    @Mixin
    LoadOptions load;

    /** The effective settings for the target. */
    DaemonConfig config()
    {
        return settings.config(kind);
    }

    /** The workload named by --workload, built for the settings' model. */
    Workload workload(final DaemonConfig config, final PrintStream console)
    {
        return load.workload(workloadName, config, settings.home, console);
    }
}
