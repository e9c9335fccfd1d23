package io.l1infer.bench.cli;

import io.l1infer.bench.latency.BenchTarget;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.SettingsSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daemon settings the bench runs with (file, -D properties, --set), so a bench against an embedded daemon, an
 * external one or the echo server uses literally the same configuration.
 */
final class SettingsOptions
{
    @Option(names = "--config", description = "Daemon properties file (the same file the daemon runs with).")
    Path configFile;

    @Option(names = "--set", description = "Override one daemon setting, e.g. --set l1infer.ring.size=8192 " +
        "(repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--aeron-dir", description = "Shortcut for --set l1infer.aeron.dir=DIR. Embedded and echo " +
        "targets default to a directory of their own under /dev/shm (the driver wipes it), external to the " +
        "daemon's default /dev/shm/l1infer.")
    String aeronDir;

    @Option(names = "--home", defaultValue = "${sys:l1infer.home:-.}",
        description = "Project directory: relative paths in settings, the model and the data resolve here.")
    Path home;

    /** The daemon configuration for a target of this kind. */
    DaemonConfig config(final BenchTarget.Kind target)
    {
        final Map<String, String> all = new LinkedHashMap<>(overrides);
        if (aeronDir != null)
        {
            all.put(DaemonSettings.AERON_DIR.key(), aeronDir);
        }
        final SettingsSource source = source(all);
        if (target != BenchTarget.Kind.EXTERNAL &&
            SettingsSource.DEFAULT_ORIGIN.equals(source.lookup(DaemonSettings.AERON_DIR).origin()))
        {
            // Never wipe the directory of a daemon that may be running on its defaults.
            all.put(DaemonSettings.AERON_DIR.key(), "/dev/shm/l1infer-bench-" + ProcessHandle.current().pid());
            return DaemonConfig.load(source(all));
        }
        return DaemonConfig.load(source);
    }

    private SettingsSource source(final Map<String, String> all)
    {
        return SettingsSource.builder(DaemonSettings.CATALOGUE)
            .systemProperties(System.getProperties())
            .file(configFile)
            .overrides(all)
            .home(home)
            .build();
    }
}
