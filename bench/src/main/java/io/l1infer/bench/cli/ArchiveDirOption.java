package io.l1infer.bench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --archive-dir} option of every command that reads a recording daemon's archive. */
final class ArchiveDirOption
{
    @Option(names = "--archive-dir", required = true, description = "The recording daemon's l1infer.archive.dir.")
    Path path;
}
