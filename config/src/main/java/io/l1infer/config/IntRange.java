package io.l1infer.config;

/**
 * An inclusive range of integers such as the detector wheels {@code -2..2} or sectors {@code 1..12}.
 *
 * @param from the lowest member.
 * @param to   the highest member, not below {@code from}.
 */
public record IntRange(int from, int to)
{
    /** Human description of the accepted syntax, used in reasons and generated documentation. */
    public static final String SYNTAX = "FROM..TO (inclusive, FROM <= TO) or a single integer";

    /**
     * Validate the bounds.
     *
     * @throws IllegalArgumentException when {@code from > to}.
     */
    public IntRange
    {
        if (from > to)
        {
            throw new IllegalArgumentException("must have FROM <= TO in FROM..TO");
        }
    }

    /**
     * Parse {@code "FROM..TO"} or a single integer {@code "N"} meaning {@code N..N}.
     *
     * @param text such as {@code "-2..2"}.
     * @return the range.
     * @throws IllegalArgumentException naming the accepted syntax when the text is not a range.
     */
    public static IntRange parse(final String text)
    {
        final int dots = text.indexOf("..");
        try
        {
            if (dots < 0)
            {
                final int single = Integer.parseInt(text.trim());
                return new IntRange(single, single);
            }
            return new IntRange(
                Integer.parseInt(text.substring(0, dots).trim()),
                Integer.parseInt(text.substring(dots + 2).trim()));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("must be " + SYNTAX);
        }
    }

    /**
     * Whether a value lies in the range.
     *
     * @param value to test.
     * @return true when {@code from <= value <= to}.
     */
    public boolean contains(final int value)
    {
        return value >= from && value <= to;
    }

    /**
     * Whether another range lies entirely inside this one.
     *
     * @param other range to test.
     * @return true when every member of {@code other} is a member of this range.
     */
    public boolean contains(final IntRange other)
    {
        return other.from >= from && other.to <= to;
    }

    /**
     * The number of members.
     *
     * @return {@code to - from + 1}, as a long because the full int range has 2^32 members.
     */
    public long size()
    {
        return (long)to - from + 1;
    }

    /** The canonical text, which {@link #parse(String)} reads back. */
    @Override
    public String toString()
    {
        return from + ".." + to;
    }
}
