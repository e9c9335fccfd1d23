package io.l1infer.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real feature vectors read from a CSV file with one header line and one event per line of decimal numbers (the
 * layout of {@code shared/data/muon-pt-thesis/inputs.csv}), held as doubles, event-major.
 */
public final class FeatureTable
{
    private final Path source;
    private final List<String> columns;
    private final double[] values;
    private final int events;

    private FeatureTable(final Path source, final List<String> columns, final double[] values, final int events)
    {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.values = values;
        this.events = events;
    }

    /**
     * Read the whole file.
     *
     * @param file            the CSV file.
     * @param expectedColumns the number of features every line must have (the model's input size).
     * @throws IllegalArgumentException naming the file, line and column of any malformed value, or a wrong width.
     * @throws UncheckedIOException     when the file cannot be read.
     */
    public static FeatureTable read(final Path file, final int expectedColumns)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read feature table " + file + ": " + ex.getMessage(), ex);
        }
        if (lines.isEmpty())
        {
            throw new IllegalArgumentException(file + ": empty, expected a header line");
        }
        final List<String> header = List.of(lines.get(0).split(",", -1));
        if (header.size() != expectedColumns)
        {
            throw new IllegalArgumentException(file + ":1: header has " + header.size() + " columns, expected " +
                expectedColumns);
        }
        final double[] values = new double[(lines.size() - 1) * expectedColumns];
        int events = 0;
        for (int l = 1; l < lines.size(); l++)
        {
            final String line = lines.get(l);
            if (line.isBlank())
            {
                continue;
            }
            final String[] parts = line.split(",", -1);
            if (parts.length != expectedColumns)
            {
                throw new IllegalArgumentException(file + ":" + (l + 1) + ": " + parts.length + " columns, expected " +
                    expectedColumns);
            }
            for (int c = 0; c < expectedColumns; c++)
            {
                final double v;
                try
                {
                    v = Double.parseDouble(parts[c].trim());
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException(file + ":" + (l + 1) + ": column '" + header.get(c) +
                        "': not a number: '" + parts[c] + "'");
                }
                if (!Double.isFinite(v))
                {
                    throw new IllegalArgumentException(file + ":" + (l + 1) + ": column '" + header.get(c) +
                        "': not finite: '" + parts[c] + "'");
                }
                values[events * expectedColumns + c] = v;
            }
            events++;
        }
        if (events == 0)
        {
            throw new IllegalArgumentException(file + ": no events after the header");
        }
        final double[] exact = new double[events * expectedColumns];
        System.arraycopy(values, 0, exact, 0, exact.length);
        return new FeatureTable(file, header, exact, events);
    }

    public Path source()
    {
        return source;
    }

    /** Column names from the header line. */
    public List<String> columns()
    {
        return columns;
    }

    public int events()
    {
        return events;
    }

    public int width()
    {
        return columns.size();
    }

    /** Feature {@code column} of event {@code event}. */
    public double value(final int event, final int column)
    {
        return values[event * columns.size() + column];
    }
}
