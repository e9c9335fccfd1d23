package io.l1infer.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration that cannot be used; each line of the message starts with the offending key (or file) and says
 * what is wrong, what was given and where it came from.
 *
 * <p>All problems found in one pass are reported together, so a user fixes them in one edit rather than one
 * restart per mistake.
 */
public final class ConfigException extends RuntimeException
{
    private final List<String> subjects;

    /**
     * One problem.
     *
     * @param subject the key (or file) at fault; the message starts with it.
     * @param detail  what is wrong, such as {@code "must be true or false, got yes (from system property)"}.
     */
    public ConfigException(final String subject, final String detail)
    {
        super(subject + ": " + detail);
        this.subjects = List.of(subject);
    }

    private ConfigException(final List<String> subjects, final String message)
    {
        super(message);
        this.subjects = List.copyOf(subjects);
    }

    /**
     * Combine problems into one exception whose message has one line per problem, in the given order.
     *
     * @param problems at least one problem.
     * @return the single problem itself, or the combination.
     */
    public static ConfigException combine(final List<ConfigException> problems)
    {
        if (problems.isEmpty())
        {
            throw new IllegalArgumentException("no problems to combine");
        }
        if (problems.size() == 1)
        {
            return problems.get(0);
        }
        final List<String> subjects = new ArrayList<>();
        final StringBuilder message = new StringBuilder();
        for (final ConfigException problem : problems)
        {
            subjects.addAll(problem.subjects);
            if (message.length() > 0)
            {
                message.append('\n');
            }
            message.append(problem.getMessage());
        }
        return new ConfigException(subjects, message.toString());
    }

    /**
     * The key (or file) of the first problem.
     *
     * @return the subject the message starts with.
     */
    public String key()
    {
        return subjects.get(0);
    }

    /**
     * The keys (or files) of every problem, in message order.
     *
     * @return an unmodifiable list with at least one element.
     */
    public List<String> keys()
    {
        return subjects;
    }
}
