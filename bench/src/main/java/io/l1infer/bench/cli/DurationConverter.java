package io.l1infer.bench.cli;

import io.l1infer.config.DurationText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration option such as {@code 10s} or {@code 500ms} into nanoseconds. */
final class DurationConverter implements ITypeConverter<Long>
{
    @Override
    public Long convert(final String value)
    {
        try
        {
            return DurationText.parseNanos(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TypeConversionException("'" + value + "' is not a duration: " + DurationText.SYNTAX);
        }
    }
}
