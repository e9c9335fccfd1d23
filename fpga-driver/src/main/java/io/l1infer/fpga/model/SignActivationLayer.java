package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * hls4ml's {@code binary_tanh} and {@code ternary_tanh} (QKeras' binary and ternary activations): each output one of
 * three constants of {@code res_T}, chosen by comparisons of x.
 *
 * <ul>
 *   <li>{@code binary_tanh}, early and 0.8: {@code x > 0 ? res_T(1) : res_T(-1)} from the int constants; 1.x:
 *   {@code x >= 0 ? 1 : -1} held as {@code ap_int<2>}, then {@code binary_cast}: for an {@code ap_uint<1>} result
 *   {@code cache > 0 ? res_T(cache) : 0}, otherwise {@code res_T(cache)}.</li>
 *   <li>{@code ternary_tanh}, every release: {@code d = data_T(2 * x)} (wraps or saturates in data_T), then
 *   {@code d > 1 ? 1 : d > -1 ? 0 : -1} as {@code res_T} from the int constants.</li>
 * </ul>
 */
public record SignActivationLayer(
    String name,
    boolean ternary,
    TemplateGeneration generation,
    int size,
    FixedPointType resultType) implements ElementwiseLayer
{
    private static final FixedPointType C_INT = FixedPointType.apInt(true, 32);
    private static final FixedPointType CACHE = FixedPointType.apInt(true, 2);
    private static final FixedPointType BIT = FixedPointType.apInt(false, 1);

    public SignActivationLayer
    {
        Activations.requireSize(name, size);
    }

    @Override
    public String kind()
    {
        return ternary ? "ternary_tanh" : "binary_tanh";
    }

    /** The raw result for +1, 0 and -1 (index 0, 1, 2), as the C++ converts them into {@code res_T}. */
    public long[] results()
    {
        if (!ternary && generation == TemplateGeneration.V1)
        {
            return resultType.equals(BIT) ? new long[] {1, 0, 0} :
                new long[] {resultType.convert(1, CACHE), 0, resultType.convert(-1, CACHE)};
        }
        return new long[] {resultType.convert(1, C_INT), resultType.convert(0, C_INT), resultType.convert(-1, C_INT)};
    }

    /** binary_tanh's comparison with 0: {@code x >= 0} in 1.x, {@code x > 0} before. */
    public boolean zeroIsPositive()
    {
        return generation == TemplateGeneration.V1;
    }
}
