package io.l1infer.client;

/**
 * The counts a client keeps of its requests and answers, read on the polling thread; figures a client does not
 * have (re-sends, duplicates and unattributed answers for a client of one daemon) stay 0.
 */
public final class ClientStatistics
{
    long sent;
    long resends;
    long backPressured;
    long notConnected;
    long results;
    long rejects;
    long echoes;
    long timeouts;
    long unmatched;
    long duplicates;
    long malformed;
    long unattributed;

    /** @return requests sent (put in flight). */
    public long sent()
    {
        return sent;
    }

    /** @return transmissions of requests already sent once (routing client). */
    public long resends()
    {
        return resends;
    }

    /** @return sends or offers refused for back pressure (routing client: each daemon tried counts). */
    public long backPressured()
    {
        return backPressured;
    }

    /** @return sends or offers refused because an ingest stream was not connected (each daemon tried counts). */
    public long notConnected()
    {
        return notConnected;
    }

    /** @return results matched to requests. */
    public long results()
    {
        return results;
    }

    /** @return rejects matched to requests. */
    public long rejects()
    {
        return rejects;
    }

    /** @return echoed requests matched (echo server only). */
    public long echoes()
    {
        return echoes;
    }

    /** @return requests that timed out. */
    public long timeouts()
    {
        return timeouts;
    }

    /** @return well-formed answers that matched no request in flight and are not known duplicates. */
    public long unmatched()
    {
        return unmatched;
    }

    /** @return second and later answers to requests that were sent more than once (routing client). */
    public long duplicates()
    {
        return duplicates;
    }

    /** @return messages on the result streams that failed validation. */
    public long malformed()
    {
        return malformed;
    }

    /**
     * @return first answers to re-sent requests whose daemon could not be told, its result image's session not
     * learnt yet (routing client).
     */
    public long unattributed()
    {
        return unattributed;
    }

    @Override
    public String toString()
    {
        return "sent=" + sent + " resends=" + resends + " backPressured=" + backPressured + " notConnected=" +
            notConnected + " results=" + results + " rejects=" + rejects + " echoes=" + echoes + " timeouts=" +
            timeouts + " unmatched=" + unmatched + " duplicates=" + duplicates + " malformed=" + malformed +
            " unattributed=" + unattributed;
    }
}
