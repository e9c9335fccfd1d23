package io.l1infer.client;

import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.RejectDecoder;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.DirectBuffer;

/**
 * A flyweight over one received Reject, reused for every reject: valid only during the
 * {@link ResultListener#onReject} call it is passed to.
 */
public final class RejectView
{
    /** {@link #index()} when the reject is not about a group entry. */
    public static final int NO_INDEX = RejectDecoder.indexNullValue();

    private final RejectDecoder decoder = new RejectDecoder();
    private long receiveTimeNs;

    /** Read an already validated reject. */
    void wrap(final DirectBuffer buffer, final int offset, final MessageHeaderDecoder header, final long nowNs)
    {
        decoder.wrapAndApplyHeader(buffer, offset, header);
        receiveTimeNs = nowNs;
    }

    /** The rejected request's source id. */
    public long sourceId()
    {
        return decoder.sourceId();
    }

    /** The rejected request's event id. */
    public long eventId()
    {
        return decoder.eventId();
    }

    /** System.nanoTime() when this client took the reject from its subscription. */
    public long receiveTimeNs()
    {
        return receiveTimeNs;
    }

    /** Why the daemon refused the request. */
    public RejectReason reason()
    {
        return decoder.reason();
    }

    /** Which field the reason is about, NONE when not about one field. */
    public MessageField field()
    {
        return decoder.field();
    }

    /** The template id the rejected message declared. */
    public int rejectedTemplateId()
    {
        return decoder.rejectedTemplateId();
    }

    /** The group entry the problem is at, {@link #NO_INDEX} when not applicable. */
    public int index()
    {
        return decoder.index();
    }

    /** The offending value (see the wire contract's reasons table), 0 when none. */
    public long value()
    {
        return decoder.value();
    }

    @Override
    public String toString()
    {
        return "reject of source " + sourceId() + " event " + eventId() + ": " + reason() + " field " + field() +
            (index() == NO_INDEX ? "" : " index " + index()) + " value " + value();
    }
}
