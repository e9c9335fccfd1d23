package io.l1infer.client;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.RejectDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A client of one l1infer daemon: an exclusive publication on the daemon's ingest stream and a subscription on its
 * result stream (and reject stream, when separate). Requests are encoded straight into the publication's log
 * (tryClaim; a request longer than one frame is encoded into a buffer of this client and offered, which
 * fragments it), tracked until answered in a pre-sized primitive table, and answers are validated before they are read.
 * The send and poll paths allocate nothing.
 *
 * <p>The result stream is shared by every client of the daemon: answers that match no request of this client are
 * counted as unmatched, so give each client its own source ids.
 */
public final class L1inferClient implements InferenceClient
{
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final DaemonEndpoint endpoint;
    private final ClientOptions options;
    private final ResultListener listener;
    private final ExclusivePublication publication;
    private final Subscription results;
    private final Subscription rejects;
    private final InFlightRequests inFlight;

    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer longRequest = new UnsafeBuffer(new byte[RequestEncoder.MAX_REQUEST_LENGTH]);
    private final RequestEncoder encoder = new RequestEncoder();
    private final AnswerReader reader = new AnswerReader();
    private final FragmentHandler fragmentHandler = this::onFragment;

    private long sent;
    private long backPressured;
    private long notConnected;
    private long resultCount;
    private long rejectCount;
    private long echoCount;
    private long timeoutCount;
    private long unmatchedCount;
    private long malformedCount;
    private boolean closed;
    /** Why the last {@link #admit} refused; kept in a field so refusing allocates nothing. */
    private SendOutcome lastRefusal = SendOutcome.CLOSED;

    /**
     * A client over an Aeron instance the caller owns (and closes after this client).
     *
     * @param aeron    connected to the daemon's media driver.
     * @param endpoint the daemon's channels and streams ({@link DaemonEndpoint#aeronDir()} is not used).
     * @param options  in-flight limit, timeout, poll limits.
     * @param listener receives answers and timeouts on the polling thread.
     */
    public L1inferClient(
        final Aeron aeron, final DaemonEndpoint endpoint, final ClientOptions options, final ResultListener listener)
    {
        this(aeron, false, endpoint, options, listener);
    }

    private L1inferClient(
        final Aeron aeron,
        final boolean ownsAeron,
        final DaemonEndpoint endpoint,
        final ClientOptions options,
        final ResultListener listener)
    {
        this.aeron = Objects.requireNonNull(aeron, "aeron");
        this.ownsAeron = ownsAeron;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.inFlight = new InFlightRequests(options.maxInFlight());
        ExclusivePublication pub = null;
        Subscription res = null;
        Subscription rej = null;
        try
        {
            pub = aeron.addExclusivePublication(endpoint.ingestChannel(), endpoint.ingestStream());
            res = aeron.addSubscription(endpoint.resultChannel(), endpoint.resultStream());
            rej = endpoint.separateRejectStream() ?
                aeron.addSubscription(endpoint.resultChannel(), endpoint.rejectStream()) : null;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(rej, res, pub);
            if (ownsAeron)
            {
                CloseHelper.quietClose(aeron);
            }
            throw new IllegalStateException("cannot open the streams of the daemon at " + endpoint + ": " + ex, ex);
        }
        publication = pub;
        results = res;
        rejects = rej;
    }

    /**
     * Connect to the media driver at {@link DaemonEndpoint#aeronDir()} with a new Aeron client that this client
     * owns and closes.
     *
     * @param endpoint the daemon's Aeron directory, channels and streams.
     * @param options  in-flight limit, timeout, poll limits.
     * @param listener receives answers and timeouts on the polling thread.
     * @return the client; call {@link #awaitConnected(long)} before the first send.
     * @throws IllegalStateException naming the directory when no media driver answers there.
     */
    public static L1inferClient connect(
        final DaemonEndpoint endpoint, final ClientOptions options, final ResultListener listener)
    {
        final Aeron aeron;
        try
        {
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(endpoint.aeronDir())
                .driverTimeoutMs(Math.max(1, options.driverTimeoutNs() / 1_000_000L))
                // Aeron's default handler exits the JVM when the driver goes away: an embedding application
                // must decide that, so errors only go to stderr and sends start failing with CLOSED.
                .errorHandler(StderrErrorHandler.INSTANCE)
                .clientName("l1infer-client"));
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("cannot connect to an Aeron media driver at " + endpoint.aeronDir() +
                " (is the daemon running?): " + ex, ex);
        }
        return new L1inferClient(aeron, true, endpoint, options, listener);
    }

    /**
     * Whether the daemon subscribes to this client's requests and publishes where this client listens.
     *
     * @return true when both directions are connected.
     */
    public boolean isConnected()
    {
        return !closed && publication.isConnected() && results.isConnected() &&
            (rejects == null || rejects.isConnected());
    }

    /**
     * Wait until {@link #isConnected()}, sleeping a millisecond between checks.
     *
     * @param timeoutNs longest wait.
     * @return whether it connected in time.
     */
    public boolean awaitConnected(final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (!isConnected())
        {
            if (closed || System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return true;
    }

    @Override
    public SendOutcome sendSegments(
        final long sourceId, final long eventId, final long sendTimeNs, final int bx, final PrimitiveList primitives)
    {
        RequestEncoder.checkIds(sourceId, eventId, sendTimeNs);
        final int length = RequestEncoder.checkSegments(bx, primitives);
        final int slot = admit(sourceId, eventId);
        if (slot < 0)
        {
            return lastRefusal;
        }
        final SendOutcome outcome = claim(length);
        if (outcome != SendOutcome.SENT)
        {
            return outcome;
        }
        encoder.encodeSegments(claim.buffer(), claim.offset(), sourceId, eventId, sendTimeNs, bx, primitives);
        claim.commit();
        track(slot, sourceId, eventId, sendTimeNs);
        return SendOutcome.SENT;
    }

    @Override
    public SendOutcome sendFeatures(
        final long sourceId, final long eventId, final long sendTimeNs, final int[] raw, final int offset,
        final int count)
    {
        RequestEncoder.checkIds(sourceId, eventId, sendTimeNs);
        final int length = RequestEncoder.checkFeatures(raw, offset, count);
        final int slot = admit(sourceId, eventId);
        if (slot < 0)
        {
            return lastRefusal;
        }
        if (length > publication.maxPayloadLength())
        {
            // tryClaim takes one frame at most; offer fragments, the daemon reassembles.
            encoder.encodeFeatures(longRequest, 0, sourceId, eventId, sendTimeNs, raw, offset, count);
            final SendOutcome offered = outcome(publication.offer(longRequest, 0, length));
            if (offered != SendOutcome.SENT)
            {
                return offered;
            }
            track(slot, sourceId, eventId, sendTimeNs);
            return SendOutcome.SENT;
        }
        final SendOutcome outcome = claim(length);
        if (outcome != SendOutcome.SENT)
        {
            return outcome;
        }
        encoder.encodeFeatures(claim.buffer(), claim.offset(), sourceId, eventId, sendTimeNs, raw, offset, count);
        claim.commit();
        track(slot, sourceId, eventId, sendTimeNs);
        return SendOutcome.SENT;
    }

    /** The free tracking slot for a new request, or -1 with {@link #lastRefusal} saying why not. */
    private int admit(final long sourceId, final long eventId)
    {
        if (closed)
        {
            lastRefusal = SendOutcome.CLOSED;
            return -1;
        }
        if (inFlight.isFull())
        {
            lastRefusal = SendOutcome.IN_FLIGHT_FULL;
            return -1;
        }
        final int found = inFlight.find(sourceId, eventId);
        if (found >= 0)
        {
            lastRefusal = SendOutcome.DUPLICATE_IN_FLIGHT;
            return -1;
        }
        return -found - 1;
    }

    private SendOutcome claim(final int length)
    {
        return outcome(publication.tryClaim(length, claim));
    }

    private SendOutcome outcome(final long result)
    {
        if (result > 0)
        {
            return SendOutcome.SENT;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            backPressured++;
            return SendOutcome.BACK_PRESSURED;
        }
        if (result == Publication.NOT_CONNECTED)
        {
            notConnected++;
            return SendOutcome.NOT_CONNECTED;
        }
        return SendOutcome.CLOSED;
    }

    private void track(final int slot, final long sourceId, final long eventId, final long sendTimeNs)
    {
        inFlight.insertAt(slot, sourceId, eventId, sendTimeNs, System.nanoTime() + options.requestTimeoutNs());
        sent++;
    }

    @Override
    public int poll()
    {
        if (closed)
        {
            return 0;
        }
        int work = results.poll(fragmentHandler, options.fragmentLimit());
        if (rejects != null)
        {
            work += rejects.poll(fragmentHandler, options.fragmentLimit());
        }
        return work + expireTimeouts();
    }

    private int expireTimeouts()
    {
        if (inFlight.size() == 0)
        {
            return 0;
        }
        final long now = System.nanoTime();
        int expired = 0;
        for (int n = options.timeoutScanSlots(); n > 0; n--)
        {
            final int slot = inFlight.sweepStep(now);
            if (slot >= 0)
            {
                final long sourceId = inFlight.sourceIdAt(slot);
                final long eventId = inFlight.eventIdAt(slot);
                final long sendTimeNs = inFlight.sendTimeNsAt(slot);
                inFlight.removeAt(slot);
                timeoutCount++;
                expired++;
                listener.onTimeout(sourceId, eventId, sendTimeNs);
            }
        }
        return expired;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long now = System.nanoTime();
        final int templateId = reader.read(buffer, offset, length);
        if (templateId == AnswerReader.MALFORMED)
        {
            malformedCount++;
            listener.onMalformed(reader.verdict());
            return;
        }
        final long sourceId = reader.sourceId();
        final long eventId = reader.eventId();
        if (!inFlight.remove(sourceId, eventId))
        {
            unmatchedCount++;
            listener.onUnmatched(sourceId, eventId, templateId);
            return;
        }
        switch (templateId)
        {
            case InferenceResultDecoder.TEMPLATE_ID -> resultCount++;
            case RejectDecoder.TEMPLATE_ID -> rejectCount++;
            default -> echoCount++;
        }
        reader.deliver(templateId, buffer, offset, now, listener);
    }

    @Override
    public int inFlight()
    {
        return inFlight.size();
    }

    /** The daemon this client talks to. */
    public DaemonEndpoint endpoint()
    {
        return endpoint;
    }

    /** Requests sent (put in flight). */
    public long sent()
    {
        return sent;
    }

    /** Sends refused with {@link SendOutcome#BACK_PRESSURED}. */
    public long backPressured()
    {
        return backPressured;
    }

    /** Sends refused with {@link SendOutcome#NOT_CONNECTED}. */
    public long notConnected()
    {
        return notConnected;
    }

    /** Results matched to requests. */
    public long results()
    {
        return resultCount;
    }

    /** Rejects matched to requests. */
    public long rejects()
    {
        return rejectCount;
    }

    /** Echoed requests matched (echo server only). */
    public long echoes()
    {
        return echoCount;
    }

    /** Requests that timed out. */
    public long timeouts()
    {
        return timeoutCount;
    }

    /** Well-formed answers that matched no request in flight. */
    public long unmatched()
    {
        return unmatchedCount;
    }

    /** Messages on the result stream that failed validation. */
    public long malformed()
    {
        return malformedCount;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (ownsAeron)
        {
            CloseHelper.closeAll(rejects, results, publication, aeron);
        }
        else
        {
            CloseHelper.closeAll(rejects, results, publication);
        }
    }
}
