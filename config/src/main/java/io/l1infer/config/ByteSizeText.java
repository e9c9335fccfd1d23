package io.l1infer.config;

/**
 * Reads and writes byte counts such as {@code 65536}, {@code 64k}, {@code 16m} or {@code 1g} (binary multiples).
 */
public final class ByteSizeText
{
    private static final char[] SUFFIXES = { 'k', 'm', 'g' };
    private static final long[] MULTIPLIERS = { 1L << 10, 1L << 20, 1L << 30 };

    /** Human description of the accepted syntax, used in reasons and generated documentation. */
    public static final String SYNTAX = "bytes as a whole number, optionally with k, m or g (x1024, x1024^2, x1024^3)";

    private ByteSizeText()
    {
    }

    /**
     * Parse a byte count.
     *
     * @param text such as {@code "16m"}; the suffix is case-insensitive.
     * @return the number of bytes.
     * @throws IllegalArgumentException naming the accepted syntax when the text is not a size or overflows.
     */
    public static long parseBytes(final String text)
    {
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("must be " + SYNTAX);
        }
        final char last = Character.toLowerCase(text.charAt(text.length() - 1));
        long multiplier = 1;
        String digits = text;
        for (int i = 0; i < SUFFIXES.length; i++)
        {
            if (last == SUFFIXES[i])
            {
                multiplier = MULTIPLIERS[i];
                digits = text.substring(0, text.length() - 1).trim();
                break;
            }
        }
        if (!DurationText.isDigits(digits))
        {
            throw new IllegalArgumentException("must be " + SYNTAX);
        }
        try
        {
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("must be a size that fits in a long of bytes");
        }
    }

    /**
     * Write a byte count with the largest suffix that represents it exactly, so that it parses back to the same value.
     *
     * @param bytes the count, not negative.
     * @return such as {@code "16m"} for 16,777,216.
     */
    public static String format(final long bytes)
    {
        for (int i = MULTIPLIERS.length - 1; i >= 0; i--)
        {
            if (bytes != 0 && bytes % MULTIPLIERS[i] == 0)
            {
                return (bytes / MULTIPLIERS[i]) + String.valueOf(SUFFIXES[i]);
            }
        }
        return Long.toString(bytes);
    }
}
