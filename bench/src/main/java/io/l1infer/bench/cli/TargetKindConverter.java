package io.l1infer.bench.cli;

import io.l1infer.bench.latency.BenchTarget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** Reads {@code --target}: embedded, external or echo. */
class TargetKindConverter implements ITypeConverter<BenchTarget.Kind>
{
    /** Help text shared by the commands that take {@code --target}. */
    static final String HELP = "embedded (start a daemon in this JVM, default), external (a running daemon, " +
        "found by l1infer.aeron.dir and the channel settings) or echo (Aeron echo with the same settings: the " +
        "transport floor).";

    @Override
    public BenchTarget.Kind convert(final String value)
    {
        return switch (value.strip().toLowerCase(Locale.ROOT))
        {
            case "embedded" -> BenchTarget.Kind.EMBEDDED;
            case "external" -> BenchTarget.Kind.EXTERNAL;
            case "echo" -> BenchTarget.Kind.ECHO;
            default -> throw new TypeConversionException("'" + value + "' is not a target: embedded, external or echo");
        };
    }
}
