package io.l1infer.daemon;

import io.l1infer.codec.ModelIoLimits;
import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;

/**
 * Checks at load that every request and answer of a model fits the wire: input and output counts within the
 * codec's group limits, raw values within the wire's int32, and a result within one frame of the result
 * publication (the owner encodes it in place with tryClaim). A model that does not fit is refused naming the limit.
 */
final class ModelWireLimits
{
    private ModelWireLimits()
    {
    }

    /** Length of a FeatureVector carrying {@code inputs} raw values. */
    static int featureVectorLength(final int inputs)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + FeatureVectorEncoder.BLOCK_LENGTH +
            FeatureVectorEncoder.InputsEncoder.sbeHeaderSize() +
            inputs * FeatureVectorEncoder.InputsEncoder.sbeBlockLength();
    }

    /** Length of an InferenceResult carrying {@code outputs} values. */
    static int resultLength(final int outputs)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + InferenceResultEncoder.BLOCK_LENGTH +
            InferenceResultEncoder.OutputsEncoder.sbeHeaderSize() +
            outputs * InferenceResultEncoder.OutputsEncoder.sbeBlockLength();
    }

    /**
     * @param model             the model to serve.
     * @param resultMaxPayload  the result publication's {@code maxPayloadLength()}.
     * @throws IllegalArgumentException naming the model, the size or type and the limit it exceeds.
     */
    static void check(final ModelBundle model, final int resultMaxPayload)
    {
        final int inputs = model.input().size();
        final int outputs = model.output().size();
        if (inputs > ModelIoLimits.INPUT_COUNT_MAX)
        {
            throw refusal(model, inputs + " inputs, more than a FeatureVector carries (" +
                ModelIoLimits.INPUT_COUNT_MAX + ", codec ModelIoLimits.INPUT_COUNT_MAX)");
        }
        if (outputs > ModelIoLimits.OUTPUT_COUNT_MAX)
        {
            throw refusal(model, outputs + " outputs, more than an InferenceResult carries (" +
                ModelIoLimits.OUTPUT_COUNT_MAX + ", codec ModelIoLimits.OUTPUT_COUNT_MAX)");
        }
        checkRawFitsWire(model, "input", model.input().type());
        checkRawFitsWire(model, "output", model.output().type());
        final int length = resultLength(outputs);
        if (length > resultMaxPayload)
        {
            throw refusal(model, "a result of " + outputs + " outputs is " + length + " bytes, more than one " +
                "frame of the result publication holds (maxPayloadLength " + resultMaxPayload + "): raise the " +
                "result channel's mtu");
        }
    }

    private static void checkRawFitsWire(final ModelBundle model, final String what, final FixedPointType type)
    {
        if (type.minRaw() < Integer.MIN_VALUE || type.maxRaw() > Integer.MAX_VALUE)
        {
            throw refusal(model, what + " type " + type + " has raw values beyond the wire's int32 RawValue " +
                "(at most ap_fixed<32,...> or ap_ufixed<31,...>)");
        }
    }

    private static IllegalArgumentException refusal(final ModelBundle model, final String reason)
    {
        final String where = model.source() != null ? " (" + model.source() + ")" : "";
        return new IllegalArgumentException("model " + model.name() + where + " cannot be served: " + reason);
    }
}
