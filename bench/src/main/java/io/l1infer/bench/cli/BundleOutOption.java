package io.l1infer.bench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --out} option of every command that writes a model bundle. */
class BundleOutOption
{
    @Option(names = "--out", required = true, description = "Directory to write the bundle into.")
    Path out;
}
