package io.l1infer.client;

import io.l1infer.codec.ValidationVerdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test listener keeping a copy of everything it is told, keyed by event id. */
final class RecordingListener implements ResultListener
{
    /** A copied result. */
    record Result(long sourceId, long eventId, long sendTimeNs, int status, int batchSize, long daemonNs, int raw,
                  double value, int outputs)
    {
    }

    /** A copied reject. */
    record Reject(long sourceId, long eventId, String reason, String field, int index, long value)
    {
    }

    final Map<Long, Result> results = new HashMap<>();
    final Map<Long, Reject> rejects = new HashMap<>();
    final Map<Long, Long> timeouts = new HashMap<>();
    final List<Long> unmatched = new ArrayList<>();
    int duplicates;
    int malformed;

    @Override
    public void onResult(final ResultView r)
    {
        final Result copy = new Result(r.sourceId(), r.eventId(), r.sendTimeNs(), r.status().value(), r.batchSize(),
            r.daemonLatencyNs(), r.outputRaw(0), r.outputValue(0), r.outputCount());
        duplicates += results.put(r.eventId(), copy) != null ? 1 : 0;
    }

    @Override
    public void onReject(final RejectView r)
    {
        duplicates += rejects.put(r.eventId(), new Reject(r.sourceId(), r.eventId(), r.reason().name(),
            r.field().name(), r.index(), r.value())) != null ? 1 : 0;
    }

    @Override
    public void onTimeout(final long sourceId, final long eventId, final long sendTimeNs)
    {
        duplicates += timeouts.put(eventId, sendTimeNs) != null ? 1 : 0;
    }

    @Override
    public void onUnmatched(final long sourceId, final long eventId, final int templateId)
    {
        unmatched.add(eventId);
    }

    @Override
    public void onMalformed(final ValidationVerdict verdict)
    {
        malformed++;
    }
}
