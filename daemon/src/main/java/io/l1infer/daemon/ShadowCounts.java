package io.l1infer.daemon;

import org.agrona.concurrent.status.CountersReader;

/**
 * The shadow engine's end-of-run counts as one line, {@code SHADOW checked=N matched=N mismatched=M skipped=K}:
 * events checked, matched and mismatched, batches skipped; from a daemon in this JVM or from the counters file of a
 * daemon in another process.
 *
 * @param checked    events checked.
 * @param matched    events whose shadow answer equals the primary's bit for bit.
 * @param mismatched events whose answers differ.
 * @param skipped    batches skipped because the shadow lagged.
 */
public record ShadowCounts(long checked, long matched, long mismatched, long skipped)
{
    /**
     * The shadow counts of the daemons whose counters this reader sees (the Aeron directory of their driver), summed
     * over those daemons; null when no shadow there has checked or skipped anything (none runs one).
     */
    public static ShadowCounts read(final CountersReader counters)
    {
        final long[] sums = new long[4];
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final int index = index(typeId);
            if (index >= 0)
            {
                sums[index] += counters.getCounterValue(counterId);
            }
        });
        return sums[0] + sums[3] == 0 ? null : new ShadowCounts(sums[0], sums[1], sums[2], sums[3]);
    }

    private static int index(final int typeId)
    {
        if (typeId == DaemonCounter.SHADOW_EVENTS_CHECKED.typeId)
        {
            return 0;
        }
        if (typeId == DaemonCounter.SHADOW_EVENTS_MATCHED.typeId)
        {
            return 1;
        }
        if (typeId == DaemonCounter.SHADOW_EVENTS_MISMATCHED.typeId)
        {
            return 2;
        }
        return typeId == DaemonCounter.SHADOW_BATCHES_SKIPPED.typeId ? 3 : -1;
    }

    /** The SHADOW line. */
    public String summary()
    {
        return "SHADOW checked=" + checked + " matched=" + matched + " mismatched=" + mismatched +
            " skipped=" + skipped;
    }
}
