package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.util.List;

/** The model's input vector: its size, raw fixed-point type and (optionally) feature names. */
public record ModelInput(int size, FixedPointType type, List<String> features)
{
    public ModelInput
    {
        features = List.copyOf(features);
    }
}
