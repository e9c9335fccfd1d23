package io.l1infer.daemon;

import io.l1infer.codec.ModelIoLimits;
import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;

/**
 * Checks at load that every request and answer of a model fits the wire: input and output counts within the
 * codec's group limits, and a result within one frame of the result publication (the owner encodes it in place with
 * tryClaim); and says which of a model's types travel in the int64 groups of schema version 3. A model that does not
 * fit is refused naming the limit.
 */
final class ModelWireLimits
{
    /** Longest FeatureVector the wire carries: the most inputs, as int64 values. */
    static final int MAX_REQUEST_LENGTH = featureVectorLength(ModelIoLimits.INPUT_COUNT_MAX, true);

    private ModelWireLimits()
    {
    }

    /**
     * True when raw values of {@code type} may lie outside the wire's int32 {@code RawValue} (wider than
     * {@code ap_fixed<32,...>} or {@code ap_ufixed<31,...>}): they travel in the int64 groups, an unsigned 64-bit
     * value as its 64 bits. Decided by the width so that it holds whatever long holds an unsigned type's raw range.
     */
    static boolean isWide(final FixedPointType type)
    {
        return type.width() > (type.isSigned() ? Integer.SIZE : Integer.SIZE - 1);
    }

    /** Length of a FeatureVector carrying {@code inputs} raw values, int64 ones ({@code wide}) or int32 ones. */
    static int featureVectorLength(final int inputs, final boolean wide)
    {
        final int fixed = MessageHeaderEncoder.ENCODED_LENGTH + FeatureVectorEncoder.BLOCK_LENGTH +
            FeatureVectorEncoder.InputsEncoder.sbeHeaderSize();
        return wide ?
            fixed + FeatureVectorEncoder.WideInputsEncoder.sbeHeaderSize() +
                inputs * FeatureVectorEncoder.WideInputsEncoder.sbeBlockLength() :
            fixed + inputs * FeatureVectorEncoder.InputsEncoder.sbeBlockLength();
    }

    /** Length of an InferenceResult carrying {@code outputs} values, int64 ones ({@code wide}) or int32 ones. */
    static int resultLength(final int outputs, final boolean wide)
    {
        final int fixed = MessageHeaderEncoder.ENCODED_LENGTH + InferenceResultEncoder.BLOCK_LENGTH +
            InferenceResultEncoder.OutputsEncoder.sbeHeaderSize();
        return wide ?
            fixed + InferenceResultEncoder.WideOutputsEncoder.sbeHeaderSize() +
                outputs * InferenceResultEncoder.WideOutputsEncoder.sbeBlockLength() :
            fixed + outputs * InferenceResultEncoder.OutputsEncoder.sbeBlockLength();
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
        final boolean wide = isWide(model.output().type());
        final int length = resultLength(outputs, wide);
        if (length > resultMaxPayload)
        {
            throw refusal(model, "a result of " + outputs + (wide ? " int64" : "") + " outputs is " + length +
                " bytes, more than one frame of the result publication holds (maxPayloadLength " + resultMaxPayload +
                "): raise the result channel's mtu");
        }
    }

    private static IllegalArgumentException refusal(final ModelBundle model, final String reason)
    {
        final String where = model.source() != null ? " (" + model.source() + ")" : "";
        return new IllegalArgumentException("model " + model.name() + where + " cannot be served: " + reason);
    }
}
