package io.l1infer.bench.latency;

import java.util.Locale;

/** How the bench writes latencies for people: microseconds, one decimal below 100 us. */
public final class LatencyFormat
{
    private LatencyFormat()
    {
    }

    /** Nanoseconds as microseconds with a unit, such as {@code 8.1us} or {@code 2100us}. */
    public static String us(final long ns)
    {
        return number(ns / 1000.0) + "us";
    }

    /** Microseconds without a unit, one decimal below 100. */
    public static String number(final double us)
    {
        return us < 100 ? String.format(Locale.ROOT, "%.1f", us) : String.format(Locale.ROOT, "%.0f", us);
    }
}
