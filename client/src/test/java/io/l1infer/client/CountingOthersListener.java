package io.l1infer.client;

import io.l1infer.codec.ValidationVerdict;

/** A test listener that counts every answer other than a result (reject, timeout, unmatched, malformed). */
abstract class CountingOthersListener implements ResultListener
{
    int other;

    @Override
    public void onReject(final RejectView r)
    {
        other++;
    }

    @Override
    public void onTimeout(final long sourceId, final long eventId, final long sendTimeNs)
    {
        other++;
    }

    @Override
    public void onUnmatched(final long sourceId, final long eventId, final int templateId)
    {
        other++;
    }

    @Override
    public void onMalformed(final ValidationVerdict verdict)
    {
        other++;
    }
}
