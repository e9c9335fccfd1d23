package io.l1infer.config;

/**
 * Turns the trimmed text of one setting into its typed value, or refuses it with a reason.
 *
 * <p>A refusal is an {@link IllegalArgumentException} whose message is a phrase such as
 * {@code "must be a power of two between 2 and 1048576"}: the caller prefixes the key and appends the offending text
 * and where it came from, so the parser never needs to know either.
 *
 * @param <T> the type of the parsed value.
 */
@FunctionalInterface
public interface ValueParser<T>
{
    /**
     * Parse one value.
     *
     * @param text the value with surrounding whitespace removed; may be empty.
     * @return the typed value, never null.
     * @throws IllegalArgumentException with a reason phrase when the text is not acceptable.
     */
    T parse(String text);
}
