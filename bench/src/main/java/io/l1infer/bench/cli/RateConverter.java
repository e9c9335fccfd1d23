package io.l1infer.bench.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an event rate such as {@code 100000}, {@code 100k} or {@code 1.5M} (events per second). */
final class RateConverter implements ITypeConverter<Long>
{
    @Override
    public Long convert(final String value)
    {
        return parse(value);
    }

    static long parse(final String value)
    {
        final String text = value.strip();
        double factor = 1;
        String number = text;
        if (text.endsWith("k") || text.endsWith("K"))
        {
            factor = 1e3;
            number = text.substring(0, text.length() - 1);
        }
        else if (text.endsWith("M") || text.endsWith("m"))
        {
            factor = 1e6;
            number = text.substring(0, text.length() - 1);
        }
        final double rate;
        try
        {
            rate = Double.parseDouble(number) * factor;
        }
        catch (final NumberFormatException ex)
        {
            throw new TypeConversionException("'" + value + "' is not a rate (events/s, e.g. 100000, 100k, 1.5M)");
        }
        if (!(rate >= 1) || rate > 100e6 || rate != Math.rint(rate))
        {
            throw new TypeConversionException("'" + value + "': a rate must be a whole number of events/s in " +
                "1..100M");
        }
        return (long)rate;
    }
}
