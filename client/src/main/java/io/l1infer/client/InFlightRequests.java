package io.l1infer.client;

/**
 * Requests awaiting an answer, keyed by (source id, event id): an open-addressing table with linear probing over
 * parallel primitive arrays, sized once for a fixed number of entries, so inserting, matching and expiring
 * allocate nothing. Removal shifts the following run back instead of leaving tombstones, so probes stay short
 * however long the table runs. Expiry sweeps a cursor over a few slots per call. Each entry carries an int payload
 * for its owner (the routing client's stored-request index). Single-threaded.
 */
final class InFlightRequests
{
    /** Marks a free slot; source ids are uint32, so no request has it. */
    private static final long FREE = -1L;

    private final long[] sourceIds;
    private final long[] eventIds;
    private final long[] sendTimesNs;
    private final long[] deadlinesNs;
    private final int[] payloads;
    private final int mask;
    private final int maxEntries;
    private int size;
    private int sweepCursor;

    /**
     * @param maxEntries most entries held at once; the table gets at least twice as many slots.
     */
    InFlightRequests(final int maxEntries)
    {
        if (maxEntries < 1 || maxEntries > (1 << 28))
        {
            throw new IllegalArgumentException("maxEntries must be in 1..2^28, got " + maxEntries);
        }
        final int capacity = Integer.highestOneBit(Math.max(2, maxEntries) * 2 - 1) << 1;
        this.maxEntries = maxEntries;
        this.mask = capacity - 1;
        sourceIds = new long[capacity];
        eventIds = new long[capacity];
        sendTimesNs = new long[capacity];
        deadlinesNs = new long[capacity];
        payloads = new int[capacity];
        java.util.Arrays.fill(sourceIds, FREE);
    }

    int size()
    {
        return size;
    }

    int capacity()
    {
        return mask + 1;
    }

    boolean isFull()
    {
        return size >= maxEntries;
    }

    /**
     * Where the key is or would go.
     *
     * @return the slot holding the key, or {@code -(free slot) - 1} when absent.
     */
    int find(final long sourceId, final long eventId)
    {
        int i = home(sourceId, eventId);
        while (true)
        {
            final long s = sourceIds[i];
            if (s == FREE)
            {
                return -i - 1;
            }
            if (s == sourceId && eventIds[i] == eventId)
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** Fill the free slot {@code find} returned (as {@code -result - 1}); the caller checked {@link #isFull()}. */
    void insertAt(final int freeSlot, final long sourceId, final long eventId, final long sendTimeNs,
        final long deadlineNs)
    {
        insertAt(freeSlot, sourceId, eventId, sendTimeNs, deadlineNs, 0);
    }

    /** As {@link #insertAt(int, long, long, long, long)}, with a payload for the owner. */
    void insertAt(final int freeSlot, final long sourceId, final long eventId, final long sendTimeNs,
        final long deadlineNs, final int payload)
    {
        sourceIds[freeSlot] = sourceId;
        eventIds[freeSlot] = eventId;
        sendTimesNs[freeSlot] = sendTimeNs;
        deadlinesNs[freeSlot] = deadlineNs;
        payloads[freeSlot] = payload;
        size++;
    }

    /**
     * Remove the key if present.
     *
     * @return true when it was in flight.
     */
    boolean remove(final long sourceId, final long eventId)
    {
        final int slot = find(sourceId, eventId);
        if (slot < 0)
        {
            return false;
        }
        removeAt(slot);
        return true;
    }

    long sourceIdAt(final int slot)
    {
        return sourceIds[slot];
    }

    long eventIdAt(final int slot)
    {
        return eventIds[slot];
    }

    long sendTimeNsAt(final int slot)
    {
        return sendTimesNs[slot];
    }

    int payloadAt(final int slot)
    {
        return payloads[slot];
    }

    /** Move an entry's deadline (an occupied slot); the sweep sees the new one when it next reaches the slot. */
    void deadlineAt(final int slot, final long deadlineNs)
    {
        deadlinesNs[slot] = deadlineNs;
    }

    /**
     * Examine the slot under the sweep cursor: when it holds an entry past its deadline, return the slot and leave
     * the cursor there (the caller removes it and the next entry may shift into it); otherwise advance the cursor.
     *
     * @return the expired slot, or -1.
     */
    int sweepStep(final long nowNs)
    {
        final int slot = sweepCursor;
        if (sourceIds[slot] != FREE && deadlinesNs[slot] - nowNs <= 0)
        {
            return slot;
        }
        sweepCursor = (slot + 1) & mask;
        return -1;
    }

    /** Free an occupied slot, moving later entries of its probe run back so every key stays reachable. */
    void removeAt(final int slot)
    {
        int hole = slot;
        int i = (slot + 1) & mask;
        while (sourceIds[i] != FREE)
        {
            final int home = home(sourceIds[i], eventIds[i]);
            // The entry may fill the hole only if the hole lies on its probe path from home to i.
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                sourceIds[hole] = sourceIds[i];
                eventIds[hole] = eventIds[i];
                sendTimesNs[hole] = sendTimesNs[i];
                deadlinesNs[hole] = deadlinesNs[i];
                payloads[hole] = payloads[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        sourceIds[hole] = FREE;
        size--;
    }

    private int home(final long sourceId, final long eventId)
    {
        long h = eventId * 0x9E3779B97F4A7C15L + sourceId * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int)h & mask;
    }
}
