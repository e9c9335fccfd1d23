package io.l1infer.bench.cli;

import picocli.CommandLine.Option;

/** How long {@code latency} measures and warms up, and how it splits that time into alternating rounds. */
final class LatencyRounds
{
    private static final int MAX_ROUNDS = 100;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
        description = "Measured duration (default: 10s).")
    long durationNs;

    @Option(names = "--warmup", defaultValue = "3s", converter = DurationConverter.class,
        description = "Warm-up at the same rate, not measured (default: 3s).")
    long warmupNs;

    @Option(names = "--rounds", defaultValue = "1", description = "Split the measured duration into this many " +
        "rounds that alternate the target and (with --baseline) the echo, so that the machine's slow changes " +
        "fall on both alike; the first round warms up for --warmup, later ones for --round-warmup; a ROUND line " +
        "per round and target, RESULT lines of all rounds together (default: 1, one run each).")
    int rounds;

    @Option(names = "--round-warmup", defaultValue = "1s", converter = DurationConverter.class,
        description = "Warm-up of each round after the first (default: 1s).")
    long roundWarmupNs;

    /** The number of rounds, refused when out of range. */
    int count()
    {
        if (rounds < 1 || rounds > MAX_ROUNDS)
        {
            throw new IllegalArgumentException("--rounds must be 1.." + MAX_ROUNDS + ", got " + rounds);
        }
        return rounds;
    }

    /** The warm-up of a round (0-based): --warmup for the first, --round-warmup for the later ones. */
    long warmupNs(final int round)
    {
        return round == 0 ? warmupNs : roundWarmupNs;
    }

    /** The measured time of a round (0-based): an equal share, the last one taking the remainder. */
    long durationNs(final int round)
    {
        final long roundNs = durationNs / rounds;
        return round == rounds - 1 ? durationNs - roundNs * (rounds - 1) : roundNs;
    }

    /** The suffix of a round's stage labels: none for a single round, "-r1", "-r2", ... otherwise. */
    String suffix(final int round)
    {
        return rounds == 1 ? "" : "-r" + (round + 1);
    }
}
