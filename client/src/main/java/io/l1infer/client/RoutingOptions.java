package io.l1infer.client;

import java.util.Objects;

/**
 * Tuning of a {@link RoutingClient}: the per-client options, the routing policy and when an unanswered request is
 * re-sent elsewhere.
 *
 * @param client            in-flight limit, overall request timeout (after which the request is reported through
 *                          {@link ResultListener#onTimeout}), poll limits and driver timeout. The routing client
 *                          keeps a copy of every request in flight for re-sending:
 *                          {@link RoutingClient#STORED_REQUEST_BYTES} bytes per {@link ClientOptions#maxInFlight()},
 *                          allocated up front.
 * @param policy            how a daemon is chosen.
 * @param resendTimeoutNs   a request unanswered this long after its last transmission is sent again, to another
 *                          available daemon when there is one; below {@link ClientOptions#requestTimeoutNs()}.
 *                          Keep it well above the daemons' worst answer time: a daemon that is merely slow
 *                          answers too, and that answer becomes a duplicate.
 * @param suspendNs         a daemon that let a request reach its re-send timeout gets no new requests for this
 *                          long, unless it answers meanwhile; afterwards it gets one probe request, and all
 *                          its share again once it answers.
 * @param partitionFallback under {@link RoutingPolicy#PARTITION}: when no daemon of an event's partition is
 *                          available, send to any available daemon (true) or refuse with
 *                          {@link SendOutcome#NOT_CONNECTED} (false).
 */
public record RoutingOptions(ClientOptions client, RoutingPolicy policy, long resendTimeoutNs, long suspendNs,
                             boolean partitionFallback)
{
    /** Default {@link #client()}: the client defaults with 2^15 requests in flight. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1 << 15;
    /** Default {@link #resendTimeoutNs()}: 500 ms. */
    public static final long DEFAULT_RESEND_TIMEOUT_NS = 500_000_000L;
    /** Default {@link #suspendNs()}: 2 s. */
    public static final long DEFAULT_SUSPEND_NS = 2_000_000_000L;

    /** Checks every value is usable, naming the offending one. */
    public RoutingOptions
    {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(policy, "policy");
        if (resendTimeoutNs <= 0 || resendTimeoutNs >= client.requestTimeoutNs())
        {
            throw new IllegalArgumentException("resendTimeoutNs must be > 0 and below the request timeout (" +
                client.requestTimeoutNs() + " ns), got " + resendTimeoutNs);
        }
        if (suspendNs <= 0)
        {
            throw new IllegalArgumentException("suspendNs must be > 0, got " + suspendNs);
        }
    }

    /**
     * The defaults with a policy.
     *
     * @param policy how a daemon is chosen.
     * @return options with every other value at its default.
     */
    public static RoutingOptions defaults(final RoutingPolicy policy)
    {
        return new RoutingOptions(ClientOptions.defaults().withMaxInFlight(DEFAULT_MAX_IN_FLIGHT), policy,
            DEFAULT_RESEND_TIMEOUT_NS, DEFAULT_SUSPEND_NS, true);
    }

    /**
     * These options with other client options.
     *
     * @param value the new {@link #client()}.
     * @return new options.
     */
    public RoutingOptions withClient(final ClientOptions value)
    {
        return new RoutingOptions(value, policy, resendTimeoutNs, suspendNs, partitionFallback);
    }

    /**
     * These options with another re-send timeout.
     *
     * @param value the new {@link #resendTimeoutNs()}.
     * @return new options.
     */
    public RoutingOptions withResendTimeoutNs(final long value)
    {
        return new RoutingOptions(client, policy, value, suspendNs, partitionFallback);
    }

    /**
     * These options with another suspension time.
     *
     * @param value the new {@link #suspendNs()}.
     * @return new options.
     */
    public RoutingOptions withSuspendNs(final long value)
    {
        return new RoutingOptions(client, policy, resendTimeoutNs, value, partitionFallback);
    }

    /**
     * These options with another partition fallback.
     *
     * @param value the new {@link #partitionFallback()}.
     * @return new options.
     */
    public RoutingOptions withPartitionFallback(final boolean value)
    {
        return new RoutingOptions(client, policy, resendTimeoutNs, suspendNs, value);
    }
}
