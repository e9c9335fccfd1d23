package io.l1infer.fpga.hls4ml;

/** An array of the top function: a parameter ({@code input_t x[N_INPUT_1_1]}) or a local layer output. */
public record Hls4mlArray(String name, String typeName, String size, SourceLocation location)
{
}
