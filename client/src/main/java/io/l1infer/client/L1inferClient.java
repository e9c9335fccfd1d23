package io.l1infer.client;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.l1infer.codec.ModelIoLimits;
import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A client of one l1infer daemon: an exclusive publication on the daemon's ingest stream and a subscription on its
 * result stream (and reject stream, when separate). Requests are encoded straight into the publication's log
 * (tryClaim), tracked until answered in a pre-sized primitive table, and answers are validated before they are read.
 * The send and poll paths allocate nothing.
 *
 * <p>The result stream is shared by every client of the daemon: answers that match no request of this client are
 * counted as unmatched, so give each client its own source ids.
 */
public final class L1inferClient extends ClientFace
{
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final DaemonEndpoint endpoint;
    private final ExclusivePublication publication;
    private final Subscription results;
    private final Subscription rejects;
    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer longRequest = new UnsafeBuffer(new byte[RequestEncoder.MAX_REQUEST_LENGTH]);
    /** The room last reserved is {@link #longRequest}, not a claim in the log. */
    private boolean longReserved;

    /**
     * A client over an Aeron instance the caller owns (and closes after this client).
     *
     * @param aeron    connected to the daemon's media driver.
     * @param endpoint the daemon's channels and streams ({@link DaemonEndpoint#aeronDir()} is not used).
     * @param options  in-flight limit, timeout, poll limits; concluded and copied here.
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
        super(Objects.requireNonNull(options, "options").conclude(), options.requestTimeoutNs(), listener);
        this.aeron = Objects.requireNonNull(aeron, "aeron");
        this.ownsAeron = ownsAeron;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        core.transport(new ClaimTransport());
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
     * @param options  in-flight limit, timeouts, poll limits; concluded here (before connecting) and copied.
     * @param listener receives answers and timeouts on the polling thread.
     * @return the client; call {@link #awaitConnected(long)} before the first send.
     * @throws IllegalArgumentException naming a value of the options out of range.
     * @throws IllegalStateException naming the directory when no media driver answers there.
     */
    public static L1inferClient connect(
        final DaemonEndpoint endpoint, final ClientOptions options, final ResultListener listener)
    {
        // A bad value is the caller's mistake, not a missing driver: named before anything is opened.
        options.conclude();
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
        return !core.isClosed() && publication.isConnected() && results.isConnected() &&
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
            if (core.isClosed() || System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return true;
    }

    @Override
    public int poll()
    {
        if (core.isClosed())
        {
            return 0;
        }
        int work = results.poll(core, fragmentLimit);
        if (rejects != null)
        {
            work += rejects.poll(core, fragmentLimit);
        }
        return work + expireTimeouts();
    }

    private int expireTimeouts()
    {
        final InFlightRequests inFlight = core.inFlight;
        if (inFlight.size() == 0)
        {
            return 0;
        }
        final long now = System.nanoTime();
        int expired = 0;
        for (int n = inFlight.sweepSlots(now, requestTimeoutNs, timeoutScanSlots); n > 0; n--)
        {
            final int slot = inFlight.sweepStep(now);
            if (slot >= 0)
            {
                core.timeOut(slot);
                expired++;
            }
        }
        return expired;
    }

    /** The daemon this client talks to. */
    public DaemonEndpoint endpoint()
    {
        return endpoint;
    }

    @Override
    public void close()
    {
        if (!core.close())
        {
            return;
        }
        if (ownsAeron)
        {
            CloseHelper.closeAll(rejects, results, publication, aeron);
        }
        else
        {
            CloseHelper.closeAll(rejects, results, publication);
        }
    }

    /** Requests go straight into the daemon's log: claimed, encoded in place, committed; never re-sent. */
    private final class ClaimTransport implements RequestTransport
    {
        @Override
        public SendOutcome reserve(final int length)
        {
            longReserved = length > publication.maxPayloadLength();
            if (longReserved)
            {
                // tryClaim takes one frame at most: a longer request is encoded here and offered, which fragments
                // it; the daemon reassembles.
                return SendOutcome.SENT;
            }
            return outcome(publication.tryClaim(length, claim));
        }

        @Override
        public int maxInputs(final boolean wide)
        {
            return ModelIoLimits.INPUT_COUNT_MAX;
        }

        private SendOutcome outcome(final long result)
        {
            if (result > 0)
            {
                return SendOutcome.SENT;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                core.statistics.backPressured++;
                return SendOutcome.BACK_PRESSURED;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                core.statistics.notConnected++;
                return SendOutcome.NOT_CONNECTED;
            }
            return SendOutcome.CLOSED;
        }

        @Override
        public MutableDirectBuffer buffer()
        {
            return longReserved ? longRequest : claim.buffer();
        }

        @Override
        public int offset()
        {
            return longReserved ? 0 : claim.offset();
        }

        @Override
        public SendOutcome send(final int length, final int wheel, final int sector, final long nowNs)
        {
            if (longReserved)
            {
                return outcome(publication.offer(longRequest, 0, length));
            }
            claim.commit();
            return SendOutcome.SENT;
        }

        @Override
        public int payload()
        {
            return 0;
        }

        @Override
        public int answered(final long sourceId, final long eventId, final int sessionId, final long nowNs)
        {
            return core.inFlight.remove(sourceId, eventId) ? MATCHED : UNMATCHED;
        }
    }
}
