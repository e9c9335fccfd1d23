package io.l1infer.fpga.hls4ml;

/** One {@code typedef TEXT NAME;} of {@code defines.h} or a config struct, the text as written. */
public record Hls4mlTypedef(String name, String text, SourceLocation location)
{
}
