package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/** hls4ml's linear activation: a plain conversion of every value to {@code result_t}. */
public record LinearLayer(String name, int size, FixedPointType resultType) implements SameSizeLayer
{
    @Override
    public String kind()
    {
        return "linear";
    }
}
