package io.l1infer.client;

import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelBundleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send and poll path allocates nothing per request: the calling thread's allocation counter around a steady
 * state of feature-vector and segment requests against a real daemon, with a listener that reads every field; and
 * with int64 raw inputs and outputs against a daemon serving a model wider than int32.
 */
class ClientSteadyStateAllocationTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sendAndPollDoNotAllocate() throws IOException
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final SummingListener listener = new SummingListener();
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of());
            L1inferClient client = L1inferClient.connect(ClientTestDaemons.endpoint(daemon),
                new ClientOptions().maxInFlight(4096), listener))
        {
            assertTrue(client.awaitConnected(10_000_000_000L), "client did not connect");
            final int[][] inputs = ClientTestDaemons.realInputs(daemon.model());
            final PrimitiveList[] segments = L1inferClientTest.simulatedSegments(500, daemon.model().input().type(),
                null);
            long id = run(client, inputs, segments, 0, 50_000); // JIT warm-up
            final long before = threads.getThreadAllocatedBytes(thread);
            final int measured = 100_000;
            id = run(client, inputs, segments, id, measured);
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            System.out.printf("client send+poll: %d bytes allocated over %d requests%n", allocated, measured);
            final ClientStatistics stats = client.statistics();
            assertEquals(id, stats.results());
            assertEquals(0, stats.rejects() + stats.timeouts() + stats.unmatched() + stats.malformed());
            assertTrue(listener.sum != 0);
            // Slack for one-off JVM work (a late deoptimisation), far below one byte per request.
            assertTrue(allocated < 16 * 1024, "send+poll allocated " + allocated + " bytes over " + measured);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void routingSendAndPollDoNotAllocate() throws IOException
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final SummingListener listener = new SummingListener();
        final RoutingOptions options = new RoutingOptions(RoutingPolicy.PARTITION)
            .maxInFlight(4096).requestTimeoutNs(60_000_000_000L).resendTimeoutNs(20_000_000_000L);
        try (UdpDaemonSet set = new UdpDaemonSet(List.of(DetectorPartition.parse("-2..0", "1..12"),
            DetectorPartition.parse("1..2", "1..12")), false, Arrays.asList(null, null));
            RoutingClient client = new RoutingClient(set.aeron, set.routes, options, listener))
        {
            assertTrue(client.awaitConnected(2, 20_000_000_000L), "routing client did not connect");
            final int[][] inputs = ClientTestDaemons.realInputs(set.daemons.get(0).model());
            final PrimitiveList[] segments = L1inferClientTest.simulatedSegments(500,
                set.daemons.get(0).model().input().type(), null);
            long id = run(client, inputs, segments, 0, 50_000); // JIT warm-up
            final long before = threads.getThreadAllocatedBytes(thread);
            final int measured = 100_000;
            id = run(client, inputs, segments, id, measured);
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            System.out.printf("routing client send+poll: %d bytes allocated over %d requests (%d / %d per daemon)%n",
                allocated, measured, client.transmissionsTo(0), client.transmissionsTo(1));
            final ClientStatistics stats = client.statistics();
            assertEquals(id, stats.results());
            assertEquals(0, stats.rejects() + stats.timeouts() + stats.unmatched() + stats.malformed());
            assertTrue(client.transmissionsTo(0) > 0 && client.transmissionsTo(1) > 0);
            assertTrue(listener.sum != 0);
            assertTrue(allocated < 16 * 1024, "send+poll allocated " + allocated + " bytes over " + measured);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void wideSendAndPollDoNotAllocate(@TempDir final Path dir) throws IOException
    {
        final ModelBundle model = WideRawClientTest.wideModel();
        final Path bundle = dir.resolve(model.name());
        ModelBundleWriter.write(model, bundle);
        final long[][] inputs = WideRawClientTest.wideInputs(model, 64);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final SummingListener listener = new SummingListener();
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of("l1infer.model.dir", bundle.toString()));
            L1inferClient client = L1inferClient.connect(ClientTestDaemons.endpoint(daemon),
                new ClientOptions().maxInFlight(4096), listener))
        {
            assertTrue(client.awaitConnected(10_000_000_000L), "client did not connect");
            long id = runWide(client, inputs, 0, 50_000); // JIT warm-up
            final long before = threads.getThreadAllocatedBytes(thread);
            final int measured = 100_000;
            id = runWide(client, inputs, id, measured);
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            System.out.printf("client wide send+poll: %d bytes allocated over %d requests%n", allocated, measured);
            final ClientStatistics stats = client.statistics();
            assertEquals(id, stats.results());
            assertEquals(0, stats.rejects() + stats.timeouts() + stats.unmatched() + stats.malformed());
            assertEquals(id, listener.wide, "every answer came in the int64 group");
            assertTrue(allocated < 16 * 1024, "wide send+poll allocated " + allocated + " bytes over " + measured);
        }
    }

    private static long runWide(final InferenceClient client, final long[][] inputs, final long firstId,
        final int count)
    {
        return run(client, (id) ->
        {
            final long[] event = inputs[(int)(id % inputs.length)];
            return client.sendFeatures(1, id, System.nanoTime(), event, 0, event.length);
        }, firstId, count);
    }

    private static long run(final InferenceClient client, final int[][] inputs, final PrimitiveList[] segments,
        final long firstId, final int count)
    {
        return run(client, (id) -> (id & 1) == 0 ?
            client.sendFeatures(1, id, System.nanoTime(), inputs[(int)(id % inputs.length)], 0, 27) :
            client.sendSegments(1, id, System.nanoTime(), (int)(id % 3564), segments[(int)(id % segments.length)]),
            firstId, count);
    }

    /** Send events firstId.. with {@code send} (one lambda per run, nothing per request), then await the answers. */
    private static long run(final InferenceClient client, final LongFunction<SendOutcome> send, final long firstId,
        final int count)
    {
        long id = firstId;
        final long end = firstId + count;
        while (id < end)
        {
            final SendOutcome outcome = send.apply(id);
            if (outcome == SendOutcome.SENT)
            {
                id++;
            }
            else if (!outcome.isRetryable())
            {
                throw new AssertionError("send of event " + id + ": " + outcome);
            }
            client.poll();
        }
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (client.inFlight() > 0 && System.nanoTime() - deadline < 0)
        {
            client.poll();
        }
        return id;
    }

    /** Reads every field of every answer so nothing is optimised away; allocates nothing. */
    private static final class SummingListener implements ResultListener
    {
        long sum;
        long wide;

        @Override
        public void onResult(final ResultView r)
        {
            sum += r.sourceId() + r.eventId() + r.sendTimeNs() + r.receiveTimeNs() + r.status().value() +
                r.batchSize() + r.daemonLatencyNs() + r.outputRawLong(0) + (long)r.outputValue(0);
            wide += r.hasWideOutputs() ? 1 : 0;
        }

        @Override
        public void onReject(final RejectView r)
        {
            sum += r.reason().value() + r.field().value() + r.index() + r.value();
        }

        @Override
        public void onTimeout(final long sourceId, final long eventId, final long sendTimeNs)
        {
            sum += eventId;
        }
    }
}
