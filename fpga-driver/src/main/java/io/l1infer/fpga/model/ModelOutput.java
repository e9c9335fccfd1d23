package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.util.List;

/**
 * The model's output vector: size, raw type, names, and the factor that turns a value into physical units
 * (e.g. pT/200 times 200 gives GeV/c).
 */
public record ModelOutput(int size, FixedPointType type, List<String> names, double scale, String unit)
{
    public ModelOutput
    {
        names = List.copyOf(names);
    }

    /** The physical value of raw output {@code raw}: raw * 2^-F * scale. */
    public double decode(final long raw)
    {
        return type.toDouble(raw) * scale;
    }
}
