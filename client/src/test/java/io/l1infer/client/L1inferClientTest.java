package io.l1infer.client;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against a real daemon (embedded media driver): answers matched, rejects, timeouts, refusals. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class L1inferClientTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 4242L);
    private static final long CONNECT_NS = 10_000_000_000L;

    @Test
    void realInputsAndSimulatedSegmentsGetTheEnginesAnswers() throws IOException
    {
        final RecordingListener listener = new RecordingListener();
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of());
            L1inferClient client = L1inferClient.connect(ClientTestDaemons.endpoint(daemon), new ClientOptions(),
                listener))
        {
            assertTrue(client.awaitConnected(CONNECT_NS), "client did not connect");
            final ModelBundle model = daemon.model();
            final int[][] real = ClientTestDaemons.realInputs(model);
            final int featureEvents = 3000;
            final int[][] inputs = new int[featureEvents][];
            System.arraycopy(real, 0, inputs, 0, featureEvents);

            final int segmentEvents = 1000;
            final int[][] segmentInputs = new int[segmentEvents][];
            final PrimitiveList[] segments = simulatedSegments(segmentEvents, model.input().type(), segmentInputs);

            final long base = 1_000_000_000_000L;
            for (int e = 0; e < featureEvents; e++)
            {
                final int id = e;
                send(client, () -> client.sendFeatures(5, id, base + id, inputs[id], 0, inputs[id].length) ==
                    SendOutcome.SENT, "features " + e);
            }
            for (int e = 0; e < segmentEvents; e++)
            {
                final int id = 100_000 + e;
                final PrimitiveList p = segments[e];
                send(client, () -> client.sendSegments(5, id, base + id, id % 3564, p) == SendOutcome.SENT,
                    "segments " + e);
            }
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "all answers");

            assertEquals(featureEvents + segmentEvents, listener.results.size());
            assertEquals(0, listener.duplicates);
            assertEquals(0, client.statistics().timeouts());
            assertEquals(0, client.statistics().unmatched());
            assertEquals(0, client.statistics().malformed());
            assertEquals(featureEvents + segmentEvents, client.statistics().sent());
            final int[] expectedFeatures = ClientTestDaemons.offline(model, inputs);
            final int[] expectedSegments = ClientTestDaemons.offline(model, segmentInputs);
            for (int e = 0; e < featureEvents + segmentEvents; e++)
            {
                final long id = e < featureEvents ? e : 100_000 + e - featureEvents;
                final int expected = e < featureEvents ? expectedFeatures[e] : expectedSegments[e - featureEvents];
                final RecordingListener.Result r = listener.results.get(id);
                assertEquals(expected, r.raw(), "event " + id + " (seed " + SEED + ")");
                assertEquals(model.output().decode(expected), r.value(), 0.0, "event " + id);
                assertEquals(5, r.sourceId());
                assertEquals(base + id, r.sendTimeNs(), "echoed send time of event " + id);
                assertEquals(1, r.outputs());
                assertTrue(r.batchSize() >= 1 && r.daemonNs() > 0, "event " + id + ": " + r);
            }
        }
    }

    @Test
    void rejectsAreMatchedWithReasonFieldIndexAndValue()
    {
        final RecordingListener listener = new RecordingListener();
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of());
            L1inferClient client = L1inferClient.connect(ClientTestDaemons.endpoint(daemon), new ClientOptions(),
                listener))
        {
            assertTrue(client.awaitConnected(CONNECT_NS), "client did not connect");
            final int[] inputs = new int[27];
            assertEquals(SendOutcome.SENT, client.sendFeatures(9, 1, 11, inputs, 0, 26));
            inputs[3] = 40_000;
            assertEquals(SendOutcome.SENT, client.sendFeatures(9, 2, 12, inputs, 0, 27));
            final PrimitiveList one = new PrimitiveList().add(1, 0, 3, 10, 20, 6, 0, 0).add(2, 0, 3, 12, 15, 6, 0, 1);
            assertEquals(SendOutcome.SENT, client.sendSegments(9, 3, 13, 100, one));
            final PrimitiveList badStation = new PrimitiveList().add(9, 0, 3, 10, 20, 6, 0, 0).add(2, 0, 3, 12, 15, 6,
                0, 0);
            assertEquals(SendOutcome.SENT, client.sendSegments(9, 4, 14, 100, badStation));
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "four rejects");

            assertEquals(4, client.statistics().rejects());
            assertEquals(0, client.statistics().results());
            assertEquals(new RecordingListener.Reject(9, 1, "WRONG_INPUT_SIZE", "INPUT_COUNT", RejectView.NO_INDEX, 26),
                listener.rejects.get(1L));
            assertEquals(new RecordingListener.Reject(9, 2, "INPUT_OUT_OF_RANGE", "INPUT_VALUE", 3, 40_000),
                listener.rejects.get(2L));
            assertEquals(new RecordingListener.Reject(9, 3, "TOO_FEW_PRIMITIVES", "PRIMITIVE_BX", RejectView.NO_INDEX,
                1),
                listener.rejects.get(3L));
            assertEquals(new RecordingListener.Reject(9, 4, "FIELD_OUT_OF_RANGE", "STATION", 0, 9),
                listener.rejects.get(4L));
        }
    }

    @Test
    void requestsNobodyAnswersTimeOutOnceEach()
    {
        final RecordingListener listener = new RecordingListener();
        final ClientOptions options = new ClientOptions().maxInFlight(256).requestTimeoutNs(50_000_000L);
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of());
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(daemon.aeronDirectory()));
            Subscription blackHole = aeron.addSubscription("aeron:ipc", 4001);
            L1inferClient client = new L1inferClient(aeron,
                new DaemonEndpoint(daemon.aeronDirectory(), "aeron:ipc", 4001, "aeron:ipc", 4002, 4002), options,
                listener))
        {
            // The client copied its options when it was made: a later change must not reach it.
            options.requestTimeoutNs(600_000_000_000L).fragmentLimit(1);
            awaitTrue(blackHole::isConnected, "black hole subscription");
            final int[] inputs = new int[27];
            for (int e = 0; e < 100; e++)
            {
                assertEquals(SendOutcome.SENT, client.sendFeatures(3, e, 1000 + e, inputs, 0, 27));
            }
            assertEquals(100, client.inFlight());
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "timeouts");
            for (int i = 0; i < 1000; i++)
            {
                client.poll();
            }
            assertEquals(100, client.statistics().timeouts());
            assertEquals(100, listener.timeouts.size());
            assertEquals(0, listener.duplicates);
            for (long e = 0; e < 100; e++)
            {
                assertEquals(1000 + e, listener.timeouts.get(e), "send time reported for event " + e);
            }
            // Timed-out ids may be used again.
            assertEquals(SendOutcome.SENT, client.sendFeatures(3, 0, 1, inputs, 0, 27));
        }
    }

    @Test
    void answersToAnotherClientAreUnmatched()
    {
        final RecordingListener mine = new RecordingListener();
        final RecordingListener other = new RecordingListener();
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of());
            L1inferClient client = L1inferClient.connect(ClientTestDaemons.endpoint(daemon), new ClientOptions(),
                mine);
            L1inferClient bystander = L1inferClient.connect(ClientTestDaemons.endpoint(daemon),
                new ClientOptions(), other))
        {
            assertTrue(client.awaitConnected(CONNECT_NS) && bystander.awaitConnected(CONNECT_NS), "connect");
            final int[] inputs = new int[27];
            for (int e = 0; e < 100; e++)
            {
                assertEquals(SendOutcome.SENT, client.sendFeatures(1, e, e, inputs, 0, 27));
            }
            awaitTrue(() -> client.poll() >= 0 && bystander.poll() >= 0 && client.statistics().results() == 100 &&
                bystander.statistics().unmatched() == 100, "answers seen by both clients");
            assertEquals(100, mine.results.size());
            assertEquals(0, other.results.size());
            assertEquals(100, other.unmatched.size());
            assertEquals(0, mine.unmatched.size());
        }
    }

    @Test
    void refusesWithAnOutcomeOrANamedArgument()
    {
        final RecordingListener listener = new RecordingListener();
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of());
            L1inferClient client = L1inferClient.connect(ClientTestDaemons.endpoint(daemon),
                new ClientOptions().maxInFlight(4), listener);
            L1inferClient nobodyListens = L1inferClient.connect(
                new DaemonEndpoint(daemon.aeronDirectory(), "aeron:ipc", 4101, "aeron:ipc", 4102, 4102),
                new ClientOptions(), listener))
        {
            assertTrue(client.awaitConnected(CONNECT_NS), "client did not connect");
            final int[] inputs = new int[27];
            for (int e = 0; e < 4; e++)
            {
                assertEquals(SendOutcome.SENT, client.sendFeatures(1, e, e, inputs, 0, 27));
            }
            assertEquals(SendOutcome.IN_FLIGHT_FULL, client.sendFeatures(1, 4, 4, inputs, 0, 27));
            awaitTrue(() -> client.poll() >= 0 && client.inFlight() == 0, "answers");
            assertEquals(SendOutcome.SENT, client.sendFeatures(1, 4, 4, inputs, 0, 27));
            assertEquals(SendOutcome.DUPLICATE_IN_FLIGHT, client.sendFeatures(1, 4, 5, inputs, 0, 27));
            assertEquals(SendOutcome.SENT, client.sendFeatures(2, 4, 5, inputs, 0, 27), "same event, other source");
            assertEquals(SendOutcome.NOT_CONNECTED, nobodyListens.sendFeatures(1, 1, 1, inputs, 0, 27));
            assertEquals(0, nobodyListens.inFlight());

            assertMessage("sourceId = -1", () -> client.sendFeatures(-1, 9, 9, inputs, 0, 27));
            assertMessage("sourceId = 4294967295", () -> client.sendFeatures(0xFFFF_FFFFL, 9, 9, inputs, 0, 27));
            assertMessage("eventId = -1", () -> client.sendFeatures(1, -1, 9, inputs, 0, 27));
            assertMessage("sendTimeNs", () -> client.sendFeatures(1, 9, Long.MIN_VALUE, inputs, 0, 27));
            assertMessage("count = 0", () -> client.sendFeatures(1, 9, 9, inputs, 0, 0));
            assertMessage("count = 1025", () -> client.sendFeatures(1, 9, 9, new int[1025], 0, 1025));
            assertThrows(IndexOutOfBoundsException.class, () -> client.sendFeatures(1, 9, 9, inputs, 1, 27));
            final PrimitiveList p = new PrimitiveList().add(1, 0, 1, 0, 0, 6, 0, 0);
            assertMessage("bx = 70000", () -> client.sendSegments(1, 9, 9, 70_000, p));
            assertMessage("at least one primitive", () -> client.sendSegments(1, 9, 9, 0, new PrimitiveList()));
            assertMessage("station = 256", () -> new PrimitiveList().add(256, 0, 1, 0, 0, 6, 0, 0));
            assertMessage("wheel = -129", () -> new PrimitiveList().add(1, -129, 1, 0, 0, 6, 0, 0));
            assertMessage("phiB = 40000", () -> new PrimitiveList().add(1, 0, 1, 0, 40_000, 6, 0, 0));
            final PrimitiveList full = new PrimitiveList();
            for (int i = 0; i < PrimitiveList.CAPACITY; i++)
            {
                full.add(1, 0, 1, 0, 0, 6, 0, 0);
            }
            assertThrows(IllegalStateException.class, () -> full.add(1, 0, 1, 0, 0, 6, 0, 0));
            client.close();
            assertEquals(SendOutcome.CLOSED, client.sendFeatures(1, 77, 1, inputs, 0, 27));
            assertFalse(client.isConnected());
        }
    }

    private static void assertMessage(final String expected, final org.junit.jupiter.api.function.Executable call)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().contains(expected), "message '" + ex.getMessage() + "' lacks '" + expected + "'");
    }

    /** Simulated accepted events as primitive lists, with the model inputs the daemon should build from them. */
    static PrimitiveList[] simulatedSegments(final int count, final FixedPointType inputType, final int[][] inputs)
    {
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final ToyEvent event = new ToyEvent();
        final MuonFeatures features = new MuonFeatures();
        final double[] values = new double[MuonFeatures.FEATURE_COUNT];
        final PrimitiveList[] lists = new PrimitiveList[count];
        for (int e = 0; e < count; e++)
        {
            simulation.nextAccepted(event);
            final MuonPrimitives t = event.primitives();
            lists[e] = new PrimitiveList();
            for (int i = 0; i < t.count(); i++)
            {
                lists[e].add(t.station(i), t.wheel(i), t.sector(i), t.phi(i), t.phiB(i), t.quality(i), t.ts2tag(i),
                    t.bx(i));
            }
            if (inputs != null)
            {
                assertTrue(features.build(t, values, 0) >= MuonFeatures.MIN_PRIMITIVES, "seed " + SEED + " event " + e);
                inputs[e] = new int[MuonFeatures.FEATURE_COUNT];
                for (int f = 0; f < values.length; f++)
                {
                    inputs[e][f] = (int)inputType.fromDouble(values[f]);
                }
            }
        }
        return lists;
    }

    /** Retry a send while it is refused for a retryable reason, polling meanwhile. */
    static void send(final L1inferClient client, final BooleanSupplier sendOnce, final String what)
    {
        awaitTrue(() -> sendOnce.getAsBoolean() || client.poll() < 0, "send " + what);
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
}
