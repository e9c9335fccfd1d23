package io.l1infer.bench.archive;

import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.RejectDecoder;
import org.agrona.DirectBuffer;

import java.util.Map;

/** Decodes the ids of requests and the outcome of answers (raw outputs, or the reject reason) for replay comparison. */
public final class RecordedOutcomes
{
    /** An event's identity: the publisher's source id and its event id. */
    public record Key(long sourceId, long eventId)
    {
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FeatureVectorDecoder features = new FeatureVectorDecoder();
    private final MuonSegmentsDecoder segments = new MuonSegmentsDecoder();
    private final InferenceResultDecoder result = new InferenceResultDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final StringBuilder text = new StringBuilder();

    /** The key of a request message, or null when the fragment is not a request. */
    public Key requestKey(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return null;
        }
        header.wrap(buffer, offset);
        if (header.templateId() == FeatureVectorDecoder.TEMPLATE_ID)
        {
            features.wrapAndApplyHeader(buffer, offset, header);
            return new Key(features.sourceId(), features.eventId());
        }
        if (header.templateId() == MuonSegmentsDecoder.TEMPLATE_ID)
        {
            segments.wrapAndApplyHeader(buffer, offset, header);
            return new Key(segments.sourceId(), segments.eventId());
        }
        return null;
    }

    /** The intended send time of the request the last {@link #requestKey} call decoded. */
    public long lastSendTimeNs()
    {
        return header.templateId() == FeatureVectorDecoder.TEMPLATE_ID ? features.sendTimeNs() : segments.sendTimeNs();
    }

    /** Put an answer's outcome (e.g. {@code raw=12,-3} or {@code reject=TOO_FEW_PRIMITIVES}) under its key. */
    public void collectAnswer(
        final DirectBuffer buffer, final int offset, final int length, final Map<Key, String> into)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        header.wrap(buffer, offset);
        text.setLength(0);
        if (header.templateId() == InferenceResultDecoder.TEMPLATE_ID)
        {
            result.wrapAndApplyHeader(buffer, offset, header);
            final Key key = new Key(result.sourceId(), result.eventId());
            text.append("raw=");
            final InferenceResultDecoder.OutputsDecoder outputs = result.outputs();
            boolean first = true;
            while (outputs.hasNext())
            {
                outputs.next();
                text.append(first ? "" : ",").append(outputs.raw());
                first = false;
            }
            // A model wider than int32 answers in the int64 group (schema version 3); the other group is empty.
            final InferenceResultDecoder.WideOutputsDecoder wideOutputs = result.wideOutputs();
            while (wideOutputs.hasNext())
            {
                wideOutputs.next();
                text.append(first ? "" : ",").append(wideOutputs.raw());
                first = false;
            }
            into.put(key, text.toString());
        }
        else if (header.templateId() == RejectDecoder.TEMPLATE_ID)
        {
            reject.wrapAndApplyHeader(buffer, offset, header);
            into.put(new Key(reject.sourceId(), reject.eventId()), "reject=" + reject.reason());
        }
    }
}
