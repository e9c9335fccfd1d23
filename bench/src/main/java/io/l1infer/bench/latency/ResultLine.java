package io.l1infer.bench.latency;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one machine-readable line per run:
 * {@code RESULT rate=R sent=S received=N lost=L rejected=J p50_us=.. p90_us=.. p99_us=.. p999_us=.. p9999_us=..
 * max_us=..}, then {@code target=.. workload=.. timeouts=.. max_send_lag_us=.. sender_gaps=.. sender_gap_ms=..}.
 * Space-separated key=value pairs, latencies in microseconds with one decimal.
 */
public final class ResultLine
{
    /** The first word of the line. */
    public static final String PREFIX = "RESULT";

    private ResultLine()
    {
    }

    /** The line for a run. */
    public static String format(final RunResult r)
    {
        return String.format(Locale.ROOT,
            "%s rate=%d sent=%d received=%d lost=%d rejected=%d p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f " +
            "p9999_us=%.1f max_us=%.1f target=%s workload=%s timeouts=%d max_send_lag_us=%.1f sender_gaps=%d " +
            "sender_gap_ms=%.1f",
            PREFIX, r.rate(), r.sent(), r.received(), r.lost(), r.rejected(), r.percentileUs(50), r.percentileUs(90),
            r.percentileUs(99), r.percentileUs(99.9), r.percentileUs(99.99), r.maxUs(), r.target(), r.workload(),
            r.timeouts(), r.maxSendLagNs() / 1000.0, r.senderGaps(), r.senderGapNs() / 1e6);
    }

    /**
     * The line for one round of a run split into rounds: {@code ROUND target=.. round=N sent=.. received=.. lost=..
     * p50_us=.. p90_us=.. p99_us=.. p999_us=.. max_us=.. max_send_lag_us=.. sender_gaps=.. sender_gap_ms=..}, not read
     * by {@link #parse}.
     */
    public static String round(final RunResult r, final int round)
    {
        return String.format(Locale.ROOT,
            "ROUND target=%s round=%d sent=%d received=%d lost=%d p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f " +
            "max_us=%.1f max_send_lag_us=%.1f sender_gaps=%d sender_gap_ms=%.1f", r.target(), round, r.sent(),
            r.received(), r.lost(), r.percentileUs(50), r.percentileUs(90), r.percentileUs(99), r.percentileUs(99.9),
            r.maxUs(), r.maxSendLagNs() / 1000.0, r.senderGaps(), r.senderGapNs() / 1e6);
    }

    /**
     * Read a line back.
     *
     * @param line a line written by {@link #format}.
     * @return the keys and values in order.
     * @throws IllegalArgumentException naming the part that is not a key=value pair, or a missing prefix.
     */
    public static Map<String, String> parse(final String line)
    {
        final String[] words = line.strip().split(" +");
        if (words.length == 0 || !words[0].equals(PREFIX))
        {
            throw new IllegalArgumentException("not a RESULT line: '" + line + "'");
        }
        final Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++)
        {
            final int eq = words[i].indexOf('=');
            if (eq <= 0 || eq == words[i].length() - 1)
            {
                throw new IllegalArgumentException("RESULT line word " + i + " '" + words[i] + "' is not key=value");
            }
            values.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return values;
    }
}
