package io.l1infer.muon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CSV table of 27-feature rows (a header line, then one event per line, features in model order), such as
 * the real thesis inputs; column names are not checked because tables name the same features differently.
 */
public final class FeatureTableCsv
{
    /** Receives each row; the array is reused for the next row, so copy what must be kept. */
    @FunctionalInterface
    public interface RowConsumer
    {
        void accept(double[] features, int lineNumber);
    }

    private FeatureTableCsv()
    {
    }

    /**
     * Streams every data row of {@code file} to {@code consumer}.
     *
     * @return the number of data rows.
     * @throws IllegalArgumentException naming the file, line and column of the first malformed value.
     */
    public static int forEachRow(final Path file, final RowConsumer consumer)
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII))
        {
            final String header = reader.readLine();
            if (header == null)
            {
                throw new IllegalArgumentException(file + ": empty file, expected a header line");
            }
            final String[] names = header.split(",", -1);
            if (names.length != MuonFeatures.FEATURE_COUNT)
            {
                throw new IllegalArgumentException(file + ":1: header has " + names.length + " columns, expected "
                    + MuonFeatures.FEATURE_COUNT);
            }
            final double[] row = new double[MuonFeatures.FEATURE_COUNT];
            int lineNumber = 1;
            int rows = 0;
            String line;
            while ((line = reader.readLine()) != null)
            {
                lineNumber++;
                if (line.isEmpty())
                {
                    continue;
                }
                parseRow(file, lineNumber, line, names, row);
                consumer.accept(row, lineNumber);
                rows++;
            }
            return rows;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read feature table " + file, ex);
        }
    }

    private static void parseRow(
        final Path file, final int lineNumber, final String line, final String[] names, final double[] row)
    {
        int start = 0;
        for (int column = 0; column < MuonFeatures.FEATURE_COUNT; column++)
        {
            final int comma = line.indexOf(',', start);
            final boolean last = column == MuonFeatures.FEATURE_COUNT - 1;
            if (last ? comma >= 0 : comma < 0)
            {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": expected "
                    + MuonFeatures.FEATURE_COUNT + " comma-separated values");
            }
            final String text = last ? line.substring(start) : line.substring(start, comma);
            try
            {
                row[column] = Double.parseDouble(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": column " + (column + 1) + " ("
                    + names[column] + ") is not a number: '" + text + "'", ex);
            }
            if (!Double.isFinite(row[column]))
            {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": column " + (column + 1) + " ("
                    + names[column] + ") is not finite: '" + text + "'");
            }
            start = comma + 1;
        }
    }
}
