package io.l1infer.client;

import java.util.Objects;

/**
 * Tuning of a {@link RoutingClient}: the client tuning it shares with {@link ClientOptions}, the routing policy and
 * when an unanswered request is re-sent elsewhere.
 */
public final class RoutingOptions extends ClientTuning<RoutingOptions>
{
    /** Default {@link #maxInFlight()}: 2^15, each with its stored copy. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1 << 15;
    /** Default {@link #resendTimeoutNs()}: 500 ms. */
    public static final long DEFAULT_RESEND_TIMEOUT_NS = 500_000_000L;
    /** Default {@link #suspendNs()}: 2 s. */
    public static final long DEFAULT_SUSPEND_NS = 2_000_000_000L;

    private final RoutingPolicy policy;
    private long resendTimeoutNs = DEFAULT_RESEND_TIMEOUT_NS;
    private long suspendNs = DEFAULT_SUSPEND_NS;
    private boolean partitionFallback = true;

    /**
     * The defaults with a policy.
     *
     * @param policy how a daemon is chosen.
     */
    public RoutingOptions(final RoutingPolicy policy)
    {
        super(DEFAULT_MAX_IN_FLIGHT);
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** How a daemon is chosen. */
    public RoutingPolicy policy()
    {
        return policy;
    }

    /**
     * Set the re-send timeout: a request unanswered this long after its last transmission is sent again, to
     * another available daemon when there is one; below {@link #requestTimeoutNs()}. Keep it well above the
     * daemons' worst answer time: a daemon that is merely slow answers too, and that answer becomes a duplicate.
     *
     * @param resendTimeoutNs &gt; 0 and below the request timeout.
     * @return this.
     */
    public RoutingOptions resendTimeoutNs(final long resendTimeoutNs)
    {
        this.resendTimeoutNs = resendTimeoutNs;
        return this;
    }

    /** The re-send timeout, see {@link #resendTimeoutNs(long)}. */
    public long resendTimeoutNs()
    {
        return resendTimeoutNs;
    }

    /**
     * Set the suspension time: a daemon that let a request reach its re-send timeout gets no new requests for this
     * long, unless it answers meanwhile; afterwards it gets one probe request, and all its share again once it
     * answers.
     *
     * @param suspendNs &gt; 0.
     * @return this.
     */
    public RoutingOptions suspendNs(final long suspendNs)
    {
        this.suspendNs = suspendNs;
        return this;
    }

    /** The suspension time, see {@link #suspendNs(long)}. */
    public long suspendNs()
    {
        return suspendNs;
    }

    /**
     * Set the partition fallback: under {@link RoutingPolicy#PARTITION}, when no daemon of an event's partition is
     * available, send to any available daemon (true, the default) or refuse with {@link SendOutcome#NOT_CONNECTED}
     * (false).
     *
     * @param partitionFallback whether to fall back.
     * @return this.
     */
    public RoutingOptions partitionFallback(final boolean partitionFallback)
    {
        this.partitionFallback = partitionFallback;
        return this;
    }

    /** Whether to fall back, see {@link #partitionFallback(boolean)}. */
    public boolean partitionFallback()
    {
        return partitionFallback;
    }

    /**
     * Check every value is usable, the client tuning first, naming the offending one.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first value out of range.
     */
    @Override
    public RoutingOptions conclude()
    {
        super.conclude();
        if (resendTimeoutNs <= 0 || resendTimeoutNs >= requestTimeoutNs())
        {
            throw new IllegalArgumentException("resendTimeoutNs must be > 0 and below the request timeout (" +
                requestTimeoutNs() + " ns), got " + resendTimeoutNs);
        }
        if (suspendNs <= 0)
        {
            throw new IllegalArgumentException("suspendNs must be > 0, got " + suspendNs);
        }
        return this;
    }
}
