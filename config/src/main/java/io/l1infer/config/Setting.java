package io.l1infer.config;

import org.agrona.SystemUtil;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One declared setting: its key, its default as text, a one-line meaning, and how its text becomes a typed value.
 *
 * <p>The declaration is the only place a setting is described: the shipped properties file, the README table and
 * {@code --print-config} are all rendered from it. The default is parsed when the setting is declared, so a bad
 * default fails at class initialisation rather than at some user's start-up.
 *
 * @param key           the full property key, such as {@code "l1infer.ring.size"}.
 * @param defaultText   the default as declared; may be empty.
 * @param doc           the one-line meaning.
 * @param allowedValues what values are accepted, derived from the parser's rule, such as
 *                      {@code "a power of two between 2 and 1048576"}.
 * @param parser        turns the trimmed text into a value; {@link #parse(String)} is its checked use.
 * @param formatter     writes a value in canonical form; {@link #format(Object)} is its use.
 * @param resolver      resolves the relative paths a value holds; {@link #resolve(Object, UnaryOperator)} is its use.
 * @param <T>           the type of the parsed value.
 */
public record Setting<T>(
    String key,
    String defaultText,
    String doc,
    String allowedValues,
    ValueParser<T> parser,
    Function<T, String> formatter,
    BiFunction<T, UnaryOperator<Path>, T> resolver)
{
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)+");
    private static final Pattern OCTAL_MASK = Pattern.compile("0?[0-7]{3}");
    private static final char[] SIZE_SUFFIXES = { 'k', 'm', 'g' };

    /**
     * Check the declaration: a key of dot-separated lower-case words, a one-line doc, and a default that parses.
     *
     * @throws IllegalArgumentException naming the key and what is wrong with its declaration.
     */
    public Setting
    {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultText, "defaultText of " + key);
        Objects.requireNonNull(doc, "doc of " + key);
        Objects.requireNonNull(allowedValues, "allowedValues of " + key);
        Objects.requireNonNull(parser, "parser of " + key);
        Objects.requireNonNull(formatter, "formatter of " + key);
        Objects.requireNonNull(resolver, "resolver of " + key);
        if (!KEY.matcher(key).matches())
        {
            throw new IllegalArgumentException(
                key + ": a key must be dot-separated lower-case words, such as l1infer.ring.size");
        }
        if (doc.isBlank() || doc.indexOf('\n') >= 0 || doc.indexOf('\r') >= 0)
        {
            throw new IllegalArgumentException(key + ": the doc must be exactly one non-blank line");
        }
        try
        {
            parse(key, allowedValues, parser, defaultText);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(
                key + ": the declared default " + shown(defaultText) + " is invalid: " + ex.getMessage(), ex);
        }
    }

    /** A setting whose values hold no paths. */
    private Setting(final String key, final String defaultText, final String doc, final String allowedValues,
        final ValueParser<T> parser, final Function<T, String> formatter)
    {
        this(key, defaultText, doc, allowedValues, parser, formatter, (value, paths) -> value);
    }

    /**
     * Any text, including the empty string.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @return the setting.
     */
    public static Setting<String> text(final String key, final String defaultText, final String doc)
    {
        return new Setting<>(key, defaultText, doc, "any text", (text) -> text, Function.identity());
    }

    /**
     * Text that must match a regular expression in full.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @param pattern      the whole text must match this.
     * @param description  what matching text is, completing "must be ...", such as "a C identifier".
     * @return the setting.
     */
    public static Setting<String> matching(
        final String key, final String defaultText, final String doc, final Pattern pattern, final String description)
    {
        return new Setting<>(key, defaultText, doc, description,
            (text) ->
            {
                if (!pattern.matcher(text).matches())
                {
                    throw new IllegalArgumentException("must be " + description);
                }
                return text;
            },
            Function.identity());
    }

    /**
     * A non-empty file system path; {@link #resolve} makes a relative one absolute when a configuration reads it.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @return the setting.
     */
    public static Setting<Path> path(final String key, final String defaultText, final String doc)
    {
        return new Setting<>(key, defaultText, doc, "a path", Setting::parsePath, Path::toString,
            (path, paths) -> paths.apply(path));
    }

    /**
     * A file system path, or the empty text for none; {@link #resolve} makes a relative one absolute.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @return the setting.
     */
    public static Setting<Optional<Path>> optionalPath(final String key, final String defaultText, final String doc)
    {
        return new Setting<>(key, defaultText, doc, "a path, or empty for none",
            (text) -> text.isEmpty() ? Optional.empty() : Optional.of(parsePath(text)),
            (value) -> value.map(Path::toString).orElse(""),
            (value, paths) -> value.map(paths));
    }

    /**
     * An int between inclusive bounds.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @param min          lowest allowed.
     * @param max          highest allowed.
     * @return the setting.
     */
    public static Setting<Integer> intInRange(
        final String key, final String defaultText, final String doc, final int min, final int max)
    {
        final String rule = rangeRule(min, max);
        return new Setting<>(key, defaultText, doc, rule,
            (text) -> (int)checkRange(parseLong(text, rule), min, max, rule), String::valueOf);
    }

    /**
     * An int power of two between inclusive bounds, which should themselves be powers of two.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @param min          lowest allowed.
     * @param max          highest allowed.
     * @return the setting.
     */
    public static Setting<Integer> powerOfTwo(
        final String key, final String defaultText, final String doc, final int min, final int max)
    {
        final String rule = "a power of two between " + min + " and " + max;
        return new Setting<>(key, defaultText, doc, rule,
            (text) ->
            {
                final long value = checkRange(parseLong(text, rule), min, max, rule);
                if (Long.bitCount(value) != 1)
                {
                    throw new IllegalArgumentException("must be " + rule);
                }
                return (int)value;
            },
            String::valueOf);
    }

    /**
     * {@code true} or {@code false}, nothing else: a misspelt boolean must not silently read as false.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @return the setting.
     */
    public static Setting<Boolean> bool(final String key, final String defaultText, final String doc)
    {
        return new Setting<>(key, defaultText, doc, "true | false",
            (text) ->
            {
                return switch (text)
                {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("must be true or false");
                };
            },
            String::valueOf);
    }

    /**
     * One word naming a constant of an enum: the constant's name in lower case with '-' for '_'.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @param type         the enum.
     * @param <E>          the enum type.
     * @return the setting.
     */
    public static <E extends Enum<E>> Setting<E> oneOf(
        final String key, final String defaultText, final String doc, final Class<E> type)
    {
        final StringJoiner words = new StringJoiner(" | ");
        for (final E constant : type.getEnumConstants())
        {
            words.add(word(constant));
        }
        final String rule = words.toString();
        return new Setting<>(key, defaultText, doc, rule,
            (text) ->
            {
                for (final E constant : type.getEnumConstants())
                {
                    if (word(constant).equals(text))
                    {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("must be one of " + rule);
            },
            Setting::word);
    }

    /**
     * A duration with a unit, read as nanoseconds, between inclusive bounds.
     *
     * @param key          the full property key.
     * @param defaultText  the default value, such as {@code "10s"}.
     * @param doc          one-line meaning.
     * @param minNs        shortest allowed, in nanoseconds.
     * @param maxNs        longest allowed, in nanoseconds.
     * @return the setting, whose value is in nanoseconds.
     */
    public static Setting<Long> duration(
        final String key, final String defaultText, final String doc, final long minNs, final long maxNs)
    {
        final String rule = "a duration between " + DurationText.format(minNs) + " and " + DurationText.format(maxNs);
        return new Setting<>(key, defaultText, doc, rule + " (units ns, us, ms, s, m, h)",
            (text) ->
            {
                final long nanos = DurationText.parseNanos(text);
                if (nanos < minNs || nanos > maxNs)
                {
                    throw new IllegalArgumentException("must be " + rule);
                }
                return nanos;
            },
            DurationText::format);
    }

    /**
     * A byte count with an optional k, m or g suffix (binary multiples), read by Agrona's
     * {@link SystemUtil#parseSize(String, String)}, between inclusive bounds, optionally a power of two.
     *
     * <p>The empty text is refused before Agrona sees it (Agrona indexes its last character); Agrona itself refuses
     * signs, fractions, spaces and unknown suffixes with a NumberFormatException, reported as the rule.
     *
     * @param key          the full property key.
     * @param defaultText  the default value, such as {@code "16m"}.
     * @param doc          one-line meaning.
     * @param min          smallest allowed, in bytes.
     * @param max          largest allowed, in bytes.
     * @param powerOfTwo   whether only powers of two are allowed.
     * @return the setting, whose value is in bytes.
     */
    public static Setting<Integer> byteSize(
        final String key,
        final String defaultText,
        final String doc,
        final int min,
        final int max,
        final boolean powerOfTwo)
    {
        final String rule = (powerOfTwo ? "a power of two" : "a size") + " between " +
            formatSize(min) + " and " + formatSize(max) + " bytes";
        return new Setting<>(key, defaultText, doc, rule + " (suffix k, m or g for x1024, x1024^2, x1024^3)",
            (text) ->
            {
                if (text.isEmpty())
                {
                    throw new NumberFormatException("empty");
                }
                final long bytes = SystemUtil.parseSize(key, text);
                if (bytes < min || bytes > max || (powerOfTwo && Long.bitCount(bytes) != 1))
                {
                    throw new IllegalArgumentException("must be " + rule);
                }
                return (int)bytes;
            },
            Setting::formatSize);
    }

    /**
     * An idle strategy of a polling thread, named as {@link ConfiguredIdleStrategy} reads it.
     *
     * @param key          the full property key.
     * @param defaultText  the default value, such as {@code "backoff"}.
     * @param doc          one-line meaning.
     * @return the setting.
     */
    public static Setting<ConfiguredIdleStrategy> idleStrategy(
        final String key, final String defaultText, final String doc)
    {
        return new Setting<>(key, defaultText, doc,
            ConfiguredIdleStrategy.SYNTAX + " (MINPARK, MAXPARK in ns or with a unit)",
            ConfiguredIdleStrategy::parse, ConfiguredIdleStrategy::toString);
    }

    /**
     * One of a fixed list of words, such as a mode another library maps onto its own constants.
     *
     * @param key          the full property key.
     * @param defaultText  the default value, one of the words.
     * @param doc          one-line meaning.
     * @param words        the accepted words, in the order the documentation lists them.
     * @return the setting, whose value is the word.
     */
    public static Setting<String> word(
        final String key, final String defaultText, final String doc, final String... words)
    {
        final List<String> accepted = List.of(words);
        final String rule = String.join(" | ", accepted);
        return new Setting<>(key, defaultText, doc, rule,
            (text) ->
            {
                if (!accepted.contains(text))
                {
                    throw new IllegalArgumentException("must be one of " + rule);
                }
                return text;
            },
            Function.identity());
    }

    /**
     * Text that must match a regular expression in full, or the empty text for none.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @param pattern      a non-empty text must match this.
     * @param description  what matching text is, completing "must be ...", ending in ", or empty".
     * @return the setting.
     */
    public static Setting<Optional<String>> optionalMatching(
        final String key, final String defaultText, final String doc, final Pattern pattern, final String description)
    {
        return optionalMatching(key, defaultText, doc, pattern, description, Function.identity(), Function.identity());
    }

    /**
     * A file mode mask of three octal digits with an optional leading 0, or the empty text for none.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @return the setting, whose value is the mask (07 for {@code 0007}); written back with four digits.
     */
    public static Setting<Optional<Integer>> optionalOctalMask(
        final String key, final String defaultText, final String doc)
    {
        return optionalMatching(key, defaultText, doc, OCTAL_MASK, "an octal mask such as 0007, or empty",
            (text) -> Integer.parseInt(text, 8), (mask) -> String.format(Locale.ROOT, "%04o", mask));
    }

    private static <T> Setting<Optional<T>> optionalMatching(
        final String key,
        final String defaultText,
        final String doc,
        final Pattern pattern,
        final String description,
        final Function<String, T> convert,
        final Function<T, String> format)
    {
        return new Setting<>(key, defaultText, doc, description,
            (text) ->
            {
                if (text.isEmpty())
                {
                    return Optional.empty();
                }
                if (!pattern.matcher(text).matches())
                {
                    throw new IllegalArgumentException("must be " + description);
                }
                return Optional.of(convert.apply(text));
            },
            (value) -> value.map(format).orElse(""));
    }

    /**
     * An inclusive integer range {@code FROM..TO} that must lie within bounds.
     *
     * @param key          the full property key.
     * @param defaultText  the default value, such as {@code "-2..2"}.
     * @param doc          one-line meaning.
     * @param bounds       the range every value must lie within.
     * @return the setting.
     */
    public static Setting<IntRange> intRange(
        final String key, final String defaultText, final String doc, final IntRange bounds)
    {
        final String rule = "FROM..TO with " + bounds.from() + " <= FROM <= TO <= " + bounds.to();
        return new Setting<>(key, defaultText, doc, rule,
            (text) ->
            {
                final IntRange range = IntRange.parse(text);
                if (!bounds.contains(range))
                {
                    throw new IllegalArgumentException("must be " + rule);
                }
                return range;
            },
            IntRange::toString);
    }

    /**
     * A TCP listen address ({@link ListenAddress#parse}), or the empty text for none.
     *
     * @param key          the full property key.
     * @param defaultText  the default value.
     * @param doc          one-line meaning.
     * @return the setting.
     */
    public static Setting<Optional<ListenAddress>> optionalListenAddress(
        final String key, final String defaultText, final String doc)
    {
        return new Setting<>(key, defaultText, doc, ListenAddress.SYNTAX,
            (text) -> text.isBlank() ? Optional.empty() : Optional.of(ListenAddress.parse(text)),
            (value) -> value.map(ListenAddress::toString).orElse(""));
    }

    /**
     * The parsed default, parsed again on each call: only a bad value's fallback and tests ask for it, and the
     * constructor has already checked that it parses.
     *
     * @return the value of {@link #defaultText()}.
     */
    public T defaultValue()
    {
        return parse(defaultText);
    }

    /**
     * Parse text into a value of this setting.
     *
     * @param text the raw text; surrounding whitespace is ignored.
     * @return the value.
     * @throws IllegalArgumentException with a reason phrase when the text is not acceptable.
     */
    public T parse(final String text)
    {
        return parse(key, allowedValues, parser, text);
    }

    /**
     * Write a value in canonical form, which {@link #parse(String)} reads back to an equal value.
     *
     * @param value a value of this setting.
     * @return the text.
     */
    public String format(final T value)
    {
        return formatter.apply(value);
    }

    /**
     * Resolve the relative paths a value holds; values without paths are returned as they are.
     *
     * @param value a value of this setting.
     * @param paths resolves one path, such as against the installation directory.
     * @return the value with its paths resolved.
     */
    public T resolve(final T value, final UnaryOperator<Path> paths)
    {
        return resolver.apply(value, paths);
    }

    /** The key alone: a record's default would list the parser, formatter and resolver as lambda class names. */
    @Override
    public String toString()
    {
        return key;
    }

    /** The checked parse, static so that the compact constructor can parse the default before the fields are set. */
    private static <T> T parse(
        final String key, final String allowedValues, final ValueParser<T> parser, final String text)
    {
        final T value;
        try
        {
            value = parser.parse(text.strip());
        }
        catch (final NumberFormatException | InvalidPathException ex)
        {
            throw new IllegalArgumentException("must be " + allowedValues, ex);
        }
        if (value == null)
        {
            throw new IllegalStateException(key + ": parser returned null");
        }
        return value;
    }

    /** Bytes with the largest of the suffixes k, m, g that is exact, so that the text parses back the same. */
    static String formatSize(final long bytes)
    {
        for (int i = SIZE_SUFFIXES.length - 1; i >= 0; i--)
        {
            final long multiple = 1L << (10 * (i + 1));
            if (bytes != 0 && bytes % multiple == 0)
            {
                return (bytes / multiple) + String.valueOf(SIZE_SUFFIXES[i]);
            }
        }
        return Long.toString(bytes);
    }

    static String shown(final String text)
    {
        return text.isEmpty() ? "an empty value" : text;
    }

    private static String word(final Enum<?> constant)
    {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Path parsePath(final String text)
    {
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("must be a non-empty path");
        }
        try
        {
            return Path.of(text);
        }
        catch (final InvalidPathException ex)
        {
            throw new IllegalArgumentException("must be a valid path (" + ex.getReason() + ")", ex);
        }
    }

    private static long parseLong(final String text, final String rule)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("must be " + rule, ex);
        }
    }

    private static long checkRange(final long value, final long min, final long max, final String rule)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException("must be " + rule);
        }
        return value;
    }

    private static String rangeRule(final int min, final int max)
    {
        if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE)
        {
            return "an integer";
        }
        if (max == Integer.MAX_VALUE)
        {
            return "an integer >= " + min;
        }
        if (min == Integer.MIN_VALUE)
        {
            return "an integer <= " + max;
        }
        return "an integer between " + min + " and " + max;
    }
}
