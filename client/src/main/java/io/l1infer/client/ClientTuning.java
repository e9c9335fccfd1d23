package io.l1infer.client;

/**
 * The tuning both clients take, in Aeron's context style (fluent setters, one {@link #conclude()}), declared once
 * for {@link ClientOptions} and {@link RoutingOptions}.
 *
 * @param <C> the concrete options, returned by the fluent setters.
 */
public abstract class ClientTuning<C extends ClientTuning<C>>
{
    /** Default {@link #requestTimeoutNs()}: 10 s. */
    public static final long DEFAULT_REQUEST_TIMEOUT_NS = 10_000_000_000L;
    /** Default {@link #fragmentLimit()}. */
    public static final int DEFAULT_FRAGMENT_LIMIT = 256;
    /** Default {@link #timeoutScanSlots()}. */
    public static final int DEFAULT_TIMEOUT_SCAN_SLOTS = 64;
    /** Default {@link #driverTimeoutNs()}: 10 s, the daemon's default. */
    public static final long DEFAULT_DRIVER_TIMEOUT_NS = 10_000_000_000L;

    private int maxInFlight;
    private long requestTimeoutNs = DEFAULT_REQUEST_TIMEOUT_NS;
    private int fragmentLimit = DEFAULT_FRAGMENT_LIMIT;
    private int timeoutScanSlots = DEFAULT_TIMEOUT_SCAN_SLOTS;
    private long driverTimeoutNs = DEFAULT_DRIVER_TIMEOUT_NS;

    /** Only the two options of this package: the in-flight default is the one value whose default differs. */
    ClientTuning(final int defaultMaxInFlight)
    {
        this.maxInFlight = defaultMaxInFlight;
    }

    /**
     * Set the most requests awaiting an answer; a send beyond it returns {@link SendOutcome#IN_FLIGHT_FULL}. The
     * tracking table is sized for it up front; a {@link RoutingClient} also keeps a copy of every request in flight
     * for re-sending, {@link RoutingClient#STORED_REQUEST_BYTES} bytes each, allocated up front.
     *
     * @param maxInFlight 1..2^28.
     * @return this.
     */
    public C maxInFlight(final int maxInFlight)
    {
        this.maxInFlight = maxInFlight;
        return self();
    }

    /** The in-flight limit, see {@link #maxInFlight(int)}. */
    public int maxInFlight()
    {
        return maxInFlight;
    }

    /**
     * Set the request timeout: a request unanswered this long after it was (first) sent is reported through
     * {@link ResultListener#onTimeout} and forgotten.
     *
     * @param requestTimeoutNs &gt; 0.
     * @return this.
     */
    public C requestTimeoutNs(final long requestTimeoutNs)
    {
        this.requestTimeoutNs = requestTimeoutNs;
        return self();
    }

    /** The request timeout, see {@link #requestTimeoutNs(long)}. */
    public long requestTimeoutNs()
    {
        return requestTimeoutNs;
    }

    /**
     * Set the most messages one poll dispatches per subscription.
     *
     * @param fragmentLimit &gt;= 1.
     * @return this.
     */
    public C fragmentLimit(final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        return self();
    }

    /** The poll's message limit, see {@link #fragmentLimit(int)}. */
    public int fragmentLimit()
    {
        return fragmentLimit;
    }

    /**
     * Set the most tracking-table slots one poll examines for expired requests; polls examine slots in proportion
     * to the time passed, so that the whole table is swept once per {@code requestTimeoutNs / 16} (within
     * 1..100 ms) when polled often enough, which bounds how late a timeout is reported.
     *
     * @param timeoutScanSlots &gt;= 1.
     * @return this.
     */
    public C timeoutScanSlots(final int timeoutScanSlots)
    {
        this.timeoutScanSlots = timeoutScanSlots;
        return self();
    }

    /** The poll's slot limit, see {@link #timeoutScanSlots(int)}. */
    public int timeoutScanSlots()
    {
        return timeoutScanSlots;
    }

    /**
     * Set how long a client's {@code connect} waits for a media driver, and the Aeron client's driver liveness
     * timeout (use the daemon's {@code l1infer.driver.timeout}).
     *
     * @param driverTimeoutNs &gt;= 1 ms.
     * @return this.
     */
    public C driverTimeoutNs(final long driverTimeoutNs)
    {
        this.driverTimeoutNs = driverTimeoutNs;
        return self();
    }

    /** The driver timeout, see {@link #driverTimeoutNs(long)}. */
    public long driverTimeoutNs()
    {
        return driverTimeoutNs;
    }

    /**
     * Check every value is usable, naming the offending one. A client concludes its options when it is made and
     * copies every value it uses, so options changed afterwards change no running client and one options object
     * may make several clients; set them on the thread that makes the clients.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first value out of range.
     */
    public C conclude()
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
        return self();
    }

    @SuppressWarnings("unchecked")
    private C self()
    {
        return (C)this;
    }
}
