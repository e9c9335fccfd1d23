package io.l1infer.bench.cli;

import picocli.CommandLine.Option;

/** The {@code --rate} of every command that sends at one fixed rate. */
final class FixedRateOption
{
    @Option(names = "--rate", defaultValue = "100000", converter = RateConverter.class,
        description = "Events per second of each run, e.g. 100000 or 100k (default: 100000).")
    long perSecond;
}
