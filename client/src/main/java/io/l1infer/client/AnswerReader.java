package io.l1infer.client;

import io.l1infer.codec.MessageValidator;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.RejectDecoder;
import org.agrona.DirectBuffer;

/**
 * Validates one message taken from a result stream and hands it to a {@link ResultListener} as a result, reject
 * or echo; the views are flyweights reused for every message, so nothing is allocated.
 */
final class AnswerReader
{
    /** What {@link #read} returns for a message that failed validation. */
    static final int MALFORMED = -1;

    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MuonSegmentsDecoder echoedSegments = new MuonSegmentsDecoder();
    private final FeatureVectorDecoder echoedFeatures = new FeatureVectorDecoder();
    private final ResultView resultView = new ResultView();
    private final RejectView rejectView = new RejectView();

    /**
     * Validate a message; afterwards {@link #sourceId()} and {@link #eventId()} name the request it answers.
     *
     * @return its template id, or {@link #MALFORMED} with {@link #verdict()} saying why.
     */
    int read(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!validator.validate(buffer, offset, length, verdict))
        {
            return MALFORMED;
        }
        headerDecoder.wrap(buffer, offset);
        return headerDecoder.templateId();
    }

    /** Why the last {@link #read} found the message malformed. */
    ValidationVerdict verdict()
    {
        return verdict;
    }

    /** Source id of the last message read. */
    long sourceId()
    {
        return verdict.sourceId();
    }

    /** Event id of the last message read. */
    long eventId()
    {
        return verdict.eventId();
    }

    /**
     * Hand the message just {@link #read} to the listener as what its template says.
     *
     * @param templateId what {@link #read} returned.
     * @param nowNs      when the message was taken from the subscription.
     */
    void deliver(
        final int templateId, final DirectBuffer buffer, final int offset, final long nowNs,
        final ResultListener listener)
    {
        switch (templateId)
        {
            case InferenceResultDecoder.TEMPLATE_ID ->
            {
                resultView.wrap(buffer, offset, headerDecoder, nowNs);
                listener.onResult(resultView);
            }
            case RejectDecoder.TEMPLATE_ID ->
            {
                rejectView.wrap(buffer, offset, headerDecoder, nowNs);
                listener.onReject(rejectView);
            }
            case MuonSegmentsDecoder.TEMPLATE_ID -> listener.onEcho(sourceId(), eventId(),
                echoedSegments.wrapAndApplyHeader(buffer, offset, headerDecoder).sendTimeNs(), nowNs);
            default -> listener.onEcho(sourceId(), eventId(),
                echoedFeatures.wrapAndApplyHeader(buffer, offset, headerDecoder).sendTimeNs(), nowNs);
        }
    }
}
