package io.l1infer.fpga.hls4ml;

/**
 * One member of a layer's config struct in {@code parameters.h}: a constant ({@code static const unsigned n_in = 27;}),
 * a typedef ({@code typedef bias2_t bias_t;}) or a template alias ({@code using product = nnet::product::mult<...>;}),
 * with its value text as written.
 */
public record Hls4mlConfigField(String name, Kind kind, String valueType, String value, SourceLocation location)
{
    /** What sort of member it is. */
    public enum Kind
    {
        CONSTANT,
        TYPEDEF,
        TEMPLATE_ALIAS
    }
}
