package io.l1infer.client;

/**
 * Tuning of one {@link L1inferClient}: how many requests may await an answer, when an unanswered request counts as
 * timed out, how much one {@link L1inferClient#poll()} takes and how long to wait for a media driver.
 */
public final class ClientOptions extends ClientTuning<ClientOptions>
{
    /** Default {@link #maxInFlight()}: 2^17, over a second of requests at 100 kHz. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1 << 17;

    /** Options with every default value. */
    public ClientOptions()
    {
        super(DEFAULT_MAX_IN_FLIGHT);
    }
}
