package io.l1infer.config;

import org.agrona.SystemUtil;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations such as {@code 500ms}, {@code 2s} or {@code 10us} as whole nanoseconds, through Agrona's
 * {@link SystemUtil#parseDuration(String, String)}.
 *
 * <p>A thin wrapper remains because the documented form differs from Agrona's: a unit is required (Agrona reads a
 * bare number as nanoseconds, and guessing wrong by a factor of a million is worse than refusing), units are lower
 * case, {@code m} and {@code h} are accepted (Agrona stops at seconds), an overflow is refused (Agrona saturates),
 * and Agrona has no writer of the canonical text {@code --print-config} shows.
 */
public final class DurationText
{
    private static final Pattern FORM = Pattern.compile("([0-9]+)\\s*(ns|us|ms|s|m|h)");
    private static final String[] SUFFIXES = { "ns", "us", "ms", "s", "m", "h" };
    private static final long[] NANOS = {
        1L, 1_000L, 1_000_000L, 1_000_000_000L, TimeUnit.MINUTES.toNanos(1), TimeUnit.HOURS.toNanos(1) };

    /** Human description of the accepted syntax, used in reasons and generated documentation. */
    public static final String SYNTAX = "a whole number with a unit ns, us, ms, s, m or h (e.g. 500ms)";

    private DurationText()
    {
    }

    /**
     * Parse a duration.
     *
     * @param text such as {@code "10us"}.
     * @return the duration in nanoseconds.
     * @throws IllegalArgumentException naming the accepted syntax when the text is not a duration or overflows.
     */
    public static long parseNanos(final String text)
    {
        final Matcher matcher = FORM.matcher(text);
        if (!matcher.matches())
        {
            throw new IllegalArgumentException("must be " + SYNTAX);
        }
        final String digits = matcher.group(1);
        final String unit = matcher.group(2);
        try
        {
            final long nanos = switch (unit)
            {
                case "m" -> Math.multiplyExact(SystemUtil.parseDuration(text, digits + "s"), 60L);
                case "h" -> Math.multiplyExact(SystemUtil.parseDuration(text, digits + "s"), 3600L);
                default -> SystemUtil.parseDuration(text, digits + unit);
            };
            if (nanos == Long.MAX_VALUE)
            {
                throw new ArithmeticException("saturated");
            }
            return nanos;
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("must be a duration that fits in a long of nanoseconds");
        }
    }

    /**
     * Write a duration in the largest unit that represents it exactly, so that it parses back to the same value.
     *
     * @param nanos the duration in nanoseconds, not negative.
     * @return such as {@code "10s"} for 10,000,000,000.
     */
    public static String format(final long nanos)
    {
        for (int i = NANOS.length - 1; i > 0; i--)
        {
            if (nanos != 0 && nanos % NANOS[i] == 0)
            {
                return (nanos / NANOS[i]) + SUFFIXES[i];
            }
        }
        return nanos + SUFFIXES[0];
    }
}
