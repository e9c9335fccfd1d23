package io.l1infer.bench.latency;

/**
 * Sums of each stage's time bucketed by the event's end-to-end latency (log-linear buckets, 1/32 of an octave),
 * so that once the run's p99 is known the share of the tail events' total latency that each stage holds can be read
 * without keeping the events: "above p99" is to the resolution of the bucket holding p99 (about 3%).
 */
final class TailShares
{
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = SUB + (63 - SUB_BITS) * SUB;

    private final long[][] stageSums = new long[Stage.values().length][BUCKETS];
    private final long[] totalSums = new long[BUCKETS];
    private final long[] counts = new long[BUCKETS];

    static int bucket(final long valueNs)
    {
        if (valueNs < SUB)
        {
            return (int)Math.max(0, valueNs);
        }
        final int exponent = 63 - Long.numberOfLeadingZeros(valueNs);
        final int sub = (int)(valueNs >>> (exponent - SUB_BITS)) & (SUB - 1);
        return SUB + (exponent - SUB_BITS) * SUB + sub;
    }

    void reset()
    {
        for (final long[] sums : stageSums)
        {
            java.util.Arrays.fill(sums, 0);
        }
        java.util.Arrays.fill(totalSums, 0);
        java.util.Arrays.fill(counts, 0);
    }

    void add(final long endToEndNs, final Stage[] stages, final long[] stageNs)
    {
        final int b = bucket(endToEndNs);
        counts[b]++;
        totalSums[b] += endToEndNs;
        for (final Stage stage : stages)
        {
            stageSums[stage.ordinal()][b] += stageNs[stage.ordinal()];
        }
    }

    /** Events in the buckets from the one holding {@code thresholdNs} up. */
    long countFrom(final long thresholdNs)
    {
        return sumFrom(counts, thresholdNs);
    }

    /** Total end-to-end time of those events, ns. */
    long totalFrom(final long thresholdNs)
    {
        return sumFrom(totalSums, thresholdNs);
    }

    /** Total time those events spent in {@code stage}, ns. */
    long stageFrom(final Stage stage, final long thresholdNs)
    {
        return sumFrom(stageSums[stage.ordinal()], thresholdNs);
    }

    private static long sumFrom(final long[] values, final long thresholdNs)
    {
        long sum = 0;
        for (int b = bucket(thresholdNs); b < BUCKETS; b++)
        {
            sum += values[b];
        }
        return sum;
    }
}
