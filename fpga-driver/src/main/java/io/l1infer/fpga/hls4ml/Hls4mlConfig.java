package io.l1infer.fpga.hls4ml;

import java.util.Map;

/** One config struct of {@code parameters.h}, e.g. {@code struct config2 : nnet::dense_config { ... };}. */
public record Hls4mlConfig(String name, String base, Map<String, Hls4mlConfigField> fields, SourceLocation location)
{
    public Hls4mlConfig
    {
        fields = Map.copyOf(fields);
    }

    /** The member {@code field}, or null when the struct does not declare it (the base struct's default applies). */
    public Hls4mlConfigField field(final String field)
    {
        return fields.get(field);
    }
}
