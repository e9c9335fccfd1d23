package io.l1infer.fpga.hls4ml;

import java.util.List;

/**
 * One weight array: its declared element type and length, and its values as the decimal texts of the file the C
 * simulation reads them from ({@code weights/NAME.txt}, or the initialiser of {@code weights/NAME.h} when the
 * project has no text files).
 */
public record Hls4mlWeights(String name, String typeName, String size, List<String> values, SourceLocation location)
{
    public Hls4mlWeights
    {
        values = List.copyOf(values);
    }
}
