package io.l1infer.client;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Hashing;
import org.agrona.collections.Int2IntHashMap;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A client of several daemons over one Aeron client: one exclusive publication per daemon's ingest stream, one
 * subscription per distinct result (and reject) stream, shared by the daemons that answer on it. Each request is
 * encoded once into a stored copy and offered to the daemon the {@link RoutingPolicy} picks among the available
 * ones; a daemon whose publication is not connected (NOT_CONNECTED, or no subscriber) or whose result stream has
 * no image is skipped.
 *
 * <p><b>Delivery: at least once to the daemons, at most once to the listener.</b> A request unanswered
 * {@link RoutingOptions#resendTimeoutNs()} after its last transmission is sent again, to another available daemon
 * when there is one (else to the same one), and the daemon that let it wait is suspended for new requests; this
 * repeats until the request is answered or {@link RoutingOptions#requestTimeoutNs()} after its first transmission,
 * when it is reported once through {@link ResultListener#onTimeout}. The listener gets exactly one answer or one
 * timeout per request sent; further answers to a request that was sent more than once are counted as
 * {@link ClientStatistics#duplicates()} and passed to {@link ResultListener#onUnmatched}. Consumers that read the
 * result streams directly see every answer, duplicates included, and drop them by (source id, event id).
 *
 * <p><b>Media driver loss.</b> A client made by {@link #connect} survives the loss of its media driver: its Aeron
 * client closes with the driver, sends answer NOT_CONNECTED, requests in flight wait as for any silent daemon, and
 * {@link #poll()} looks for a driver in the same directory every {@value #RECONNECT_INTERVAL_MS} ms; once one is
 * active it connects a new Aeron client, opens the streams again, and the re-send sweep sends every request still
 * unanswered (within {@link RoutingOptions#requestTimeoutNs()} of its first transmission) to the daemons as they
 * come back. A client over a caller's Aeron instance leaves that to the caller.
 *
 * <p>Send and poll allocate nothing (a reconnection allocates, once). Single-threaded, like {@link L1inferClient}.
 */
public final class RoutingClient extends ClientFace
{
    /** Bytes of stored request copy per {@link RoutingOptions#maxInFlight()}. */
    public static final int STORED_REQUEST_BYTES = StoredRequests.SLOT_BYTES;

    /**
     * Most inputs of a feature vector this client routes (the wire takes more): each request in flight is kept in
     * a fixed slot of {@link #STORED_REQUEST_BYTES}; send longer vectors with an {@link L1inferClient} per daemon.
     */
    public static final int MAX_ROUTED_INPUTS = RequestEncoder.ROUTED_INPUT_COUNT_MAX;

    /** Most int64 inputs of a feature vector this client routes: as many as fit the same stored slot (35). */
    public static final int MAX_ROUTED_WIDE_INPUTS =
        (STORED_REQUEST_BYTES - RequestEncoder.wideFeaturesLength(0)) / Long.BYTES;

    /** How soon a request whose re-send found no daemon willing is tried again. */
    private static final long RESEND_RETRY_NS = 1_000_000L;
    /** How often a client whose media driver is gone looks for a new one. */
    static final long RECONNECT_INTERVAL_MS = 250;

    private Aeron aeron;
    private final boolean ownsAeron;
    /** Where to look for a new media driver after a loss; null when the caller owns the Aeron client. */
    private final String reconnectDir;
    private final long driverTimeoutMs;
    private final String[] subscriptionChannels;
    private final int[] subscriptionStreams;
    private long nextReconnectNs;
    private long reconnects;
    private final List<RoutedDaemon> daemons;
    private final long resendTimeoutNs;
    private final ExclusivePublication[] publications;
    private final Subscription[] subscriptions;
    /** Per daemon, the indices into {@link #subscriptions} its answers arrive on. */
    private final int[][] answerStreams;
    private final DaemonSelector selector;
    private final StoredRequests stored;
    private final InFlightRequests inFlight;
    /** Requests answered after more than one transmission, kept for a request timeout to recognise duplicates. */
    private final InFlightRequests answeredAfterResend;
    /** Aeron session id of a result image to the daemon publishing it, learnt from unambiguous answers. */
    private final Int2IntHashMap sessionDaemons = new Int2IntHashMap(256, Hashing.DEFAULT_LOAD_FACTOR, -1);

    /** The room last reserved for a request being sent. */
    private int reservedSlot;
    /** Why the last refused transmission was refused; a field so refusing allocates nothing. */
    private SendOutcome lastRefusal = SendOutcome.CLOSED;

    /**
     * A routing client over an Aeron instance the caller owns (and closes after this client).
     *
     * @param aeron    connected to the local media driver through which every daemon is reached.
     * @param daemons  1..64 daemons; their order is the index used by the per-daemon accessors.
     * @param options  policy, re-send and in-flight settings; concluded and copied here.
     * @param listener receives answers and timeouts on the polling thread.
     */
    public RoutingClient(
        final Aeron aeron, final List<RoutedDaemon> daemons, final RoutingOptions options,
        final ResultListener listener)
    {
        this(aeron, false, null, daemons, options, listener);
    }

    private RoutingClient(
        final Aeron aeron,
        final boolean ownsAeron,
        final String reconnectDir,
        final List<RoutedDaemon> daemons,
        final RoutingOptions options,
        final ResultListener listener)
    {
        super(Objects.requireNonNull(options, "options").conclude(), options.resendTimeoutNs(), listener);
        this.aeron = Objects.requireNonNull(aeron, "aeron");
        this.ownsAeron = ownsAeron;
        this.reconnectDir = reconnectDir;
        this.driverTimeoutMs = driverTimeoutMs(options);
        this.daemons = List.copyOf(daemons);
        this.resendTimeoutNs = options.resendTimeoutNs();
        final List<DetectorPartition> partitions = new ArrayList<>();
        final List<String> ingestKeys = new ArrayList<>();
        for (final RoutedDaemon d : this.daemons)
        {
            partitions.add(d.partition());
            // Two routes to one ingest stream would be two publications to the same daemons: every event twice.
            final String ingest = d.endpoint().ingestStream() + " " + d.endpoint().ingestChannel();
            if (ingestKeys.contains(ingest))
            {
                throw new IllegalArgumentException("daemons " + this.daemons.get(ingestKeys.indexOf(ingest)).name() +
                    " and " + d.name() + " share the ingest stream " + d.endpoint().ingestStream() + " on " +
                    d.endpoint().ingestChannel() + ": route to each ingest stream once");
            }
            ingestKeys.add(ingest);
        }
        selector = new DaemonSelector(partitions, options.policy(), options.partitionFallback(), options.suspendNs());
        final int maxInFlight = options.maxInFlight();
        stored = new StoredRequests(maxInFlight);
        inFlight = core.inFlight;
        answeredAfterResend = new InFlightRequests(maxInFlight);

        final int n = this.daemons.size();
        publications = new ExclusivePublication[n];
        answerStreams = new int[n][];
        final List<String> streamKeys = new ArrayList<>();
        final List<Subscription> subs = new ArrayList<>();
        try
        {
            for (int d = 0; d < n; d++)
            {
                final DaemonEndpoint e = this.daemons.get(d).endpoint();
                publications[d] = aeron.addExclusivePublication(e.ingestChannel(), e.ingestStream());
                answerStreams[d] = e.separateRejectStream() ?
                    new int[] {subscribe(e.resultChannel(), e.resultStream(), streamKeys, subs),
                        subscribe(e.resultChannel(), e.rejectStream(), streamKeys, subs)} :
                    new int[] {subscribe(e.resultChannel(), e.resultStream(), streamKeys, subs)};
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(subs);
            CloseHelper.quietCloseAll(publications);
            if (ownsAeron)
            {
                CloseHelper.quietClose(aeron);
            }
            throw new IllegalStateException("cannot open the streams of the daemons " + this.daemons + ": " + ex, ex);
        }
        subscriptions = subs.toArray(new Subscription[0]);
        subscriptionChannels = new String[streamKeys.size()];
        subscriptionStreams = new int[streamKeys.size()];
        for (int i = 0; i < streamKeys.size(); i++)
        {
            final String key = streamKeys.get(i);
            final int space = key.indexOf(' ');
            subscriptionStreams[i] = Integer.parseInt(key.substring(0, space));
            subscriptionChannels[i] = key.substring(space + 1);
        }
        core.transport(new StoredCopyTransport());
    }

    private static long driverTimeoutMs(final RoutingOptions options)
    {
        return Math.max(1, options.driverTimeoutNs() / 1_000_000L);
    }

    private static Aeron.Context context(final String aeronDir, final long driverTimeoutMs)
    {
        return new Aeron.Context()
            .aeronDirectoryName(aeronDir)
            .driverTimeoutMs(driverTimeoutMs)
            .errorHandler(StderrErrorHandler.INSTANCE)
            .clientName("l1infer-routing-client");
    }

    /** Times this client connected a new Aeron client after losing its media driver. */
    public long reconnects()
    {
        return reconnects;
    }

    /**
     * After the media driver was lost: when one is active in the directory again, connect to it and open every
     * stream again; the re-send sweep then sends what is still unanswered.
     */
    private int reconnect(final long nowNs)
    {
        if (reconnectDir == null || nowNs - nextReconnectNs < 0)
        {
            return 0;
        }
        nextReconnectNs = nowNs + RECONNECT_INTERVAL_MS * 1_000_000L;
        try
        {
            if (!CommonContext.isDriverActive(new File(reconnectDir), driverTimeoutMs, (message) -> { }))
            {
                return 0;
            }
        }
        catch (final RuntimeException driverStillStarting)
        {
            return 0;
        }
        Aeron fresh = null;
        final ExclusivePublication[] newPublications = new ExclusivePublication[publications.length];
        final Subscription[] newSubscriptions = new Subscription[subscriptions.length];
        try
        {
            fresh = Aeron.connect(context(reconnectDir, driverTimeoutMs));
            for (int d = 0; d < publications.length; d++)
            {
                final DaemonEndpoint e = daemons.get(d).endpoint();
                newPublications[d] = fresh.addExclusivePublication(e.ingestChannel(), e.ingestStream());
            }
            for (int i = 0; i < subscriptions.length; i++)
            {
                newSubscriptions[i] = fresh.addSubscription(subscriptionChannels[i], subscriptionStreams[i]);
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(newSubscriptions);
            CloseHelper.quietCloseAll(newPublications);
            CloseHelper.quietClose(fresh);
            return 0;
        }
        CloseHelper.quietCloseAll(subscriptions);
        CloseHelper.quietCloseAll(publications);
        CloseHelper.quietClose(aeron);
        aeron = fresh;
        System.arraycopy(newPublications, 0, publications, 0, publications.length);
        System.arraycopy(newSubscriptions, 0, subscriptions, 0, subscriptions.length);
        // Result images of restarted daemons come with new sessions.
        sessionDaemons.clear();
        reconnects++;
        return 1;
    }

    private int subscribe(final String channel, final int stream, final List<String> keys,
        final List<Subscription> subs)
    {
        final String key = stream + " " + channel;
        final int existing = keys.indexOf(key);
        if (existing >= 0)
        {
            return existing;
        }
        subs.add(aeron.addSubscription(channel, stream));
        keys.add(key);
        return subs.size() - 1;
    }

    /**
     * Connect to the local media driver with a new Aeron client that this client owns and closes.
     *
     * @param aeronDir Aeron directory of the media driver on this host.
     * @param daemons  1..64 daemons.
     * @param options  policy, re-send and in-flight settings; concluded here (before connecting) and copied.
     * @param listener receives answers and timeouts on the polling thread.
     * @return the client; call {@link #awaitConnected(int, long)} before the first send.
     * @throws IllegalArgumentException naming a value of the options out of range.
     * @throws IllegalStateException naming the directory when no media driver answers there.
     */
    public static RoutingClient connect(
        final String aeronDir, final List<RoutedDaemon> daemons, final RoutingOptions options,
        final ResultListener listener)
    {
        // A bad value is the caller's mistake, not a missing driver: named before anything is opened.
        options.conclude();
        final Aeron aeron;
        try
        {
            aeron = Aeron.connect(context(aeronDir, driverTimeoutMs(options)));
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("cannot connect to an Aeron media driver at " + aeronDir +
                " (is the host's media driver running?): " + ex, ex);
        }
        try
        {
            return new RoutingClient(aeron, true, aeronDir, daemons, options, listener);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(aeron);
            throw ex;
        }
    }

    /**
     * Wait until at least {@code daemonCount} daemons are reachable (ingest publication and answer streams
     * connected) and every result stream has an image from each reachable daemon answering on it, sleeping a
     * millisecond between checks. Until a daemon's result image is there, its answers are published to nobody
     * and lost (the daemon counts them as undeliverable), and only a re-send recovers them.
     *
     * @param daemonCount how many must be reachable, 1..{@link #daemonCount()}.
     * @param timeoutNs   longest wait.
     * @return whether they were in time.
     */
    public boolean awaitConnected(final int daemonCount, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (refreshReachability() < daemonCount || !everyResultImagePresent())
        {
            if (core.isClosed() || System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return true;
    }

    /**
     * Whether each result subscription has at least as many images as reachable daemons answer on it. (Which
     * image is whose cannot be told from the subscription, so once running, a shared result stream counts as
     * connected while any daemon's image is there; give each daemon its own result stream or channel for exact
     * tracking.)
     */
    private boolean everyResultImagePresent()
    {
        for (int s = 0; s < subscriptions.length; s++)
        {
            int expected = 0;
            for (int d = 0; d < answerStreams.length; d++)
            {
                for (final int stream : answerStreams[d])
                {
                    expected += stream == s && selector.isReachable(d) ? 1 : 0;
                }
            }
            if (subscriptions[s].imageCount() < expected)
            {
                return false;
            }
        }
        return true;
    }

    /** Update each daemon's reachability from its streams; returns how many are reachable. */
    private int refreshReachability()
    {
        if (core.isClosed())
        {
            return 0;
        }
        int reachable = 0;
        for (int d = 0; d < publications.length; d++)
        {
            boolean up = publications[d].isConnected();
            for (final int s : answerStreams[d])
            {
                up &= subscriptions[s].isConnected();
            }
            selector.reachable(d, up);
            reachable += up ? 1 : 0;
        }
        return reachable;
    }

    /**
     * Offer a stored request to the daemons the policy picks, in turn, until one takes it.
     *
     * @param excluded daemons not to try.
     * @return the daemon that took it, or -1 with {@link #lastRefusal} saying why not.
     */
    private int transmit(final int slot, final long excluded, final long nowNs)
    {
        final int wheel = stored.wheel(slot);
        final int sector = stored.sector(slot);
        long tried = excluded;
        SendOutcome refusal = SendOutcome.NOT_CONNECTED;
        while (true)
        {
            final int d = selector.choose(wheel, sector, tried, nowNs);
            if (d < 0)
            {
                lastRefusal = refusal;
                return -1;
            }
            final SendOutcome outcome = offer(d, slot, nowNs);
            if (outcome == SendOutcome.SENT)
            {
                return d;
            }
            if (outcome == SendOutcome.BACK_PRESSURED)
            {
                refusal = SendOutcome.BACK_PRESSURED;
            }
            tried |= 1L << d;
        }
    }

    /** Offer a stored request to one daemon, keeping the counts and the daemon's reachability up to date. */
    private SendOutcome offer(final int d, final int slot, final long nowNs)
    {
        final long result = publications[d].offer(stored.buffer(), stored.offset(slot), stored.length(slot));
        if (result > 0)
        {
            selector.onTransmitted(d);
            stored.transmitted(slot, d, nowNs);
            return SendOutcome.SENT;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            core.statistics.backPressured++;
            return SendOutcome.BACK_PRESSURED;
        }
        // NOT_CONNECTED, CLOSED or MAX_POSITION_EXCEEDED: unusable until its streams say otherwise.
        core.statistics.notConnected++;
        selector.reachable(d, false);
        return SendOutcome.NOT_CONNECTED;
    }

    @Override
    public int poll()
    {
        if (core.isClosed())
        {
            return 0;
        }
        int work = 0;
        if (aeron.isClosed())
        {
            work += reconnect(System.nanoTime());
        }
        refreshReachability();
        for (final Subscription s : subscriptions)
        {
            work += s.poll(core, fragmentLimit);
        }
        final long now = System.nanoTime();
        return work + sweepInFlight(now) + sweepAnswered(now);
    }

    /** Re-send or time out the requests past their deadline among a few table slots. */
    private int sweepInFlight(final long nowNs)
    {
        if (inFlight.size() == 0)
        {
            return 0;
        }
        int handled = 0;
        // Retries after RESEND_RETRY_NS may come up to one sweep period late; re-sends and timeouts set the pace.
        final int scan = inFlight.sweepSlots(nowNs, Math.min(resendTimeoutNs, requestTimeoutNs), timeoutScanSlots);
        for (int n = scan; n > 0; n--)
        {
            final int tableSlot = inFlight.sweepStep(nowNs);
            if (tableSlot < 0)
            {
                continue;
            }
            handled++;
            final int slot = inFlight.payloadAt(tableSlot);
            final long finalDeadline = stored.firstSentNs(slot) + requestTimeoutNs;
            if (nowNs - finalDeadline >= 0)
            {
                if (stored.daemon(slot) >= 0)
                {
                    selector.onCompleted(stored.daemon(slot));
                }
                stored.release(slot);
                core.timeOut(tableSlot);
            }
            else
            {
                resend(tableSlot, slot, finalDeadline, nowNs);
            }
        }
        return handled;
    }

    /**
     * Send a request that reached its re-send deadline again: to another available daemon when there is one, else
     * (none available, not merely back-pressured) to the daemon it was last sent to if that one is still
     * reachable; when nobody takes it, try again shortly.
     */
    private void resend(final int tableSlot, final int slot, final long finalDeadline, final long nowNs)
    {
        final int current = stored.daemon(slot);
        if (current >= 0)
        {
            selector.onResendTimeout(current, nowNs);
            stored.detach(slot);
        }
        final int last = stored.lastDaemon(slot);
        int d = transmit(slot, 1L << last, nowNs);
        // The same daemon again only when no other is available (not merely busy): it may have been restarted.
        if (d < 0 && lastRefusal == SendOutcome.NOT_CONNECTED && selector.isReachable(last) &&
            offer(last, slot, nowNs) == SendOutcome.SENT)
        {
            d = last;
        }
        if (d >= 0)
        {
            core.statistics.resends++;
            inFlight.deadlineAt(tableSlot, Math.min(nowNs + resendTimeoutNs, finalDeadline));
        }
        else
        {
            inFlight.deadlineAt(tableSlot, Math.min(nowNs + RESEND_RETRY_NS, finalDeadline));
        }
    }

    private int sweepAnswered(final long nowNs)
    {
        if (answeredAfterResend.size() == 0)
        {
            return 0;
        }
        int expired = 0;
        final int scan = answeredAfterResend.sweepSlots(nowNs, requestTimeoutNs, timeoutScanSlots);
        for (int n = scan; n > 0; n--)
        {
            final int slot = answeredAfterResend.sweepStep(nowNs);
            if (slot >= 0)
            {
                answeredAfterResend.removeAt(slot);
                expired++;
            }
        }
        return expired;
    }

    /** The routing side of an answer: free its stored copy, credit its daemon, remember re-sent ones. */
    private int answered(final long sourceId, final long eventId, final int sessionId, final long nowNs)
    {
        final int tableSlot = inFlight.find(sourceId, eventId);
        if (tableSlot < 0)
        {
            return answeredAfterResend.find(sourceId, eventId) >= 0 ?
                RequestTransport.DUPLICATE : RequestTransport.UNMATCHED;
        }
        final int slot = inFlight.payloadAt(tableSlot);
        inFlight.removeAt(tableSlot);
        if (stored.daemon(slot) >= 0)
        {
            selector.onCompleted(stored.daemon(slot));
        }
        final int from = answeringDaemon(slot, sessionId);
        if (from >= 0)
        {
            selector.onAnswerFrom(from);
        }
        else
        {
            core.statistics.unattributed++;
        }
        if (stored.transmissions(slot) > 1 && !answeredAfterResend.isFull())
        {
            final int free = answeredAfterResend.find(sourceId, eventId);
            answeredAfterResend.insertAt(-free - 1, sourceId, eventId, 0, nowNs + requestTimeoutNs);
        }
        stored.release(slot);
        return RequestTransport.MATCHED;
    }

    /**
     * Which daemon sent an answer. A request sent to one daemon only was answered by it, which also teaches the
     * Aeron session of that daemon's result image; a request sent to several is attributed by that session.
     *
     * @return the daemon, or -1 when it cannot be told.
     */
    private int answeringDaemon(final int slot, final int sessionId)
    {
        final long tried = stored.daemonsTried(slot);
        if (Long.bitCount(tried) == 1)
        {
            final int d = Long.numberOfTrailingZeros(tried);
            if (sessionDaemons.get(sessionId) != d)
            {
                sessionDaemons.put(sessionId, d);
            }
            return d;
        }
        final int d = sessionDaemons.get(sessionId);
        return d >= 0 && (tried & (1L << d)) != 0 ? d : -1;
    }

    /** The number of daemons routed over. */
    public int daemonCount()
    {
        return daemons.size();
    }

    /** Daemon {@code d} as configured. */
    public RoutedDaemon daemon(final int d)
    {
        return daemons.get(d);
    }

    /** Whether daemon {@code d} would be chosen now: reachable at the last poll and not suspended. */
    public boolean isAvailable(final int d)
    {
        return selector.isAvailable(d, System.nanoTime());
    }

    /** Transmissions to daemon {@code d}, re-sends included. */
    public long transmissionsTo(final int d)
    {
        return selector.transmissions(d);
    }

    /**
     * Answers that came from daemon {@code d}, first answers only (duplicates are not attributed). An answer to a
     * request sent to one daemon is that daemon's; after a re-send it is attributed by the Aeron session of the
     * result image it arrived on, as learnt from earlier answers; see {@link ClientStatistics#unattributed()}.
     */
    public long answersFrom(final int d)
    {
        return selector.answers(d);
    }

    /** Times daemon {@code d} was suspended because a request reached its re-send timeout there. */
    public long suspensionsOf(final int d)
    {
        return selector.suspensions(d);
    }

    @Override
    public void close()
    {
        if (!core.close())
        {
            return;
        }
        CloseHelper.closeAll(subscriptions);
        CloseHelper.closeAll(publications);
        if (ownsAeron)
        {
            CloseHelper.close(aeron);
        }
    }

    /** Requests are encoded once into a stored copy and offered to the daemon the policy picks, re-sent if need be. */
    private final class StoredCopyTransport implements RequestTransport
    {
        @Override
        public SendOutcome reserve(final int length)
        {
            reservedSlot = stored.allocate();
            return SendOutcome.SENT;
        }

        @Override
        public int maxInputs(final boolean wide)
        {
            return wide ? MAX_ROUTED_WIDE_INPUTS : MAX_ROUTED_INPUTS;
        }

        @Override
        public MutableDirectBuffer buffer()
        {
            return stored.buffer();
        }

        @Override
        public int offset()
        {
            return stored.offset(reservedSlot);
        }

        @Override
        public SendOutcome send(final int length, final int wheel, final int sector, final long nowNs)
        {
            stored.describe(reservedSlot, length, wheel, sector);
            if (transmit(reservedSlot, 0L, nowNs) < 0)
            {
                stored.release(reservedSlot);
                return lastRefusal;
            }
            return SendOutcome.SENT;
        }

        @Override
        public int payload()
        {
            return reservedSlot;
        }

        @Override
        public int answered(final long sourceId, final long eventId, final int sessionId, final long nowNs)
        {
            return RoutingClient.this.answered(sourceId, eventId, sessionId, nowNs);
        }
    }
}
