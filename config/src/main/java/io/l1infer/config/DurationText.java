package io.l1infer.config;

/**
 * Reads and writes durations such as {@code 500ms}, {@code 2s} or {@code 10us} as whole nanoseconds.
 *
 * <p>A unit is required because a bare number is ambiguous between nanoseconds, milliseconds and seconds, and
 * guessing wrong by a factor of a million is worse than refusing.
 */
public final class DurationText
{
    /** Units accepted, ascending; "ns", "us" and "ms" come before "s" so that "5ms" matches "ms", not "s". */
    private static final String[] SUFFIXES = { "ns", "us", "ms", "s", "m", "h" };
    private static final long[] NANOS = {
        1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L };

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
        for (int i = 0; i < SUFFIXES.length; i++)
        {
            final String suffix = SUFFIXES[i];
            if (text.endsWith(suffix))
            {
                final String digits = text.substring(0, text.length() - suffix.length()).trim();
                if (!isDigits(digits))
                {
                    break;
                }
                try
                {
                    return Math.multiplyExact(Long.parseLong(digits), NANOS[i]);
                }
                catch (final ArithmeticException | NumberFormatException ex)
                {
                    throw new IllegalArgumentException("must be a duration that fits in a long of nanoseconds");
                }
            }
        }
        throw new IllegalArgumentException("must be " + SYNTAX);
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

    static boolean isDigits(final String text)
    {
        if (text.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }
}
