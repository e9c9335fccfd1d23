package io.l1infer.client;

import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.model.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routing client against three real daemons over UDP on the loopback: partition routing sends each event to
 * the daemon of its deciding primitive, load policies spread the events, a daemon that stops answering has its
 * events re-sent elsewhere (its late answers counted as duplicates), a daemon that goes away is skipped.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RoutingClientTest
{
    private static final long CONNECT_NS = 20_000_000_000L;
    private static final List<DetectorPartition> BY_WHEEL = List.of(DetectorPartition.parse("-2..-1", "1..12"),
        DetectorPartition.parse("0", "1..12"), DetectorPartition.parse("1..2", "1..12"));
    private static final List<DetectorPartition> WHOLE = Collections.nCopies(3, DetectorPartition.WHOLE_DETECTOR);

    /**
     * Options for tests that count exactly where each request went: re-sends only after seconds, so that a daemon
     * slowed down by a busy machine is not mistaken for a dead one.
     */
    private static RoutingOptions patient(final RoutingPolicy policy)
    {
        return new RoutingOptions(policy)
            .maxInFlight(1 << 14).requestTimeoutNs(60_000_000_000L).resendTimeoutNs(20_000_000_000L);
    }

    @Test
    void partitionRoutingSendsEachEventToTheDaemonOfItsDecidingPrimitive() throws IOException
    {
        final RecordingListener listener = new RecordingListener();
        try (UdpDaemonSet set = new UdpDaemonSet(BY_WHEEL, false, Arrays.asList(null, null, null));
            RoutingClient client = new RoutingClient(set.aeron, set.routes, patient(RoutingPolicy.PARTITION), listener))
        {
            assertTrue(client.awaitConnected(3, CONNECT_NS), "routing client did not reach the three daemons");
            final ModelBundle model = set.daemons.get(0).model();
            final int events = 3000;
            final int[][] inputs = new int[events][];
            final PrimitiveList[] segments = L1inferClientTest.simulatedSegments(events, model.input().type(), inputs);
            final long[] expectedPerDaemon = new long[3];
            for (final PrimitiveList p : segments)
            {
                final int wheel = p.wheel(p.partitionPrimitive());
                expectedPerDaemon[wheel < 0 ? 0 : wheel == 0 ? 1 : 2]++;
            }
            for (int e = 0; e < events; e++)
            {
                final int id = e;
                sendUntilSent(client, () -> client.sendSegments(7, id, 1000 + id, id % 3564, segments[id]),
                    "event " + e);
            }
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "every answer");

            final int[] expected = ClientTestDaemons.offline(model, inputs);
            assertEquals(events, listener.results.size());
            for (int e = 0; e < events; e++)
            {
                assertEquals(expected[e], listener.results.get((long)e).raw(), "event " + e);
            }
            final ClientStatistics stats = client.statistics();
            assertEquals(0, stats.timeouts() + stats.resends() + stats.duplicates() + stats.unmatched());
            for (int d = 0; d < 3; d++)
            {
                assertTrue(expectedPerDaemon[d] > 100, "the simulation covers wheel group " + d);
                assertEquals(expectedPerDaemon[d], client.transmissionsTo(d), "requests routed to daemon " + d);
                assertEquals(expectedPerDaemon[d], client.answersFrom(d), "answers from daemon " + d);
                assertEquals(expectedPerDaemon[d], set.counter(d, "events accepted"), "events accepted by daemon " + d);
            }

            // Feature vectors carry no coordinates: they go by load, and every one is answered.
            final int[][] real = ClientTestDaemons.realInputs(model);
            for (int e = 0; e < 1000; e++)
            {
                final int id = events + e;
                sendUntilSent(client, () -> client.sendFeatures(7, id, id, real[id], 0, 27), "features " + e);
            }
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "every feature-vector answer");
            assertEquals(events + 1000, client.statistics().results());
            // The same inputs as int64 values (version 3) are routed and answered alike.
            for (int e = 0; e < 100; e++)
            {
                final int id = events + 1000 + e;
                final long[] wide = new long[27];
                for (int f = 0; f < 27; f++)
                {
                    wide[f] = real[events + e][f];
                }
                sendUntilSent(client, () -> client.sendFeatures(7, id, id, wide, 0, 27), "int64 features " + e);
            }
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "every int64 feature-vector answer");
            for (int e = 0; e < 100; e++)
            {
                assertEquals(listener.results.get((long)(events + e)).raw(),
                    listener.results.get((long)(events + 1000 + e)).raw(), "int64 copy of event " + (events + e));
            }
            long total = 0;
            for (int d = 0; d < 3; d++)
            {
                total += set.counter(d, "events accepted");
            }
            assertEquals(events + 1100, total);
        }
    }

    @Test
    void loadPoliciesSpreadEventsOverEveryDaemon() throws IOException
    {
        for (final RoutingPolicy policy : List.of(RoutingPolicy.ROUND_ROBIN, RoutingPolicy.LEAST_IN_FLIGHT))
        {
            final RecordingListener listener = new RecordingListener();
            try (UdpDaemonSet set = new UdpDaemonSet(WHOLE, false, Arrays.asList(null, null, null));
                RoutingClient client = new RoutingClient(set.aeron, set.routes, patient(policy), listener))
            {
                assertTrue(client.awaitConnected(3, CONNECT_NS), "connect");
                final int[][] real = ClientTestDaemons.realInputs(set.daemons.get(0).model());
                final int events = 3000;
                for (int e = 0; e < events; e++)
                {
                    final int id = e;
                    sendUntilSent(client, () -> client.sendFeatures(1, id, id, real[id], 0, 27), "event " + e);
                }
                awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "every answer");
                assertEquals(events, listener.results.size(), policy.name());
                final int[] expected = ClientTestDaemons.offline(set.daemons.get(0).model(),
                    Arrays.copyOf(real, events));
                for (int e = 0; e < events; e++)
                {
                    assertEquals(expected[e], listener.results.get((long)e).raw(), policy + " event " + e);
                }
                long total = 0;
                for (int d = 0; d < 3; d++)
                {
                    System.out.printf("%s daemon %d: %d sent, %d accepted, %d answers, %d back-pressured offers%n",
                        policy, d, client.transmissionsTo(d), set.counter(d, "events accepted"), client.answersFrom(d),
                        client.statistics().backPressured());
                }
                for (int d = 0; d < 3; d++)
                {
                    // Back pressure from one daemon sends the request to the next: the split is not exact.
                    final long n = client.transmissionsTo(d);
                    assertTrue(n > events / 10, policy + " sent only " + n + " of " + events + " to daemon " + d);
                    assertEquals(n, set.counter(d, "events accepted"), policy + " daemon " + d);
                    assertEquals(n, client.answersFrom(d), policy + " daemon " + d);
                    total += n;
                }
                assertEquals(events, total);
            }
        }
    }

    @Test
    void eventsOfADaemonThatStopsAnsweringAreResentAndItsLateAnswersAreDuplicates() throws IOException
    {
        final RecordingListener listener = new RecordingListener();
        final GatedAccelerator[] gate = new GatedAccelerator[1];
        final Function<ModelBundle, Accelerator> gated = model ->
        {
            gate[0] = new GatedAccelerator(new FixedPointEmulator(model, 256));
            return gate[0];
        };
        final RoutingOptions options = new RoutingOptions(RoutingPolicy.ROUND_ROBIN)
            .resendTimeoutNs(200_000_000L).suspendNs(500_000_000L);
        try (UdpDaemonSet set = new UdpDaemonSet(WHOLE, false, Arrays.asList(null, gated, null));
            RoutingClient client = new RoutingClient(set.aeron, set.routes, options, listener))
        {
            assertTrue(client.awaitConnected(3, CONNECT_NS), "connect");
            final int[][] real = ClientTestDaemons.realInputs(set.daemons.get(0).model());
            gate[0].hang(true);
            try
            {
                final int events = 6000;
                final long start = System.nanoTime();
                for (int e = 0; e < events; e++)
                {
                    final int id = e;
                    sendUntilSent(client, () -> client.sendFeatures(3, id, id, real[id], 0, 27), "event " + e);
                    client.poll(); // re-sends happen in poll
                    if ((e & 255) == 0)
                    {
                        sleepMillis(20); // a steady publisher over about half a second
                    }
                }
                awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "every answer while daemon 1 hangs");
                final long hungFor = System.nanoTime() - start;
                assertEquals(events, client.statistics().results());
                assertEquals(events, listener.results.size());
                assertEquals(0, listener.duplicates);
                assertEquals(0, client.statistics().timeouts());
                assertEquals(0, client.answersFrom(1), "the hung daemon answered nothing");
                final long stranded = client.transmissionsTo(1);
                assertTrue(stranded > 0, "round robin sent some events to daemon 1 before suspending it");
                assertTrue(client.statistics().resends() >= stranded,
                    "every event sent to the hung daemon was re-sent");
                assertTrue(client.suspensionsOf(1) >= 1);
                System.out.printf("daemon 1 hung: %d of %d events sent there, %d re-sent after 200 ms, %d " +
                    "suspensions, all answered in %.1f s%n", stranded, events, client.statistics().resends(),
                    client.suspensionsOf(1), hungFor / 1e9);

                gate[0].hang(false);
                awaitTrue(() -> client.poll() >= 0 && set.counter(1, "results published") == stranded,
                    "the recovered daemon's late answers");
                final long published = set.counter(0, "results published") + stranded +
                    set.counter(2, "results published");
                awaitTrue(() -> client.poll() >= 0 && client.statistics().duplicates() == published - events,
                    "every answer beyond the first counted as a duplicate");
                for (int i = 0; i < 1000; i++)
                {
                    client.poll();
                }
                assertEquals(published - events, client.statistics().duplicates(), "answers published minus events");
                assertTrue(client.statistics().duplicates() >= stranded);
                assertEquals(0, client.statistics().unmatched());
                assertEquals(events, listener.results.size(), "the listener saw each event once");
                final int[] expected = ClientTestDaemons.offline(set.daemons.get(0).model(),
                    Arrays.copyOf(real, events));
                for (int e = 0; e < events; e++)
                {
                    assertEquals(expected[e], listener.results.get((long)e).raw(), "event " + e);
                }
            }
            finally
            {
                gate[0].hang(false); // or closing the daemon waits for a device that never returns
            }
        }
    }

    @Test
    void aDaemonThatGoesAwayIsSkipped() throws IOException
    {
        final RecordingListener listener = new RecordingListener();
        try (UdpDaemonSet set = new UdpDaemonSet(WHOLE, true, Arrays.asList(null, null, null));
            RoutingClient client = new RoutingClient(set.aeron, set.routes, patient(RoutingPolicy.LEAST_IN_FLIGHT),
                listener))
        {
            assertTrue(client.awaitConnected(3, CONNECT_NS), "connect");
            final int[][] real = ClientTestDaemons.realInputs(set.daemons.get(0).model());
            for (int e = 0; e < 1000; e++)
            {
                final int id = e;
                sendUntilSent(client, () -> client.sendFeatures(4, id, id, real[id], 0, 27), "event " + e);
            }
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "answers from three daemons");
            assertTrue(client.transmissionsTo(0) > 0);

            set.daemons.get(0).close(); // drains, closes its streams and its media driver
            awaitTrue(() -> client.poll() >= 0 && !client.isAvailable(0), "daemon 0 seen gone");
            final long before = client.transmissionsTo(0);
            for (int e = 1000; e < 3000; e++)
            {
                final int id = e;
                sendUntilSent(client, () -> client.sendFeatures(4, id, id, real[id], 0, 27), "event " + e);
            }
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "answers from the other two");
            assertEquals(before, client.transmissionsTo(0), "nothing sent to the daemon that went away");
            final ClientStatistics stats = client.statistics();
            assertEquals(3000, stats.results());
            assertEquals(0, stats.timeouts() + stats.resends() + stats.duplicates());
            assertTrue(client.transmissionsTo(1) > 700 && client.transmissionsTo(2) > 700,
                client.transmissionsTo(1) + " / " + client.transmissionsTo(2));
        }
    }

    @Test
    void refusesWithAnOutcome() throws IOException
    {
        final RecordingListener listener = new RecordingListener();
        final List<DetectorPartition> twoWheels = List.of(DetectorPartition.parse("-2..0", "1..12"),
            DetectorPartition.parse("1..2", "1..11"));
        try (UdpDaemonSet set = new UdpDaemonSet(twoWheels, false, Arrays.asList(null, null)))
        {
            final List<RoutedDaemon> withSilentOne = new ArrayList<>(set.routes);
            // A third daemon that does not exist, responsible for wheel 2 sector 12 only.
            withSilentOne.add(new RoutedDaemon("ghost", new DaemonEndpoint("", "aeron:udp?endpoint=127.0.0.1:9",
                1001, set.routes.get(0).endpoint().resultChannel(), 2002, 2002),
                DetectorPartition.parse("2", "12")));
            final RoutingOptions strict = new RoutingOptions(RoutingPolicy.PARTITION)
                .partitionFallback(false).maxInFlight(4);
            try (RoutingClient client = new RoutingClient(set.aeron, withSilentOne, strict, listener))
            {
                assertTrue(client.awaitConnected(2, CONNECT_NS), "connect");
                assertFalse(client.isAvailable(2));
                final PrimitiveList wheel2sector12 = new PrimitiveList().add(1, 2, 12, 0, 0, 6, 0, 0)
                    .add(2, 2, 12, 0, 0, 6, 0, 0);
                final PrimitiveList wheelMinus1 = new PrimitiveList().add(1, -1, 3, 0, 0, 6, 0, 0)
                    .add(2, -1, 3, 0, 0, 6, 0, 0);
                assertEquals(SendOutcome.NOT_CONNECTED, client.sendSegments(1, 1, 1, 0, wheel2sector12),
                    "partition without an available daemon and no fallback");
                assertEquals(0, client.inFlight());
                for (int e = 0; e < 4; e++)
                {
                    assertEquals(SendOutcome.SENT, client.sendSegments(1, 10 + e, 1, 0, wheelMinus1));
                }
                assertEquals(SendOutcome.IN_FLIGHT_FULL, client.sendSegments(1, 20, 1, 0, wheelMinus1));
                awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "answers");
                assertEquals(SendOutcome.SENT, client.sendSegments(1, 30, 1, 0, wheelMinus1));
                assertEquals(SendOutcome.DUPLICATE_IN_FLIGHT, client.sendSegments(1, 30, 2, 0, wheelMinus1));
                assertEquals(5, client.transmissionsTo(0));
                client.close();
                assertEquals(SendOutcome.CLOSED, client.sendSegments(1, 40, 1, 0, wheelMinus1));
            }
            final List<RoutedDaemon> twice = List.of(set.routes.get(0), new RoutedDaemon("again",
                set.routes.get(0).endpoint(), DetectorPartition.WHOLE_DETECTOR));
            final IllegalArgumentException sameIngest = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new RoutingClient(set.aeron, twice, strict, listener));
            assertTrue(sameIngest.getMessage().contains("d0 and again share the ingest stream 1001"),
                sameIngest.getMessage());

            final RoutingOptions fallback = new RoutingOptions(RoutingPolicy.PARTITION);
            try (RoutingClient client = new RoutingClient(set.aeron, withSilentOne, fallback, listener))
            {
                assertTrue(client.awaitConnected(2, CONNECT_NS), "connect");
                final PrimitiveList wheel2sector12 = new PrimitiveList().add(1, 2, 12, 0, 0, 6, 0, 0)
                    .add(2, 2, 12, 0, 0, 6, 0, 0);
                assertEquals(SendOutcome.SENT, client.sendSegments(2, 1, 1, 0, wheel2sector12));
                awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "the fallback's answer");
                assertEquals(1, client.statistics().results());
                assertEquals(0, client.transmissionsTo(2));
            }
        }
    }

    static void sendUntilSent(final InferenceClient client, final java.util.function.Supplier<SendOutcome> send,
        final String what)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (true)
        {
            final SendOutcome outcome = send.get();
            if (outcome == SendOutcome.SENT)
            {
                return;
            }
            if (!outcome.isRetryable() || System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("send of " + what + ": " + outcome);
            }
            client.poll();
        }
    }

    static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static void sleepMillis(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
