package io.l1infer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a catalogue as the documents generated from it: the shipped properties file and the Markdown table of a
 * README, so that neither is ever written by hand.
 *
 * <p>Run {@link #REGENERATE_COMMANDS} from the repository root to regenerate both (through Maven, which puts Agrona
 * and Aeron on the class path: the declarations build their values with them).
 */
public final class CatalogueRenderer
{
    /** Line that opens the generated block of a README. */
    public static final String TABLE_BEGIN = "<!-- BEGIN GENERATED SETTINGS TABLE: edit DaemonSettings, not this -->";
    /** Line that closes the generated block of a README. */
    public static final String TABLE_END = "<!-- END GENERATED SETTINGS TABLE -->";

    /** The commands that regenerate the shipped documents, from the repository root. */
    public static final String REGENERATE_COMMANDS =
        "mvn -B -q -pl config compile exec:java -Dexec.mainClass=io.l1infer.config.CatalogueRenderer " +
        "-Dexec.args='properties config/l1infer.properties readme config/README.md'";

    private final SettingCatalogue catalogue;

    /**
     * A renderer of one catalogue.
     *
     * @param catalogue the declared settings.
     */
    public CatalogueRenderer(final SettingCatalogue catalogue)
    {
        this.catalogue = catalogue;
    }

    /**
     * Regenerate a document of the daemon catalogue.
     *
     * @param args pairs of {@code properties FILE} to write the properties file and {@code readme FILE} to replace
     *             the generated block of a Markdown file; with no arguments the properties file goes to stdout.
     * @throws IOException when a file cannot be read or written.
     */
    public static void main(final String[] args) throws IOException
    {
        final CatalogueRenderer renderer = new CatalogueRenderer(DaemonSettings.CATALOGUE);
        if (args.length == 0)
        {
            System.out.print(renderer.renderPropertiesFile());
            return;
        }
        if (args.length % 2 != 0)
        {
            throw new IllegalArgumentException("usage: CatalogueRenderer [properties FILE | readme FILE]...");
        }
        for (int i = 0; i < args.length; i += 2)
        {
            final Path file = Path.of(args[i + 1]);
            switch (args[i])
            {
                case "properties" -> Files.writeString(file, renderer.renderPropertiesFile(), StandardCharsets.UTF_8);
                case "readme" -> Files.writeString(file,
                    renderer.replaceTable(Files.readString(file, StandardCharsets.UTF_8), file.toString()),
                    StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException(
                    args[i] + ": unknown document; usage: CatalogueRenderer [properties FILE | readme FILE]...");
            }
        }
    }

    /**
     * The shipped properties file: a header on precedence and syntax, then every setting at its default with its
     * meaning and accepted values as comments.
     *
     * @return the file content, UTF-8 text with '\n' line ends.
     */
    public String renderPropertiesFile()
    {
        final String prefix = catalogue.prefix();
        final StringBuilder out = new StringBuilder()
            .append("# l1infer daemon settings, every one shown at its default.\n")
            .append("#\n")
            .append("# GENERATED from io.l1infer.config.DaemonSettings; in the source tree do not edit, regenerate:\n")
            .append("#   ").append(REGENERATE_COMMANDS.replace(" -Dexec", " \\\n#     -Dexec")).append('\n')
            .append("#\n")
            .append("# Priority, highest first: command-line overrides, -D").append(prefix)
            .append("KEY=VALUE system properties,\n")
            .append("# this file (--config FILE), the built-in defaults. Unknown ").append(prefix)
            .append("* keys are errors.\n")
            .append("# Relative paths resolve against the ").append(DaemonSettings.HOME_PROPERTY)
            .append(" system property (set by the launchers),\n")
            .append("# else the working directory. Durations need a unit (ns, us, ms, s, m, h); sizes are bytes\n")
            .append("# with an optional k, m or g (binary multiples). This file is read as UTF-8.\n");
        for (final Setting<?> setting : catalogue.settings())
        {
            out.append('\n')
                .append("# ").append(setting.doc()).append('\n')
                .append("# Allowed: ").append(setting.allowedValues()).append('\n')
                .append(setting.key()).append('=').append(escapeValue(setting.defaultText())).append('\n');
        }
        return out.toString();
    }

    /**
     * A Markdown table of every setting: key, default, accepted values and meaning.
     *
     * @return the table, each row ending in '\n'.
     */
    public String renderMarkdownTable()
    {
        final StringBuilder out = new StringBuilder()
            .append("| Key | Default | Allowed | Meaning |\n")
            .append("|---|---|---|---|\n");
        for (final Setting<?> setting : catalogue.settings())
        {
            out.append("| `").append(setting.key()).append("` | ")
                .append(setting.defaultText().isEmpty() ? "(empty)" : "`" + cell(setting.defaultText()) + "`")
                .append(" | ").append(cell(setting.allowedValues()))
                .append(" | ").append(cell(setting.doc()))
                .append(" |\n");
        }
        return out.toString();
    }

    /**
     * Replace the block between {@link #TABLE_BEGIN} and {@link #TABLE_END} with a fresh table.
     *
     * @param markdown the document.
     * @param name     the document's name, for the error message.
     * @return the document with its table regenerated.
     * @throws IllegalArgumentException when the markers are missing or out of order.
     */
    public String replaceTable(final String markdown, final String name)
    {
        final int begin = markdown.indexOf(TABLE_BEGIN);
        final int end = markdown.indexOf(TABLE_END);
        if (begin < 0 || end < begin)
        {
            throw new IllegalArgumentException(
                name + ": needs the lines " + TABLE_BEGIN + " and " + TABLE_END + " in that order");
        }
        return markdown.substring(0, begin) + TABLE_BEGIN + '\n' + renderMarkdownTable() + markdown.substring(end);
    }

    private static String escapeValue(final String value)
    {
        final StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String cell(final String text)
    {
        return text.replace("|", "\\|");
    }
}
