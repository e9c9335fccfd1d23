package io.l1infer.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracking table against a HashMap model: random inserts, removals and expiry sweeps agree. */
class InFlightRequestsTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20240611L);

    private record Key(long sourceId, long eventId)
    {
    }

    @Test
    void theSweepPassesEverySlotOncePerPeriodWhateverThePollRate()
    {
        final InFlightRequests table = new InFlightRequests(1000);
        final int capacity = table.capacity();
        final long horizonNs = 160_000_000L;
        final long periodNs = horizonNs / 16;
        long atOnce = 0;
        for (int poll = 0; poll < 2 * capacity; poll++)
        {
            final int slots = table.sweepSlots(0, horizonNs, 64);
            assertTrue(slots <= 64, "at most the per-poll limit");
            atOnce += slots;
        }
        assertEquals(capacity, atOnce, "the first polls owe one whole table, then nothing until time passes");
        for (final long stepNs : new long[] {100, 7_919, 100_000})
        {
            final InFlightRequests t = new InFlightRequests(1000);
            t.sweepSlots(0, horizonNs, Integer.MAX_VALUE);
            long examined = 0;
            for (long now = stepNs; now <= periodNs; now += stepNs)
            {
                examined += t.sweepSlots(now, horizonNs, 64);
            }
            // Every poll may take up to 64; over one period the total is one table, whatever the polling step.
            assertTrue(Math.abs(examined - capacity) <= 64 + capacity * stepNs / periodNs,
                "step " + stepNs + " ns: " + examined + " slots in one period of a " + capacity + "-slot table");
        }
        final InFlightRequests idle = new InFlightRequests(1000);
        idle.sweepSlots(0, horizonNs, 64);
        assertEquals(capacity, idle.sweepSlots(3_600_000_000_000L, horizonNs, Integer.MAX_VALUE),
            "after an hour without polls one table, not an hour's worth");
        assertEquals(0, idle.sweepSlots(3_600_000_000_000L, horizonNs, Integer.MAX_VALUE));
    }

    @Test
    void randomOperationsAgreeWithAHashMap()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final int max = 1000;
        final InFlightRequests table = new InFlightRequests(max);
        final Map<Key, long[]> model = new HashMap<>();
        final List<Key> keys = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 200_000; step++)
        {
            now += random.nextInt(3);
            final int op = random.nextInt(10);
            // Few sources and clustered event ids: many keys share a home slot or sit in long probe runs.
            final Key key = new Key(random.nextInt(3), random.nextInt(4000));
            final String where = "seed " + SEED + " step " + step + " key " + key;
            if (op < 5)
            {
                final int found = table.find(key.sourceId, key.eventId);
                assertEquals(model.containsKey(key), found >= 0, where);
                if (found < 0 && !table.isFull())
                {
                    table.insertAt(-found - 1, key.sourceId, key.eventId, step, now + 50 + random.nextInt(200));
                    model.put(key, new long[] {step});
                    keys.add(key);
                }
                assertEquals(model.size() >= max, table.isFull(), where);
            }
            else if (op < 8)
            {
                final Key victim = keys.isEmpty() || random.nextBoolean() ? key : keys.get(random.nextInt(keys.size()));
                assertEquals(model.remove(victim) != null, table.remove(victim.sourceId, victim.eventId),
                    "seed " + SEED + " step " + step + " remove " + victim);
            }
            else
            {
                for (int n = 0; n < 64; n++)
                {
                    final int slot = table.sweepStep(now);
                    if (slot >= 0)
                    {
                        final Key expired = new Key(table.sourceIdAt(slot), table.eventIdAt(slot));
                        final long[] entry = model.remove(expired);
                        assertTrue(entry != null, where + ": expired unknown " + expired);
                        assertEquals(entry[0], table.sendTimeNsAt(slot), where);
                        table.removeAt(slot);
                    }
                }
            }
            assertEquals(model.size(), table.size(), "seed " + SEED + " step " + step);
        }
        for (final Key key : model.keySet())
        {
            assertTrue(table.find(key.sourceId, key.eventId) >= 0, "seed " + SEED + ": lost " + key);
        }
    }

    @Test
    void aFullSweepExpiresEveryEntryPastItsDeadlineAndNoOther()
    {
        final InFlightRequests table = new InFlightRequests(100);
        for (int e = 0; e < 100; e++)
        {
            table.insertAt(-table.find(7, e) - 1, 7, e, e, e < 50 ? 10 : 1000);
        }
        int expired = 0;
        for (int n = 0; n < 2 * table.capacity(); n++)
        {
            final int slot = table.sweepStep(500);
            if (slot >= 0)
            {
                assertTrue(table.eventIdAt(slot) < 50, "expired event " + table.eventIdAt(slot));
                table.removeAt(slot);
                expired++;
            }
        }
        assertEquals(50, expired);
        assertEquals(50, table.size());
        assertFalse(table.remove(7, 10));
        assertTrue(table.remove(7, 60));
    }

    @Test
    void sizesItselfToAPowerOfTwoAtLeastTwiceTheLimit()
    {
        assertEquals(4, new InFlightRequests(1).capacity());
        assertEquals(8, new InFlightRequests(4).capacity());
        assertEquals(16, new InFlightRequests(5).capacity());
        assertEquals(1 << 18, new InFlightRequests(1 << 17).capacity());
        assertThrows(IllegalArgumentException.class, () -> new InFlightRequests(0));
    }
}
