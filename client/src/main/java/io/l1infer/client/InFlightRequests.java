package io.l1infer.client;

/**
 * Requests awaiting an answer, keyed by (source id, event id): an open-addressing table with linear probing, sized
 * once for a fixed number of entries, so inserting, matching and expiring allocate nothing. A slot's key, send time
 * and deadline lie next to each other in one array, so a probe touches one cache line, not one per field. Removal
 * shifts the following run back instead of leaving tombstones, so probes stay short however long the table runs.
 * Expiry sweeps a cursor over the slots, paced by elapsed time ({@link #sweepSlots}). Each entry carries an int
 * payload for its owner (the routing client's stored-request index). Single-threaded.
 */
final class InFlightRequests
{
    /** Marks a free slot; source ids are uint32, so no request has it. */
    private static final long FREE = -1L;
    private static final int STRIDE = 4;
    private static final int SOURCE = 0;
    private static final int EVENT = 1;
    private static final int SENT = 2;
    private static final int DEADLINE = 3;
    /** Bounds of the time in which the sweep passes every slot once. */
    private static final long MIN_SWEEP_PERIOD_NS = 1_000_000L;
    private static final long MAX_SWEEP_PERIOD_NS = 100_000_000L;

    private final long[] slots;
    private final int[] payloads;
    private final int mask;
    private final int maxEntries;
    private int size;
    private int sweepCursor;
    private long lastSweepNs;
    private long sweepCredit;
    private boolean swept;

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
        slots = new long[capacity * STRIDE];
        payloads = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i * STRIDE + SOURCE] = FREE;
        }
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
            final long s = slots[i * STRIDE + SOURCE];
            if (s == FREE)
            {
                return -i - 1;
            }
            if (s == sourceId && slots[i * STRIDE + EVENT] == eventId)
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
        final int base = freeSlot * STRIDE;
        slots[base + SOURCE] = sourceId;
        slots[base + EVENT] = eventId;
        slots[base + SENT] = sendTimeNs;
        slots[base + DEADLINE] = deadlineNs;
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
        return slots[slot * STRIDE + SOURCE];
    }

    long eventIdAt(final int slot)
    {
        return slots[slot * STRIDE + EVENT];
    }

    long sendTimeNsAt(final int slot)
    {
        return slots[slot * STRIDE + SENT];
    }

    int payloadAt(final int slot)
    {
        return payloads[slot];
    }

    /** Move an entry's deadline (an occupied slot); the sweep sees the new one when it next reaches the slot. */
    void deadlineAt(final int slot, final long deadlineNs)
    {
        slots[slot * STRIDE + DEADLINE] = deadlineNs;
    }

    /**
     * How many slots a poll should examine now with {@link #sweepStep} so that the sweep passes every slot once per
     * {@code horizonNs / 16} (kept within 1..100 ms), at most {@code maxSlots}. Pacing by time rather than a fixed
     * number per poll: a client polling millions of times a second would otherwise stream its whole table through
     * the caches hundreds of times a second, which cost it more than everything else a request needs.
     *
     * @param nowNs     the caller's clock.
     * @param horizonNs the shortest time after which an entry can fall due (the request or re-send timeout).
     * @param maxSlots  most slots one poll examines.
     * @return slots to examine, 0 when the sweep is ahead of its pace.
     */
    int sweepSlots(final long nowNs, final long horizonNs, final int maxSlots)
    {
        final long periodNs = Math.max(MIN_SWEEP_PERIOD_NS, Math.min(MAX_SWEEP_PERIOD_NS, horizonNs / 16));
        final long elapsedNs = swept ? Math.max(0, Math.min(nowNs - lastSweepNs, periodNs)) : periodNs;
        swept = true;
        lastSweepNs = nowNs;
        sweepCredit = Math.min(sweepCredit + elapsedNs * capacity(), periodNs * capacity());
        final int due = (int)Math.min(maxSlots, sweepCredit / periodNs);
        sweepCredit -= due * periodNs;
        return due;
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
        final int base = slot * STRIDE;
        if (slots[base + SOURCE] != FREE && slots[base + DEADLINE] - nowNs <= 0)
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
        while (slots[i * STRIDE + SOURCE] != FREE)
        {
            final int base = i * STRIDE;
            final int home = home(slots[base + SOURCE], slots[base + EVENT]);
            // The entry may fill the hole only if the hole lies on its probe path from home to i.
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                System.arraycopy(slots, base, slots, hole * STRIDE, STRIDE);
                payloads[hole] = payloads[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        slots[hole * STRIDE + SOURCE] = FREE;
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
