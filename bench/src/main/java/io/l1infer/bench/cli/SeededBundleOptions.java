package io.l1infer.bench.cli;

import picocli.CommandLine.Option;

/** The {@code --seed} and {@code --out} of every command that makes a model bundle reproducibly from a seed. */
final class SeededBundleOptions extends BundleOutOption
{
    @Option(names = "--seed", required = true, description = "Seed; the same seed and options give the same bundle.")
    long seed;
}
