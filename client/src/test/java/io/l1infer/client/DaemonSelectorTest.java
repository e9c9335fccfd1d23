package io.l1infer.client;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.l1infer.client.DaemonSelector.NO_PARTITION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of a daemon under each policy, with unreachable, suspended and refusing daemons. */
class DaemonSelectorTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 8080L);
    private static final long SUSPEND_NS = 1000;

    private static final DetectorPartition MINUS = DetectorPartition.parse("-2..-1", "1..12");
    private static final DetectorPartition ZERO = DetectorPartition.parse("0", "1..12");
    private static final DetectorPartition PLUS = DetectorPartition.parse("1..2", "1..12");

    private static DaemonSelector selector(final RoutingPolicy policy, final boolean fallback,
        final DetectorPartition... partitions)
    {
        final DaemonSelector s = new DaemonSelector(List.of(partitions), policy, fallback, SUSPEND_NS);
        for (int d = 0; d < partitions.length; d++)
        {
            s.reachable(d, true);
        }
        return s;
    }

    @Test
    void partitionPicksTheDaemonOfTheDecidingPrimitiveAndFallsBackOnlyWhenAllowed()
    {
        final DaemonSelector s = selector(RoutingPolicy.PARTITION, true, MINUS, ZERO, PLUS);
        assertEquals(0, s.choose(-2, 5, 0, 0));
        assertEquals(1, s.choose(0, 12, 0, 0));
        assertEquals(2, s.choose(2, 1, 0, 0));
        // Refused by the partition's daemon (back pressure): no other daemon of the partition, no fallback.
        assertEquals(-1, s.choose(2, 1, 1L << 2, 0));

        s.reachable(2, false);
        final int fallback = s.choose(2, 1, 0, 0);
        assertTrue(fallback == 0 || fallback == 1, "fallback to another daemon, got " + fallback);

        final DaemonSelector strict = selector(RoutingPolicy.PARTITION, false, MINUS, ZERO, PLUS);
        strict.reachable(2, false);
        assertEquals(-1, strict.choose(2, 1, 0, 0));
        assertEquals(1, strict.choose(0, 3, 0, 0));
    }

    @Test
    void partitionTakesTheLeastLoadedOfOverlappingDaemonsAndFeaturesGoByLoad()
    {
        final DaemonSelector s = selector(RoutingPolicy.PARTITION, true, DetectorPartition.WHOLE_DETECTOR,
            DetectorPartition.parse("-2..2", "1..6"), DetectorPartition.parse("-2..2", "7..12"));
        s.onTransmitted(0);
        s.onTransmitted(0);
        assertEquals(1, s.choose(0, 3, 0, 0));
        assertEquals(2, s.choose(0, 9, 0, 0));
        s.onTransmitted(1);
        s.onTransmitted(2);
        s.onTransmitted(2);
        s.onTransmitted(2);
        assertEquals(1, s.choose(NO_PARTITION, 0, 0, 0), "features by load: daemon 1 has the fewest in flight");
    }

    @Test
    void roundRobinTakesAvailableDaemonsInTurn()
    {
        final DaemonSelector s = selector(RoutingPolicy.ROUND_ROBIN, true, ZERO, ZERO, ZERO);
        assertEquals(0, s.choose(0, 1, 0, 0));
        assertEquals(1, s.choose(0, 1, 0, 0));
        assertEquals(2, s.choose(0, 1, 0, 0));
        assertEquals(0, s.choose(0, 1, 0, 0));
        s.reachable(1, false);
        assertEquals(2, s.choose(0, 1, 0, 0));
        assertEquals(0, s.choose(0, 1, 0, 0));
        assertEquals(2, s.choose(0, 1, 0, 0));
        assertEquals(2, s.choose(0, 1, 1L, 0), "daemon 0 refused this request");
        assertEquals(-1, s.choose(0, 1, 1L | 4L, 0));
    }

    @Test
    void aSuspendedDaemonGetsOneProbeAfterTheSuspensionAndAllItsShareOnceItAnswers()
    {
        final DaemonSelector s = selector(RoutingPolicy.LEAST_IN_FLIGHT, true, ZERO, ZERO);
        s.onTransmitted(0);
        s.onTransmitted(0);
        s.onResendTimeout(0, 100);
        assertEquals(1, s.inFlight(0));
        assertFalse(s.isAvailable(0, 100));
        assertEquals(1, s.suspensions(0));
        for (int i = 0; i < 5; i++)
        {
            assertEquals(1, s.choose(NO_PARTITION, 0, 0, 100 + i));
            s.onTransmitted(1);
        }

        final long end = 100 + SUSPEND_NS;
        assertTrue(s.isAvailable(0, end), "the suspension has run out");
        assertEquals(0, s.choose(NO_PARTITION, 0, 0, end));
        s.onTransmitted(0); // the probe
        assertFalse(s.isAvailable(0, end), "one probe request, then nothing until it answers");
        assertEquals(1, s.choose(NO_PARTITION, 0, 0, end));

        s.onResendTimeout(0, end + 300); // the probe went unanswered
        assertEquals(2, s.suspensions(0));
        assertFalse(s.isAvailable(0, end + 300 + SUSPEND_NS - 1), "suspended again");
        assertTrue(s.isAvailable(0, end + 300 + SUSPEND_NS));
        s.onTransmitted(0); // the next probe
        s.onCompleted(0);
        assertFalse(s.isAvailable(0, end + 300 + SUSPEND_NS), "completed elsewhere: no answer from it yet");
        s.onAnswerFrom(0);
        assertTrue(s.isAvailable(0, end + 300 + SUSPEND_NS), "an answer from it ends the suspension");
        assertEquals(1, s.choose(NO_PARTITION, 0, 1L, end + 300 + SUSPEND_NS));
        assertEquals(1, s.inFlight(0));
        assertEquals(2, s.suspensions(0));
    }

    @Test
    void leastInFlightAgreesWithAModelOverRandomLoads()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final int n = 5;
        final DaemonSelector s = selector(RoutingPolicy.LEAST_IN_FLIGHT, true, ZERO, ZERO, ZERO, ZERO, ZERO);
        final int[] load = new int[n];
        final boolean[] reachable = {true, true, true, true, true};
        for (int step = 0; step < 20_000; step++)
        {
            final int op = random.nextInt(10);
            final String where = "seed " + SEED + " step " + step;
            if (op < 5)
            {
                final long excluded = random.nextInt(4) == 0 ? 1L << random.nextInt(n) : 0L;
                final int d = s.choose(NO_PARTITION, 0, excluded, 0);
                int min = Integer.MAX_VALUE;
                for (int i = 0; i < n; i++)
                {
                    if (reachable[i] && (excluded & (1L << i)) == 0)
                    {
                        min = Math.min(min, load[i]);
                    }
                }
                if (min == Integer.MAX_VALUE)
                {
                    assertEquals(-1, d, where);
                    continue;
                }
                assertTrue(d >= 0 && reachable[d] && (excluded & (1L << d)) == 0, where + " chose " + d);
                assertEquals(min, load[d], where + " chose " + d);
                s.onTransmitted(d);
                load[d]++;
            }
            else if (op < 9)
            {
                final int d = random.nextInt(n);
                if (load[d] > 0)
                {
                    s.onCompleted(d);
                    load[d]--;
                }
            }
            else
            {
                final int d = random.nextInt(n);
                reachable[d] = !reachable[d];
                s.reachable(d, reachable[d]);
            }
            for (int i = 0; i < n; i++)
            {
                assertEquals(load[i], s.inFlight(i), where + " daemon " + i);
            }
        }
    }

    @Test
    void refusesNoDaemonsAndTooMany()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new DaemonSelector(List.of(), RoutingPolicy.ROUND_ROBIN, true, 1));
        assertThrows(IllegalArgumentException.class, () -> new DaemonSelector(
            java.util.Collections.nCopies(65, ZERO), RoutingPolicy.ROUND_ROBIN, true, 1));
    }
}
