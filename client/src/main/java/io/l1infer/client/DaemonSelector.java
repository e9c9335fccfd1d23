package io.l1infer.client;

import java.util.List;

/**
 * Per-daemon availability and load for a {@link RoutingClient}, and the choice of a daemon for one request under
 * a {@link RoutingPolicy}. A daemon is available when its streams are connected and it is not suspended. A
 * suspension (a request of it reached its re-send timeout) lasts until the daemon answers something or the
 * suspension time passes; then the daemon gets one probe request and no more until it answers (available again)
 * or the probe reaches its re-send timeout too (suspended again), so a dead daemon costs one re-sent request per
 * suspension period, not a burst. Primitive arrays, no allocation; single-threaded.
 */
final class DaemonSelector
{
    /** Most daemons one routing client handles (exclusion sets are one long). */
    static final int MAX_DAEMONS = 64;
    /** The wheel argument of {@link #choose} for a request without detector coordinates. */
    static final int NO_PARTITION = Integer.MIN_VALUE;

    private final RoutingPolicy policy;
    private final boolean partitionFallback;
    private final long suspendNs;
    private final int count;
    private final int[] wheelFrom;
    private final int[] wheelTo;
    private final int[] sectorFrom;
    private final int[] sectorTo;
    private final boolean[] reachable;
    private final boolean[] suspended;
    private final long[] suspendedUntilNs;
    /** Suspension over and one probe request sent: no more until it answers or the probe times out. */
    private final boolean[] probing;
    private final int[] inFlight;
    private final long[] transmissions;
    private final long[] answers;
    private final long[] suspensions;
    private int cursor;

    DaemonSelector(final List<DetectorPartition> partitions, final RoutingPolicy policy,
        final boolean partitionFallback, final long suspendNs)
    {
        count = partitions.size();
        if (count < 1 || count > MAX_DAEMONS)
        {
            throw new IllegalArgumentException("a routing client needs 1.." + MAX_DAEMONS + " daemons, got " + count);
        }
        this.policy = policy;
        this.partitionFallback = partitionFallback;
        this.suspendNs = suspendNs;
        wheelFrom = new int[count];
        wheelTo = new int[count];
        sectorFrom = new int[count];
        sectorTo = new int[count];
        for (int d = 0; d < count; d++)
        {
            final DetectorPartition p = partitions.get(d);
            wheelFrom[d] = p.wheelFrom();
            wheelTo[d] = p.wheelTo();
            sectorFrom[d] = p.sectorFrom();
            sectorTo[d] = p.sectorTo();
        }
        reachable = new boolean[count];
        suspended = new boolean[count];
        suspendedUntilNs = new long[count];
        probing = new boolean[count];
        inFlight = new int[count];
        transmissions = new long[count];
        answers = new long[count];
        suspensions = new long[count];
    }

    int count()
    {
        return count;
    }

    /** Record whether the daemon's ingest publication and result subscriptions are connected. */
    void reachable(final int daemon, final boolean value)
    {
        reachable[daemon] = value;
    }

    boolean isReachable(final int daemon)
    {
        return reachable[daemon];
    }

    /** Reachable, and not suspended or due for its probe request. */
    boolean isAvailable(final int daemon, final long nowNs)
    {
        return reachable[daemon] &&
            (!suspended[daemon] || (!probing[daemon] && nowNs - suspendedUntilNs[daemon] >= 0));
    }

    /**
     * The daemon for a request, or -1 when the policy allows none.
     *
     * @param wheel    wheel of the deciding primitive, or {@link #NO_PARTITION}.
     * @param sector   sector of the deciding primitive (ignored without a wheel).
     * @param excluded bit {@code d} set: daemon {@code d} already refused this request.
     * @param nowNs    the time, for suspensions.
     */
    int choose(final int wheel, final int sector, final long excluded, final long nowNs)
    {
        if (policy == RoutingPolicy.ROUND_ROBIN)
        {
            return roundRobin(excluded, nowNs);
        }
        if (policy == RoutingPolicy.PARTITION && wheel != NO_PARTITION)
        {
            boolean partitionAvailable = false;
            for (int d = 0; d < count; d++)
            {
                if (covers(d, wheel, sector) && isAvailable(d, nowNs))
                {
                    partitionAvailable = true;
                    break;
                }
            }
            if (partitionAvailable)
            {
                // Refused by every daemon of the partition: back pressure, which the caller reports.
                return leastInFlight(true, wheel, sector, excluded, nowNs);
            }
            if (!partitionFallback)
            {
                return -1;
            }
        }
        return leastInFlight(false, 0, 0, excluded, nowNs);
    }

    private boolean covers(final int d, final int wheel, final int sector)
    {
        return wheel >= wheelFrom[d] && wheel <= wheelTo[d] && sector >= sectorFrom[d] && sector <= sectorTo[d];
    }

    private int roundRobin(final long excluded, final long nowNs)
    {
        for (int i = 0; i < count; i++)
        {
            final int d = (cursor + i) % count;
            if ((excluded & (1L << d)) == 0 && isAvailable(d, nowNs))
            {
                cursor = (d + 1) % count;
                return d;
            }
        }
        return -1;
    }

    private int leastInFlight(final boolean inPartition, final int wheel, final int sector, final long excluded,
        final long nowNs)
    {
        int best = -1;
        // Start where the last choice left off, so equal loads are taken in turn.
        for (int i = 0; i < count; i++)
        {
            final int d = (cursor + i) % count;
            if ((excluded & (1L << d)) == 0 && isAvailable(d, nowNs) && (!inPartition || covers(d, wheel, sector)) &&
                (best < 0 || inFlight[d] < inFlight[best]))
            {
                best = d;
            }
        }
        if (best >= 0)
        {
            cursor = (best + 1) % count;
        }
        return best;
    }

    /** A transmission to the daemon succeeded: one more request in flight there. */
    void onTransmitted(final int daemon)
    {
        inFlight[daemon]++;
        transmissions[daemon]++;
        if (suspended[daemon])
        {
            probing[daemon] = true;
        }
    }

    /** A request in flight at the daemon was answered (by it or by another daemon) or given up. */
    void onCompleted(final int daemon)
    {
        inFlight[daemon]--;
    }

    /** The daemon answered a request: it is evidently alive, so any suspension ends. */
    void onAnswerFrom(final int daemon)
    {
        answers[daemon]++;
        suspended[daemon] = false;
        probing[daemon] = false;
    }

    /** A request last sent to the daemon reached its re-send timeout there: count it off and suspend the daemon. */
    void onResendTimeout(final int daemon, final long nowNs)
    {
        inFlight[daemon]--;
        if (!suspended[daemon] || nowNs - suspendedUntilNs[daemon] >= 0)
        {
            suspensions[daemon]++;
        }
        suspended[daemon] = true;
        probing[daemon] = false;
        suspendedUntilNs[daemon] = nowNs + suspendNs;
    }

    int inFlight(final int daemon)
    {
        return inFlight[daemon];
    }

    long transmissions(final int daemon)
    {
        return transmissions[daemon];
    }

    long answers(final int daemon)
    {
        return answers[daemon];
    }

    long suspensions(final int daemon)
    {
        return suspensions[daemon];
    }
}
