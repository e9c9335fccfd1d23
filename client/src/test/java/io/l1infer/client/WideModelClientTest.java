package io.l1infer.client;

import io.l1infer.codec.ModelIoLimits;
import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelBundleWriter;
import io.l1infer.fpga.model.RandomModelGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client with models beyond the muon model's sizes: the wire's longest feature vector (longer than one frame,
 * offered and fragmented) and the most outputs, every answer equal to the engine's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WideModelClientTest
{
    private static final FixedPointType TYPE = FixedPointType.apFixed(16, 6);
    private static final int EVENTS = 300;

    @TempDir
    Path dir;

    @Test
    void longestFeatureVectorIsSentInSeveralFramesAndAnswered() throws IOException
    {
        assertAnswersEqualEngine(new int[]{ ModelIoLimits.INPUT_COUNT_MAX, 6, 2 }, 11L);
    }

    @Test
    void everyOneOfSixtyFourOutputsReachesTheListener() throws IOException
    {
        assertAnswersEqualEngine(new int[]{ 20, 24, ModelIoLimits.OUTPUT_COUNT_MAX }, 12L);
    }

    @Test
    void routingClientRefusesVectorsLongerThanItsStoredSlotsNamingTheLimit()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> RequestEncoder.checkFeatures(new int[65], 0, 65, RoutingClient.MAX_ROUTED_INPUTS,
                "a RoutingClient stores feature vectors of"));
        assertEquals("count = 65: a RoutingClient stores feature vectors of 1..64 inputs", ex.getMessage());
        assertEquals(320, RoutingClient.STORED_REQUEST_BYTES, "stored copy per request in flight");
        final IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
            () -> RequestEncoder.checkWideFeatures(new long[36], 0, 36, RoutingClient.MAX_ROUTED_WIDE_INPUTS,
                "a RoutingClient stores int64 feature vectors of"));
        assertEquals("count = 36: a RoutingClient stores int64 feature vectors of 1..35 inputs", wide.getMessage());
        assertEquals(RoutingClient.STORED_REQUEST_BYTES,
            RequestEncoder.wideFeaturesLength(RoutingClient.MAX_ROUTED_WIDE_INPUTS) + 4, "fills the stored slot");
    }

    private void assertAnswersEqualEngine(final int[] architecture, final long seed) throws IOException
    {
        final ModelBundle model = RandomModelGenerator.generate(architecture, 0.5, TYPE, seed);
        final Path bundle = dir.resolve(model.name());
        ModelBundleWriter.write(model, bundle);
        final int inputs = architecture[0];
        final SplittableRandom random = new SplittableRandom(seed);
        final int[][] raw = new int[EVENTS][inputs];
        for (final int[] event : raw)
        {
            for (int f = 0; f < inputs; f++)
            {
                event[f] = (int)(TYPE.minRaw() + random.nextLong(TYPE.maxRaw() - TYPE.minRaw() + 1)) / 8;
            }
        }
        final AllOutputs listener = new AllOutputs();
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of("l1infer.model.dir", bundle.toString()));
            L1inferClient client = L1inferClient.connect(ClientTestDaemons.endpoint(daemon), new ClientOptions(),
                listener))
        {
            assertTrue(client.awaitConnected(10_000_000_000L), "client did not connect");
            for (int e = 0; e < EVENTS; e++)
            {
                final long deadline = System.nanoTime() + 10_000_000_000L;
                while (client.sendFeatures(3, e, e, raw[e], 0, inputs) != SendOutcome.SENT)
                {
                    client.poll();
                    assertTrue(System.nanoTime() < deadline, "could not send event " + e + " (seed " + seed + ")");
                }
                client.poll();
            }
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (client.inFlight() > 0)
            {
                client.poll();
                assertTrue(System.nanoTime() < deadline, "answers missing (seed " + seed + ")");
            }
        }
        assertEquals(0, listener.other, "rejects, timeouts, malformed or unmatched (seed " + seed + ")");
        assertEquals(EVENTS, listener.outputs.size());
        final int outputs = model.output().size();
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 1))
        {
            final BatchBuffers buf = engine.buffers(0);
            for (int e = 0; e < EVENTS; e++)
            {
                buf.putInputs(0, raw[e], 0);
                engine.infer(0, 1);
                final int[] expected = new int[outputs];
                for (int o = 0; o < outputs; o++)
                {
                    expected[o] = buf.getOutput(0, o);
                }
                assertArrayEquals(expected, listener.outputs.get((long)e), "event " + e + " (seed " + seed + ")");
            }
        }
    }

    /** Keeps every raw output of every result. */
    private static final class AllOutputs extends CountingOthersListener
    {
        final Map<Long, int[]> outputs = new HashMap<>();

        @Override
        public void onResult(final ResultView r)
        {
            final int[] raw = new int[r.outputCount()];
            for (int o = 0; o < raw.length; o++)
            {
                raw[o] = r.outputRaw(o);
            }
            other += outputs.put(r.eventId(), raw) != null ? 1 : 0;
        }
    }
}
