package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an hls4ml {@code firmware/weights/*.txt} file: decimals separated by commas, each parsed as a C double and
 * converted with the declared type's modes, as the C simulation does.
 */
final class WeightFileReader
{
    private WeightFileReader()
    {
    }

    /**
     * @throws IllegalArgumentException naming the value index and text when a value cannot be read, or the count
     *                                  when it differs from {@code expected}.
     */
    static long[] read(final Path file, final FixedPointType type, final int expected)
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("missing file");
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read: " + ex);
        }
        final String trimmed = text.strip();
        final String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s*,\\s*|\\s+", -1);
        if (parts.length != expected)
        {
            throw new IllegalArgumentException("expected " + expected + " values, found " + parts.length);
        }
        final long[] raw = new long[expected];
        for (int i = 0; i < expected; i++)
        {
            final String part = parts[i];
            final double value;
            try
            {
                value = Double.parseDouble(part);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("value #" + i + " '" + part + "' is not a number");
            }
            if (!Double.isFinite(value) || part.isEmpty() || !isDecimal(part))
            {
                throw new IllegalArgumentException("value #" + i + " '" + part + "' is not a finite decimal");
            }
            raw[i] = type.fromDouble(value);
        }
        return raw;
    }

    /** Java accepts "1f", "0x1p3" and "NaN" that a C strtod of hls4ml output never sees; refuse them. */
    private static boolean isDecimal(final String s)
    {
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
            {
                return false;
            }
        }
        return true;
    }
}
