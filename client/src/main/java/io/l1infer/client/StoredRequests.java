package io.l1infer.client;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Copies of the encoded requests a {@link RoutingClient} has in flight, so an unanswered one can be sent again to
 * another daemon: fixed-size slots in one direct buffer allocated up front, a stack of free slots, and per-slot
 * routing state (where it is in flight, where it was sent, when first sent, how often, the partition key) in primitive
 * arrays. Single-threaded.
 */
final class StoredRequests
{
    /** Bytes per slot: the longest request a routing client takes, rounded up to a cache line. */
    static final int SLOT_BYTES = (RequestEncoder.MAX_ROUTED_REQUEST_LENGTH + 63) & ~63;

    private final UnsafeBuffer buffer;
    private final int[] free;
    private int freeCount;
    private final int[] lengths;
    private final int[] daemons;
    private final int[] lastDaemons;
    private final long[] daemonsTried;
    private final int[] transmissions;
    private final int[] wheels;
    private final int[] sectors;
    private final long[] firstSentNs;

    StoredRequests(final int capacity)
    {
        buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity * SLOT_BYTES, 64));
        free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        lengths = new int[capacity];
        daemons = new int[capacity];
        lastDaemons = new int[capacity];
        daemonsTried = new long[capacity];
        transmissions = new int[capacity];
        wheels = new int[capacity];
        sectors = new int[capacity];
        firstSentNs = new long[capacity];
    }

    /** Take a free slot; the caller admits no more requests than the capacity, so there always is one. */
    int allocate()
    {
        return free[--freeCount];
    }

    void release(final int slot)
    {
        free[freeCount++] = slot;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int offset(final int slot)
    {
        return slot * SLOT_BYTES;
    }

    /** Describe a newly encoded request, not yet transmitted. */
    void describe(final int slot, final int length, final int wheel, final int sector)
    {
        lengths[slot] = length;
        wheels[slot] = wheel;
        sectors[slot] = sector;
        transmissions[slot] = 0;
        daemons[slot] = -1;
        lastDaemons[slot] = -1;
        daemonsTried[slot] = 0;
    }

    /** Record a successful transmission to a daemon. */
    void transmitted(final int slot, final int daemon, final long nowNs)
    {
        if (transmissions[slot] == 0)
        {
            firstSentNs[slot] = nowNs;
        }
        transmissions[slot]++;
        daemons[slot] = daemon;
        lastDaemons[slot] = daemon;
        daemonsTried[slot] |= 1L << daemon;
    }

    /** The request is no longer counted at the daemon it was last sent to (its re-send is due). */
    void detach(final int slot)
    {
        daemons[slot] = -1;
    }

    int length(final int slot)
    {
        return lengths[slot];
    }

    /** The daemon it is in flight at, or -1 while its re-send waits for a daemon to take it. */
    int daemon(final int slot)
    {
        return daemons[slot];
    }

    /** The daemon it was last sent to, -1 before the first transmission. */
    int lastDaemon(final int slot)
    {
        return lastDaemons[slot];
    }

    /** Bit {@code d} set: it was transmitted to daemon {@code d} at least once. */
    long daemonsTried(final int slot)
    {
        return daemonsTried[slot];
    }

    int transmissions(final int slot)
    {
        return transmissions[slot];
    }

    int wheel(final int slot)
    {
        return wheels[slot];
    }

    int sector(final int slot)
    {
        return sectors[slot];
    }

    long firstSentNs(final int slot)
    {
        return firstSentNs[slot];
    }
}
