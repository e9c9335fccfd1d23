package io.l1infer.daemon;

import java.io.PrintStream;

/**
 * The daemon's few log lines (start, stop, failover, problems outside the error log) on stdout and stderr; under
 * systemd (JOURNAL_STREAM set: the streams go to the journal) each line starts with its sd-daemon priority prefix
 * so journald files it at error, warning or info. Never called per event.
 */
public final class ServiceLog
{
    /** sd-daemon prefix of an error line. */
    public static final String ERROR = "<3>";
    /** sd-daemon prefix of a warning line. */
    public static final String WARNING = "<4>";
    /** sd-daemon prefix of an informational line. */
    public static final String INFO = "<6>";

    private static final boolean JOURNAL = isSet(System.getenv("JOURNAL_STREAM"));

    private ServiceLog()
    {
    }

    /**
     * Informational text, one or more lines, to stdout.
     *
     * @param text the lines; a trailing newline is not needed.
     */
    public static void info(final String text)
    {
        write(System.out, INFO, text);
    }

    /**
     * A warning, one or more lines, to stderr.
     *
     * @param text the lines.
     */
    public static void warning(final String text)
    {
        write(System.err, WARNING, text);
    }

    /**
     * An error, one or more lines, to stderr.
     *
     * @param text the lines.
     */
    public static void error(final String text)
    {
        write(System.err, ERROR, text);
    }

    /**
     * The text with the prefix on every line when the journal is the destination, else unchanged.
     *
     * @param prefix  one of {@link #ERROR}, {@link #WARNING}, {@link #INFO}.
     * @param text    one or more lines.
     * @param journal whether the output goes to the journal.
     * @return the lines to write, ending in a newline.
     */
    static String format(final String prefix, final String text, final boolean journal)
    {
        final String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (!journal)
        {
            return body + "\n";
        }
        final StringBuilder sb = new StringBuilder(body.length() + 16);
        for (final String line : body.split("\n", -1))
        {
            sb.append(prefix).append(line).append('\n');
        }
        return sb.toString();
    }

    private static void write(final PrintStream out, final String prefix, final String text)
    {
        out.print(format(prefix, text, JOURNAL));
        out.flush();
    }

    private static boolean isSet(final String value)
    {
        return value != null && !value.isEmpty();
    }
}
