package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;

/**
 * The hls4ml types of a trained model: the input, the fixed input-scaling layer and every dense/ReLU layer.
 *
 * <p>Every type must truncate and wrap (AP_TRN, AP_WRAP) and every conversion must be a shift and a wrap that
 * 32-bit integer arithmetic computes exactly: that keeps the model on the engine's SIMD fast path and lets the
 * trainer's forward pass be the engine's arithmetic (checked after training against {@code FixedPointEmulator}).
 *
 * @param input      the model input, the type the daemon quantizes each feature to.
 * @param scale      scale factors of the input-scaling batchnorm (powers of two).
 * @param scaleBias  offsets of the input-scaling batchnorm.
 * @param scaled     result of the input-scaling batchnorm, the first dense layer's input.
 * @param weight     dense weights.
 * @param bias       dense biases.
 * @param accum      dense accumulators.
 * @param result     results of the hidden dense layers.
 * @param relu       ReLU results.
 * @param outputAccum accumulator of the output dense layer.
 * @param output     result of the output dense layer: the model output, pT / 200.
 */
public record QuantizationScheme(
    FixedPointType input,
    FixedPointType scale,
    FixedPointType scaleBias,
    FixedPointType scaled,
    FixedPointType weight,
    FixedPointType bias,
    FixedPointType accum,
    FixedPointType result,
    FixedPointType relu,
    FixedPointType outputAccum,
    FixedPointType output)
{
    /**
     * The types of the shipped model: inputs ap_fixed&lt;18,5&gt; (range +-16 holds sector 12; 13 fraction bits keep
     * every 1/4096 rad phi count of the delta-phi features, which ap_fixed&lt;16,6&gt; would cut to 1/1024),
     * power-of-two input scales in ap_fixed&lt;16,8&gt; and everything else hls4ml's default ap_fixed&lt;16,6&gt;
     * (ReLU results included: lossless, and no wrap below 32), except the output layer: its accumulator
     * ap_fixed&lt;24,8&gt; and its result ap_fixed&lt;16,3&gt; (pT / 200 in [-4, 4) to 1/8192, i.e. 0.024 GeV/c
     * instead of the 0.2 GeV/c of ap_fixed&lt;16,6&gt;, which would be a 3% step at 6 GeV/c; up to 800 GeV/c, so that a
     * realistic prediction never comes near a wrap).
     */
    public static QuantizationScheme talk()
    {
        final FixedPointType standard = FixedPointType.parse("ap_fixed<16,6>");
        return new QuantizationScheme(FixedPointType.parse("ap_fixed<18,5>"), FixedPointType.parse("ap_fixed<16,8>"),
            standard, standard, standard, standard, standard, standard, standard,
            FixedPointType.parse("ap_fixed<24,8>"), FixedPointType.parse("ap_fixed<16,3>"));
    }

    public QuantizationScheme
    {
        requireTruncateWrap("input", input);
        requireTruncateWrap("scale", scale);
        requireTruncateWrap("scaleBias", scaleBias);
        requireTruncateWrap("scaled", scaled);
        requireTruncateWrap("weight", weight);
        requireTruncateWrap("bias", bias);
        requireTruncateWrap("accum", accum);
        requireTruncateWrap("result", result);
        requireTruncateWrap("relu", relu);
        requireTruncateWrap("outputAccum", outputAccum);
        requireTruncateWrap("output", output);
        // The conversions the forward pass makes; each constructor checks that it is a 32-bit shift and wrap.
        new ShiftWrap(bias.fractionBits(), accum, "bias -> accum");
        new ShiftWrap(accum.fractionBits(), result, "accum -> result");
        new ShiftWrap(result.fractionBits(), relu, "result -> relu");
        DenseArithmetic.productShift(scaled, weight, accum, "first dense layer");
        DenseArithmetic.productShift(relu, weight, accum, "hidden dense layers");
        DenseArithmetic.productShift(relu, weight, outputAccum, "output dense layer after a ReLU");
        DenseArithmetic.productShift(scaled, weight, outputAccum, "output dense layer on the scaled inputs");
        new ShiftWrap(bias.fractionBits(), outputAccum, "bias -> output accum");
        new ShiftWrap(outputAccum.fractionBits(), output, "output accum -> output");
        InputScaling.checkTypes(input, scale, scaleBias, scaled);
    }

    private static void requireTruncateWrap(final String field, final FixedPointType type)
    {
        if (type == null)
        {
            throw new IllegalArgumentException("quantization scheme: " + field + " type is missing");
        }
        if (!type.isSigned() || type.quantization() != Quantization.AP_TRN || type.overflow() != Overflow.AP_WRAP)
        {
            throw new IllegalArgumentException("quantization scheme: " + field + " type " + type +
                " must be a signed ap_fixed with AP_TRN and AP_WRAP (the trainer emulates only those)");
        }
    }
}
