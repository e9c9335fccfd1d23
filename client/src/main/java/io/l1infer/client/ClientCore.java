package io.l1infer.client;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.RejectDecoder;
import org.agrona.DirectBuffer;

import java.util.Objects;

/**
 * What both clients are: the one send path (check, admit, encode into the room the transport gives, send), the
 * in-flight table, the one answer path (validate, match, count, deliver) and the statistics; the faces add only
 * how requests travel. Single-threaded, allocation-free.
 */
final class ClientCore implements FragmentHandler
{
    final InFlightRequests inFlight;
    final ClientStatistics statistics = new ClientStatistics();

    private final ResultListener listener;
    private final long firstDeadlineNs;
    private final RequestEncoder encoder = new RequestEncoder();
    private final AnswerReader reader = new AnswerReader();
    private RequestTransport transport;
    private boolean closed;
    /** Why the last send was refused; a field so refusing allocates nothing. */
    private SendOutcome lastRefusal = SendOutcome.CLOSED;
    /** The in-flight table slot of the request being sent. */
    private int admittedSlot;

    /**
     * @param maxInFlight     size of the in-flight table.
     * @param firstDeadlineNs how long after sending a request's deadline (timeout or re-send) falls.
     * @param listener        receives answers and timeouts on the polling thread.
     */
    ClientCore(final int maxInFlight, final long firstDeadlineNs, final ResultListener listener)
    {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.inFlight = new InFlightRequests(maxInFlight);
        this.firstDeadlineNs = firstDeadlineNs;
    }

    /** Set once, by the face, before the first send. */
    void transport(final RequestTransport transport)
    {
        this.transport = transport;
    }

    SendOutcome sendSegments(
        final long sourceId, final long eventId, final long sendTimeNs, final int bx, final PrimitiveList primitives)
    {
        RequestEncoder.checkIds(sourceId, eventId, sendTimeNs);
        final int length = RequestEncoder.checkSegments(bx, primitives);
        if (!admitAndReserve(sourceId, eventId, length))
        {
            return lastRefusal;
        }
        encoder.encodeSegments(transport.buffer(), transport.offset(), sourceId, eventId, sendTimeNs, bx, primitives);
        final int p = primitives.partitionPrimitive();
        return send(sourceId, eventId, sendTimeNs, length, primitives.wheel(p), primitives.sector(p));
    }

    SendOutcome sendFeatures(
        final long sourceId, final long eventId, final long sendTimeNs, final int[] raw, final int offset,
        final int count)
    {
        RequestEncoder.checkIds(sourceId, eventId, sendTimeNs);
        final int length = RequestEncoder.checkFeatures(raw, offset, count, transport.maxInputs(false),
            "this client sends feature vectors of");
        if (!admitAndReserve(sourceId, eventId, length))
        {
            return lastRefusal;
        }
        encoder.encodeFeatures(transport.buffer(), transport.offset(), sourceId, eventId, sendTimeNs, raw, offset,
            count);
        return send(sourceId, eventId, sendTimeNs, length, DaemonSelector.NO_PARTITION, 0);
    }

    SendOutcome sendFeatures(
        final long sourceId, final long eventId, final long sendTimeNs, final long[] raw, final int offset,
        final int count)
    {
        RequestEncoder.checkIds(sourceId, eventId, sendTimeNs);
        final int length = RequestEncoder.checkWideFeatures(raw, offset, count, transport.maxInputs(true),
            "this client sends feature vectors of");
        if (!admitAndReserve(sourceId, eventId, length))
        {
            return lastRefusal;
        }
        encoder.encodeWideFeatures(transport.buffer(), transport.offset(), sourceId, eventId, sendTimeNs, raw, offset,
            count);
        return send(sourceId, eventId, sendTimeNs, length, DaemonSelector.NO_PARTITION, 0);
    }

    /**
     * Find a free in-flight table slot for the request and room for it in the transport.
     *
     * @return true with {@link #admittedSlot} set, else false with {@link #lastRefusal} saying why not.
     */
    private boolean admitAndReserve(final long sourceId, final long eventId, final int length)
    {
        if (closed)
        {
            lastRefusal = SendOutcome.CLOSED;
            return false;
        }
        if (inFlight.isFull())
        {
            lastRefusal = SendOutcome.IN_FLIGHT_FULL;
            return false;
        }
        final int found = inFlight.find(sourceId, eventId);
        if (found >= 0)
        {
            lastRefusal = SendOutcome.DUPLICATE_IN_FLIGHT;
            return false;
        }
        final SendOutcome room = transport.reserve(length);
        if (room != SendOutcome.SENT)
        {
            lastRefusal = room;
            return false;
        }
        admittedSlot = -found - 1;
        return true;
    }

    private SendOutcome send(
        final long sourceId,
        final long eventId,
        final long sendTimeNs,
        final int length,
        final int wheel,
        final int sector)
    {
        final long now = System.nanoTime();
        final SendOutcome outcome = transport.send(length, wheel, sector, now);
        if (outcome == SendOutcome.SENT)
        {
            inFlight.insertAt(admittedSlot, sourceId, eventId, sendTimeNs, now + firstDeadlineNs, transport.payload());
            statistics.sent++;
        }
        return outcome;
    }

    /** One message from a result (or reject) stream. */
    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long now = System.nanoTime();
        final int templateId = reader.read(buffer, offset, length);
        if (templateId == AnswerReader.MALFORMED)
        {
            statistics.malformed++;
            listener.onMalformed(reader.verdict());
            return;
        }
        final long sourceId = reader.sourceId();
        final long eventId = reader.eventId();
        final int match = transport.answered(sourceId, eventId, header.sessionId(), now);
        if (match != RequestTransport.MATCHED)
        {
            if (match == RequestTransport.DUPLICATE)
            {
                statistics.duplicates++;
            }
            else
            {
                statistics.unmatched++;
            }
            listener.onUnmatched(sourceId, eventId, templateId);
            return;
        }
        switch (templateId)
        {
            case InferenceResultDecoder.TEMPLATE_ID -> statistics.results++;
            case RejectDecoder.TEMPLATE_ID -> statistics.rejects++;
            default -> statistics.echoes++;
        }
        reader.deliver(templateId, buffer, offset, now, listener);
    }

    /** Take the request at {@code tableSlot} out of flight and report it timed out. */
    void timeOut(final int tableSlot)
    {
        final long sourceId = inFlight.sourceIdAt(tableSlot);
        final long eventId = inFlight.eventIdAt(tableSlot);
        final long sendTimeNs = inFlight.sendTimeNsAt(tableSlot);
        inFlight.removeAt(tableSlot);
        statistics.timeouts++;
        listener.onTimeout(sourceId, eventId, sendTimeNs);
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * Refuse every later send.
     *
     * @return whether this call closed it (false when it was already closed).
     */
    boolean close()
    {
        if (closed)
        {
            return false;
        }
        closed = true;
        return true;
    }
}
