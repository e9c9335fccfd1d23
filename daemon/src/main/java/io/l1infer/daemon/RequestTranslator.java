package io.l1infer.daemon;

import io.l1infer.codec.MessageValidator;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.QuantizedMuonFeatures;
import org.agrona.DirectBuffer;

/**
 * Turns one fragment into one ring event in two steps: {@link #read} validates it and decodes a MuonSegments
 * message's primitives (once; the partition filter looks at them), then {@link #writeTo} writes the request's raw
 * model inputs straight into the slot (muon segments through the 27-feature builder's tables, feature vectors as
 * given, from whichever of the int32 and int64 groups carries them) or marks the slot a reject with the reason.
 * Single-threaded (the ingest agent's), allocation-free.
 */
final class RequestTranslator
{
    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MuonSegmentsDecoder segments = new MuonSegmentsDecoder();
    private final FeatureVectorDecoder features = new FeatureVectorDecoder();
    private final MuonPrimitives primitives = new MuonPrimitives();
    private final long[] featureRaw = new long[MuonFeatures.FEATURE_COUNT];
    private final FixedPointType inputType;
    private final int inputSize;
    private final QuantizedMuonFeatures featureBuilder;
    private final boolean wideInputs;
    private int templateId;

    RequestTranslator(final ModelBundle model)
    {
        this.inputType = model.input().type();
        this.inputSize = model.input().size();
        this.featureBuilder = isMuonFeatureModel(model) ? new QuantizedMuonFeatures(inputType::fromDouble) : null;
        this.wideInputs = ModelWireLimits.isWide(inputType);
    }

    /** A model fed by the 27 features built from muon segments: declared by its input feature names. */
    static boolean isMuonFeatureModel(final ModelBundle model)
    {
        return model.input().size() == MuonFeatures.FEATURE_COUNT &&
            model.input().features().equals(MuonFeatures.NAMES);
    }

    /**
     * Validate the fragment and decode what the partition filter needs; the fragment must stay in place until
     * {@link #writeTo} has run.
     *
     * @return the primitives of a valid MuonSegments message, or null for any other fragment.
     */
    MuonPrimitives read(final DirectBuffer buffer, final int offset, final int length)
    {
        templateId = 0;
        if (!validator.validate(buffer, offset, length, verdict))
        {
            return null;
        }
        header.wrap(buffer, offset);
        templateId = header.templateId();
        if (templateId == MuonSegmentsDecoder.TEMPLATE_ID)
        {
            return primitives.decode(segments.wrapAndApplyHeader(buffer, offset, header).primitives());
        }
        if (templateId == FeatureVectorDecoder.TEMPLATE_ID)
        {
            features.wrapAndApplyHeader(buffer, offset, header);
        }
        return null;
    }

    /** Fill {@code event} from the fragment last {@link #read}: a request, or a reject with its reason. */
    void writeTo(final RingEvent event)
    {
        event.kind = RingEvent.KIND_REJECT;
        event.verdict.copyFrom(verdict);
        if (!verdict.isOk())
        {
            return;
        }
        if (templateId == MuonSegmentsDecoder.TEMPLATE_ID)
        {
            writeSegments(event);
        }
        else if (templateId == FeatureVectorDecoder.TEMPLATE_ID)
        {
            writeFeatures(event);
        }
        else
        {
            event.verdict.reject(RejectReason.UNSUPPORTED_MESSAGE, MessageField.NONE, ValidationVerdict.NO_INDEX, 0);
        }
    }

    /**
     * The verdict of the fragment last {@link #read}, as far as validation got (for a defect's reject).
     *
     * @return the translator's own verdict; copy it, it changes with the next read.
     */
    ValidationVerdict verdict()
    {
        return verdict;
    }

    private void writeSegments(final RingEvent event)
    {
        if (featureBuilder == null)
        {
            event.verdict.reject(RejectReason.UNSUPPORTED_MESSAGE, MessageField.NONE, ValidationVerdict.NO_INDEX, 0);
            return;
        }
        setIds(event, segments.sourceId(), segments.eventId(), segments.sendTimeNs());
        // The validator checked every range: build without checking them again.
        final int slots = featureBuilder.buildInRange(primitives, featureRaw);
        if (slots < MuonFeatures.MIN_PRIMITIVES)
        {
            event.verdict.reject(RejectReason.TOO_FEW_PRIMITIVES, MessageField.PRIMITIVE_BX,
                ValidationVerdict.NO_INDEX, slots);
            return;
        }
        for (int f = 0; f < MuonFeatures.FEATURE_COUNT; f++)
        {
            putInput(event, f, featureRaw[f]);
        }
        event.kind = RingEvent.KIND_REQUEST;
    }

    private void writeFeatures(final RingEvent event)
    {
        final FeatureVectorDecoder d = features;
        setIds(event, d.sourceId(), d.eventId(), d.sendTimeNs());
        // The validator let through exactly one group with entries; the int32 one is read first, as SBE orders them.
        final FeatureVectorDecoder.InputsDecoder group = d.inputs();
        final int count = group.count();
        if (count != 0)
        {
            if (count != inputSize)
            {
                event.verdict.reject(RejectReason.WRONG_INPUT_SIZE, MessageField.INPUT_COUNT,
                    ValidationVerdict.NO_INDEX, count);
                return;
            }
            for (int i = 0; i < count; i++)
            {
                if (!putCheckedInput(event, i, group.next().raw()))
                {
                    return;
                }
            }
        }
        else
        {
            final FeatureVectorDecoder.WideInputsDecoder wideGroup = d.wideInputs();
            final int wideCount = wideGroup.count();
            if (wideCount != inputSize)
            {
                event.verdict.reject(RejectReason.WRONG_INPUT_SIZE, MessageField.WIDE_INPUT_COUNT,
                    ValidationVerdict.NO_INDEX, wideCount);
                return;
            }
            for (int i = 0; i < wideCount; i++)
            {
                if (!putCheckedInput(event, i, wideGroup.next().raw()))
                {
                    return;
                }
            }
        }
        event.kind = RingEvent.KIND_REQUEST;
    }

    /** Put raw input {@code i} when the input type holds it, else mark the event INPUT_OUT_OF_RANGE. */
    private boolean putCheckedInput(final RingEvent event, final int i, final long raw)
    {
        if (!inputType.containsRaw(raw))
        {
            event.verdict.reject(RejectReason.INPUT_OUT_OF_RANGE, MessageField.INPUT_VALUE,
                ValidationVerdict.wireIndex(i), raw);
            return false;
        }
        putInput(event, i, raw);
        return true;
    }

    /** Put raw input {@code i}, a value of the input type, where the slot holds that type's values. */
    private void putInput(final RingEvent event, final int i, final long raw)
    {
        if (wideInputs)
        {
            event.wideInputs[i] = raw;
        }
        else
        {
            event.inputs[i] = (int)raw;
        }
    }

    private static void setIds(final RingEvent event, final long sourceId, final long eventId, final long sendTimeNs)
    {
        event.sourceId = sourceId;
        event.eventId = eventId;
        event.sendTimeNs = sendTimeNs;
    }
}
