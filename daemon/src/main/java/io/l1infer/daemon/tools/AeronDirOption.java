package io.l1infer.daemon.tools;

import io.l1infer.config.DaemonSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --aeron-dir} option of every tool that reads a running daemon's Aeron directory, declared once. */
public final class AeronDirOption
{
    // The default is the daemon's own: a tool run without the option reads a daemon on its default settings.
    @Option(names = "--aeron-dir",
        description = "The daemon's Aeron directory (l1infer.aeron.dir; default ${DEFAULT-VALUE}).")
    Path path = DaemonSettings.AERON_DIR.defaultValue();

    /** The directory given, or the daemon's default. */
    public Path path()
    {
        return path;
    }
}
