package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/** hls4ml's ReLU: {@code res = data > 0 ? data converted to result_t : 0}. */
public record ReluLayer(String name, int size, FixedPointType resultType) implements SameSizeLayer
{
    @Override
    public String kind()
    {
        return "relu";
    }
}
