package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's {@code hard_sigmoid} and {@code hard_tanh} ({@link HardFunction}): {@code s = slope * x + shift}
 * clamped to [0, 1], result {@code res_T(s)} or {@code res_T(2 * s - 1)}.
 *
 * <p>From the project, hls4ml 0.8 and later ({@link TemplateGeneration#V0_8}, {@link TemplateGeneration#V1}): the
 * config (a struct with {@code static const slope_t slope; static const shift_t shift;} and their definitions
 * {@code const slope_t config::slope = 0.2;}) gives {@code slope}, {@code slopeType}, {@code shift},
 * {@code shiftType}; {@code s} is the exact {@code auto} sum. In the early release ({@link TemplateGeneration#EARLY},
 * hard_sigmoid only) the constants are {@code (data_T) 0.2} and {@code (data_T) 0.5} and {@code s} is a
 * {@code data_T}: pass slope 0.2 and shift 0.5 with the input type as both types.
 */
public record HardActivationLayer(
    String name,
    HardFunction function,
    TemplateGeneration generation,
    int size,
    double slope,
    FixedPointType slopeType,
    double shift,
    FixedPointType shiftType,
    FixedPointType resultType) implements ElementwiseLayer
{
    public HardActivationLayer
    {
        Activations.requireSize(name, size);
        Activations.requireFinite(name, "slope", slope);
        Activations.requireFinite(name, "shift", shift);
        if (function == HardFunction.HARD_TANH && generation == TemplateGeneration.EARLY)
        {
            throw new IllegalArgumentException(name + ": hard_tanh does not exist in the early hls4ml release");
        }
    }

    @Override
    public String kind()
    {
        return function.kind();
    }
}
