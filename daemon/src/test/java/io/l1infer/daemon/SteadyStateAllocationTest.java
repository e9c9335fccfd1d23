package io.l1infer.daemon;

import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;
import io.l1infer.muon.TriggerPrimitives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path allocates nothing per event: bytes allocated by the ingest and accelerator-owner threads, read from
 * the JVM's per-thread allocation counter around a steady-state run of real inputs and simulated segments.
 */
class SteadyStateAllocationTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 99L);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void ingestAndOwnerThreadsDoNotAllocatePerEvent() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        final List<TriggerPrimitives> segments = new ArrayList<>();
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final ToyEvent toy = new ToyEvent();
        while (segments.size() < 2000)
        {
            simulation.next(toy);
            if (toy.primitives().count() > 0)
            {
                final TriggerPrimitives copy = new TriggerPrimitives();
                copy.copyFrom(toy.primitives());
                segments.add(copy);
            }
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (L1inferDaemon daemon = L1inferDaemon.launch(TestDaemons.config(Map.of()));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            long id = 0;
            id = run(client, inputs, segments, id, 60_000); // warm-up: JIT, lazily created buffers
            final long ingest = threadId("l1infer-ingest");
            final long owner = threadId("l1infer-accelerator-owner");
            final long ingestBefore = threads.getThreadAllocatedBytes(ingest);
            final long ownerBefore = threads.getThreadAllocatedBytes(owner);
            final int measured = 100_000;
            run(client, inputs, segments, id, measured);
            final long ingestBytes = threads.getThreadAllocatedBytes(ingest) - ingestBefore;
            final long ownerBytes = threads.getThreadAllocatedBytes(owner) - ownerBefore;
            System.out.printf("allocated over %d events: ingest %d bytes, owner %d bytes%n",
                measured, ingestBytes, ownerBytes);
            // Slack for one-off JVM work (e.g. a late JIT deoptimisation), far below one byte per event.
            assertTrue(ingestBytes < 16 * 1024, "ingest thread allocated " + ingestBytes + " bytes");
            assertTrue(ownerBytes < 16 * 1024, "owner thread allocated " + ownerBytes + " bytes");
        }
    }

    private static long run(final DaemonTestClient client, final int[][] inputs,
        final List<TriggerPrimitives> segments, final long firstId, final int count)
    {
        final int before = client.answers.size() + client.anonymousRejects.size();
        long id = firstId;
        for (int i = 0; i < count; i++, id++)
        {
            final int length = (i & 1) == 0 ?
                client.encodeFeatures(id, inputs[(int)(id % inputs.length)]) :
                client.encodeSegments(id, segments.get((int)(id % segments.size())));
            client.send(length);
            client.poll();
        }
        client.awaitAnswers(before + count, 120_000);
        return id;
    }

    private static long threadId(final String name)
    {
        for (final Thread t : Thread.getAllStackTraces().keySet())
        {
            if (t.getName().equals(name))
            {
                return t.getId();
            }
        }
        throw new AssertionError("no thread named " + name);
    }
}
