package io.l1infer.client;

/**
 * Tuning of one {@link L1inferClient}: how many requests may await an answer, when an unanswered request counts as
 * timed out, and how much one {@link L1inferClient#poll()} takes.
 *
 * @param maxInFlight        most requests awaiting an answer; a send beyond it returns
 *                           {@link SendOutcome#IN_FLIGHT_FULL}. The tracking table is sized for it up front.
 * @param requestTimeoutNs   a request unanswered this long after it was sent is reported through
 *                           {@link ResultListener#onTimeout} and forgotten.
 * @param fragmentLimit      most messages one poll dispatches per subscription.
 * @param timeoutScanSlots   most tracking-table slots one poll examines for expired requests; polls examine
 *                           slots in proportion to the time passed, so that the whole table is swept once per
 *                           {@code requestTimeoutNs / 16} (within 1..100 ms) when polled often enough, which
 *                           bounds how late a timeout is reported.
 * @param driverTimeoutNs    how long {@link L1inferClient#connect} waits for a media driver, and the Aeron client's
 *                           driver liveness timeout (use the daemon's {@code l1infer.driver.timeout}).
 */
public record ClientOptions(int maxInFlight, long requestTimeoutNs, int fragmentLimit, int timeoutScanSlots,
                            long driverTimeoutNs)
{
    /** Default {@link #maxInFlight}: 2^17, over a second of requests at 100 kHz. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1 << 17;
    /** Default {@link #requestTimeoutNs}: 10 s. */
    public static final long DEFAULT_REQUEST_TIMEOUT_NS = 10_000_000_000L;
    /** Default {@link #fragmentLimit}. */
    public static final int DEFAULT_FRAGMENT_LIMIT = 256;
    /** Default {@link #timeoutScanSlots}. */
    public static final int DEFAULT_TIMEOUT_SCAN_SLOTS = 64;
    /** Default {@link #driverTimeoutNs}: 10 s, the daemon's default. */
    public static final long DEFAULT_DRIVER_TIMEOUT_NS = 10_000_000_000L;

    /** Checks every value is usable, naming the offending one. */
    public ClientOptions
    {
        if (maxInFlight < 1 || maxInFlight > (1 << 28))
        {
            throw new IllegalArgumentException("maxInFlight must be in 1..2^28, got " + maxInFlight);
        }
        if (requestTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("requestTimeoutNs must be > 0, got " + requestTimeoutNs);
        }
        if (fragmentLimit < 1)
        {
            throw new IllegalArgumentException("fragmentLimit must be >= 1, got " + fragmentLimit);
        }
        if (timeoutScanSlots < 1)
        {
            throw new IllegalArgumentException("timeoutScanSlots must be >= 1, got " + timeoutScanSlots);
        }
        if (driverTimeoutNs < 1_000_000L)
        {
            throw new IllegalArgumentException("driverTimeoutNs must be >= 1 ms, got " + driverTimeoutNs);
        }
    }

    /**
     * The defaults.
     *
     * @return options with every default value.
     */
    public static ClientOptions defaults()
    {
        return new ClientOptions(DEFAULT_MAX_IN_FLIGHT, DEFAULT_REQUEST_TIMEOUT_NS, DEFAULT_FRAGMENT_LIMIT,
            DEFAULT_TIMEOUT_SCAN_SLOTS, DEFAULT_DRIVER_TIMEOUT_NS);
    }

    /**
     * These options with another in-flight limit.
     *
     * @param value the new {@link #maxInFlight}.
     * @return new options.
     */
    public ClientOptions withMaxInFlight(final int value)
    {
        return new ClientOptions(value, requestTimeoutNs, fragmentLimit, timeoutScanSlots, driverTimeoutNs);
    }

    /**
     * These options with another request timeout.
     *
     * @param value the new {@link #requestTimeoutNs}.
     * @return new options.
     */
    public ClientOptions withRequestTimeoutNs(final long value)
    {
        return new ClientOptions(maxInFlight, value, fragmentLimit, timeoutScanSlots, driverTimeoutNs);
    }

    /**
     * These options with another driver timeout.
     *
     * @param value the new {@link #driverTimeoutNs}.
     * @return new options.
     */
    public ClientOptions withDriverTimeoutNs(final long value)
    {
        return new ClientOptions(maxInFlight, requestTimeoutNs, fragmentLimit, timeoutScanSlots, value);
    }
}
