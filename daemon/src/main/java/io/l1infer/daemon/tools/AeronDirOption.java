package io.l1infer.daemon.tools;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --aeron-dir} option of the daemon's tools, declared once for both. */
final class AeronDirOption
{
    @Option(names = "--aeron-dir", defaultValue = "/dev/shm/l1infer",
        description = "The daemon's Aeron directory (l1infer.aeron.dir; default ${DEFAULT-VALUE}).")
    Path path;
}
