package io.l1infer.daemon;

import io.l1infer.codec.MessageValidator;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.TriggerPrimitives;
import org.agrona.DirectBuffer;

/**
 * Turns one fragment into one ring event: validates it, then writes a request's raw model inputs straight into
 * the slot (muon segments through the 27-feature builder, feature vectors as given) or marks the slot a reject
 * with the reason. Single-threaded (the ingest agent's), allocation-free.
 */
final class RequestTranslator
{
    private final MessageValidator validator = new MessageValidator();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MuonSegmentsDecoder segments = new MuonSegmentsDecoder();
    private final FeatureVectorDecoder features = new FeatureVectorDecoder();
    private final TriggerPrimitives primitives = new TriggerPrimitives();
    private final MuonFeatures featureBuilder = new MuonFeatures();
    private final double[] featureValues = new double[MuonFeatures.FEATURE_COUNT];
    private final FixedPointType inputType;
    private final int inputSize;
    private final boolean muonModel;

    RequestTranslator(final ModelBundle model)
    {
        this.inputType = model.input().type();
        this.inputSize = model.input().size();
        this.muonModel = isMuonFeatureModel(model);
    }

    /** A model fed by the 27 features built from muon segments: declared by its input feature names. */
    static boolean isMuonFeatureModel(final ModelBundle model)
    {
        return model.input().size() == MuonFeatures.FEATURE_COUNT && model.input().features().equals(MuonFeatures.NAMES);
    }

    /**
     * Fill {@code event} from the fragment; on return the event is a request or a reject with its reason.
     */
    void translate(final DirectBuffer buffer, final int offset, final int length, final RingEvent event)
    {
        final ValidationVerdict verdict = event.verdict;
        event.kind = RingEvent.KIND_REJECT;
        if (!validator.validate(buffer, offset, length, verdict))
        {
            return;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId == MuonSegmentsDecoder.TEMPLATE_ID)
        {
            translateSegments(buffer, offset, event);
        }
        else if (templateId == FeatureVectorDecoder.TEMPLATE_ID)
        {
            translateFeatures(buffer, offset, event);
        }
        else
        {
            verdict.reject(RejectReason.UNSUPPORTED_MESSAGE, MessageField.NONE, ValidationVerdict.NO_INDEX, 0);
        }
    }

    private void translateSegments(final DirectBuffer buffer, final int offset, final RingEvent event)
    {
        final MuonSegmentsDecoder d = segments.wrapAndApplyHeader(buffer, offset, header);
        if (!muonModel)
        {
            event.verdict.reject(RejectReason.UNSUPPORTED_MESSAGE, MessageField.NONE, ValidationVerdict.NO_INDEX, 0);
            return;
        }
        setIds(event, d.sourceId(), d.eventId(), d.sendTimeNs());
        primitives.clear();
        final MuonSegmentsDecoder.PrimitivesDecoder group = d.primitives();
        while (group.hasNext())
        {
            group.next();
            primitives.add(group.station(), group.wheel(), group.sector(), group.phi(), group.phiB(),
                group.quality(), group.ts2tag(), group.bx());
        }
        final int slots = featureBuilder.build(primitives, featureValues, 0);
        if (slots < MuonFeatures.MIN_PRIMITIVES)
        {
            // INVALID_PRIMITIVE cannot happen: the validator checked every range the builder checks.
            event.verdict.reject(RejectReason.TOO_FEW_PRIMITIVES, MessageField.PRIMITIVE_BX,
                ValidationVerdict.NO_INDEX, Math.max(slots, 0));
            return;
        }
        final int[] inputs = event.inputs;
        for (int f = 0; f < MuonFeatures.FEATURE_COUNT; f++)
        {
            inputs[f] = (int)inputType.fromDouble(featureValues[f]);
        }
        event.kind = RingEvent.KIND_REQUEST;
    }

    private void translateFeatures(final DirectBuffer buffer, final int offset, final RingEvent event)
    {
        final FeatureVectorDecoder d = features.wrapAndApplyHeader(buffer, offset, header);
        setIds(event, d.sourceId(), d.eventId(), d.sendTimeNs());
        final FeatureVectorDecoder.InputsDecoder group = d.inputs();
        final int count = group.count();
        if (count != inputSize)
        {
            event.verdict.reject(RejectReason.WRONG_INPUT_SIZE, MessageField.INPUT_COUNT,
                ValidationVerdict.NO_INDEX, count);
            return;
        }
        final int[] inputs = event.inputs;
        int i = 0;
        while (group.hasNext())
        {
            final int raw = group.next().raw();
            if (!inputType.containsRaw(raw))
            {
                event.verdict.reject(RejectReason.INPUT_OUT_OF_RANGE, MessageField.INPUT_VALUE,
                    ValidationVerdict.wireIndex(i), raw);
                return;
            }
            inputs[i++] = raw;
        }
        event.kind = RingEvent.KIND_REQUEST;
    }

    private static void setIds(final RingEvent event, final long sourceId, final long eventId, final long sendTimeNs)
    {
        event.sourceId = sourceId;
        event.eventId = eventId;
        event.sendTimeNs = sendTimeNs;
    }
}
