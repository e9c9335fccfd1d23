package io.l1infer.client;

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
 * The client with a model whose raw values exceed int32 (ap_fixed&lt;40,12&gt; throughout): int64 inputs through the
 * same send path, int64 outputs through the same listener, every answer equal to the engine's batch output.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WideRawClientTest
{
    static final FixedPointType TYPE = FixedPointType.apFixed(40, 12);
    private static final long SEED = 4012L;
    private static final int EVENTS = 300;

    @TempDir
    Path dir;

    static ModelBundle wideModel()
    {
        return RandomModelGenerator.generate(new int[]{ 6, 8, 3 }, 0.25, TYPE, SEED);
    }

    /** Raw inputs over the whole input range, most of them beyond int32 (seeded). */
    static long[][] wideInputs(final ModelBundle model, final int events)
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final FixedPointType type = model.input().type();
        final long[][] raw = new long[events][model.input().size()];
        for (final long[] event : raw)
        {
            for (int f = 0; f < event.length; f++)
            {
                event[f] = type.minRaw() + random.nextLong(type.maxRaw() - type.minRaw() + 1);
            }
        }
        return raw;
    }

    @Test
    void wideInputsAndOutputsTravelThroughTheSameSendPathAndListener() throws IOException
    {
        final ModelBundle model = wideModel();
        final Path bundle = dir.resolve(model.name());
        ModelBundleWriter.write(model, bundle);
        final long[][] inputs = wideInputs(model, EVENTS);
        final Outputs listener = new Outputs();
        try (L1inferDaemon daemon = ClientTestDaemons.launch(Map.of("l1infer.model.dir", bundle.toString()));
            L1inferClient client = L1inferClient.connect(ClientTestDaemons.endpoint(daemon), new ClientOptions(),
                listener))
        {
            assertTrue(client.awaitConnected(10_000_000_000L), "client did not connect");
            for (int e = 0; e < EVENTS; e++)
            {
                final long deadline = System.nanoTime() + 10_000_000_000L;
                while (client.sendFeatures(3, e, e, inputs[e], 0, inputs[e].length) != SendOutcome.SENT)
                {
                    client.poll();
                    assertTrue(System.nanoTime() < deadline, "could not send event " + e + " (seed " + SEED + ")");
                }
                client.poll();
            }
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (client.inFlight() > 0)
            {
                client.poll();
                assertTrue(System.nanoTime() < deadline, "answers missing (seed " + SEED + ")");
            }
        }
        assertEquals(0, listener.other, "rejects, timeouts, malformed or unmatched (seed " + SEED + ")");
        assertEquals(EVENTS, listener.outputs.size());
        assertEquals(EVENTS, listener.wide, "every result in the int64 group");
        assertTrue(listener.narrowReadRefused > 0, "some outputs exceed int32 and outputRaw refuses them");

        final int outputs = model.output().size();
        try (FixedPointEmulator engine = new FixedPointEmulator(model, EVENTS))
        {
            final BatchBuffers buffers = engine.buffers(0);
            for (int e = 0; e < EVENTS; e++)
            {
                for (int f = 0; f < inputs[e].length; f++)
                {
                    buffers.putInputLong(e, f, inputs[e][f]);
                }
            }
            engine.infer(0, EVENTS);
            for (int e = 0; e < EVENTS; e++)
            {
                final long[] expected = new long[outputs];
                for (int o = 0; o < outputs; o++)
                {
                    expected[o] = buffers.getOutputLong(e, o);
                }
                assertArrayEquals(expected, listener.outputs.get((long)e), "event " + e + " (seed " + SEED + ")");
            }
        }
    }

    @Test
    void wideVectorsAreCheckedLikeNarrowOnes()
    {
        final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> RequestEncoder.checkWideFeatures(new long[4], 0, 0, 1024, "this client sends feature vectors of"));
        assertEquals("count = 0: this client sends feature vectors of 1..1024 inputs", empty.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
            () -> RequestEncoder.checkWideFeatures(new long[4], 2, 3, 1024, "this client sends feature vectors of"));
        assertEquals(8 + 20 + 4 + 4 + 3 * 8, RequestEncoder.checkWideFeatures(new long[4], 1, 3, 1024, "x"));
    }

    /** Keeps every raw output of every result, read with the long accessor. */
    private static final class Outputs extends CountingOthersListener
    {
        final Map<Long, long[]> outputs = new HashMap<>();
        int wide;
        int narrowReadRefused;

        @Override
        public void onResult(final ResultView r)
        {
            final long[] raw = new long[r.outputCount()];
            for (int o = 0; o < raw.length; o++)
            {
                raw[o] = r.outputRawLong(o);
                if (raw[o] != (int)raw[o])
                {
                    final int index = o;
                    assertThrows(ArithmeticException.class, () -> r.outputRaw(index));
                    narrowReadRefused++;
                }
            }
            wide += r.hasWideOutputs() ? 1 : 0;
            other += outputs.put(r.eventId(), raw) != null ? 1 : 0;
        }
    }
}
