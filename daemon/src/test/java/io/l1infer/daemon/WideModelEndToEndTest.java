package io.l1infer.daemon;

import io.l1infer.codec.ModelIoLimits;
import io.l1infer.codec.sbe.RejectReason;
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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models beyond the muon model's sizes, end to end through Aeron and the ring: a 252-input calorimeter-region shape,
 * the wire's longest vector (1,024 inputs, several frames per message), a 64-output model; every answer equals the
 * offline engine. Models the wire cannot carry are refused at load naming the limit.
 */
class WideModelEndToEndTest
{
    private static final FixedPointType TYPE = FixedPointType.apFixed(16, 6);
    private static final int EVENTS = 600;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void calorimeterShaped252InputsAnswerLikeTheEngine() throws IOException
    {
        assertAnswersEqualEngine(new int[]{ 252, 15, 1 }, 252L);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void longestVectorSpanningSeveralFramesAnswersLikeTheEngine() throws IOException
    {
        assertAnswersEqualEngine(new int[]{ ModelIoLimits.INPUT_COUNT_MAX, 8, 3 }, 1024L);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sixtyFourOutputsAnswerLikeTheEngine() throws IOException
    {
        assertAnswersEqualEngine(new int[]{ 16, 32, ModelIoLimits.OUTPUT_COUNT_MAX }, 64L);
    }

    @Test
    void modelsBeyondTheWireAreRefusedAtLoadNamingTheLimit() throws IOException
    {
        final IllegalArgumentException tooManyInputs = assertThrows(IllegalArgumentException.class,
            () -> launch(new int[]{ ModelIoLimits.INPUT_COUNT_MAX + 1, 2, 1 }, 1L).close());
        assertTrue(tooManyInputs.getMessage().contains(
            "1025 inputs, more than a FeatureVector carries (1024, codec ModelIoLimits.INPUT_COUNT_MAX)"),
            tooManyInputs.getMessage());

        final IllegalArgumentException tooManyOutputs = assertThrows(IllegalArgumentException.class,
            () -> launch(new int[]{ 4, ModelIoLimits.OUTPUT_COUNT_MAX + 1 }, 2L).close());
        assertTrue(tooManyOutputs.getMessage().contains(
            "65 outputs, more than an InferenceResult carries (64, codec ModelIoLimits.OUTPUT_COUNT_MAX)"),
            tooManyOutputs.getMessage());

        final ModelBundle model = RandomModelGenerator.generate(
            new int[]{ 4, ModelIoLimits.OUTPUT_COUNT_MAX }, 0.5, TYPE, 3L);
        final Path bundle = dir.resolve(model.name());
        ModelBundleWriter.write(model, bundle);
        final IllegalArgumentException smallFrames = assertThrows(IllegalArgumentException.class,
            () -> L1inferDaemon.launch(TestDaemons.config(Map.of("l1infer.model.dir", bundle.toString(),
                "l1infer.result.channel", "aeron:ipc?mtu=512"))).close());
        assertTrue(smallFrames.getMessage().contains("a result of 64 outputs is 851 bytes, more than one frame of " +
            "the result publication holds (maxPayloadLength 480): raise the result channel's mtu"),
            smallFrames.getMessage());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void outOfRangeInputBeyondIndex254IsRejectedWithTheValue() throws IOException
    {
        try (L1inferDaemon daemon = launch(new int[]{ 300, 4, 1 }, 300L);
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] raw = new int[300];
            raw[299] = (int)TYPE.maxRaw() + 1;
            raw[3] = 0;
            client.send(client.encodeFeatures(1, raw));
            final int[] good = new int[300];
            good[7] = (int)TYPE.minRaw() - 1;
            client.send(client.encodeFeatures(2, good));
            client.awaitAnswers(2, 30_000);

            final DaemonTestClient.Answer beyond = client.answers.get(1L);
            assertTrue(beyond.reject());
            assertEquals(RejectReason.INPUT_OUT_OF_RANGE, beyond.reason());
            assertEquals(255, beyond.index(), "entries past 254 are reported as n/a");
            assertEquals(TYPE.maxRaw() + 1, beyond.value());
            final DaemonTestClient.Answer within = client.answers.get(2L);
            assertEquals(RejectReason.INPUT_OUT_OF_RANGE, within.reason());
            assertEquals(7, within.index());
            assertEquals(TYPE.minRaw() - 1, within.value());
            assertTrue(daemon.drainAndStop());
        }
    }

    private void assertAnswersEqualEngine(final int[] architecture, final long seed) throws IOException
    {
        final int inputs = architecture[0];
        final int outputs = architecture[architecture.length - 1];
        final SplittableRandom random = new SplittableRandom(seed);
        final int[][] raw = new int[EVENTS][inputs];
        for (final int[] event : raw)
        {
            for (int f = 0; f < inputs; f++)
            {
                event[f] = (int)(TYPE.minRaw() + random.nextLong(TYPE.maxRaw() - TYPE.minRaw() + 1)) / 8;
            }
        }
        try (L1inferDaemon daemon = launch(architecture, seed);
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[][] expected = offline(daemon.model(), raw);
            final int length = client.encodeFeatures(0, raw[0]);
            System.out.println(daemon.model().name() + ": FeatureVector " + length + " bytes, one frame holds " +
                client.maxPayloadLength());
            for (int e = 0; e < EVENTS; e++)
            {
                client.send(client.encodeFeatures(e, raw[e]));
                client.poll();
            }
            client.awaitAnswers(EVENTS, 60_000);
            assertEquals(0, client.duplicates, "seed " + seed);
            for (int e = 0; e < EVENTS; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "seed " + seed + " event " + e + " rejected: " + a.reason());
                assertEquals(outputs, a.raw().length, "seed " + seed + " event " + e);
                assertArrayEquals(expected[e], a.raw(), "seed " + seed + " event " + e);
            }
            assertTrue(daemon.drainAndStop());
        }
    }

    private L1inferDaemon launch(final int[] architecture, final long seed) throws IOException
    {
        final ModelBundle model = RandomModelGenerator.generate(architecture, 0.5, TYPE, seed);
        final Path bundle = dir.resolve(model.name());
        ModelBundleWriter.write(model, bundle);
        return L1inferDaemon.launch(TestDaemons.config(Map.of("l1infer.model.dir", bundle.toString())));
    }

    private static int[][] offline(final ModelBundle model, final int[][] inputs)
    {
        final int outputs = model.output().size();
        final int[][] out = new int[inputs.length][outputs];
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 1))
        {
            final BatchBuffers buf = engine.buffers(0);
            for (int e = 0; e < inputs.length; e++)
            {
                buf.putInputs(0, inputs[e], 0);
                engine.infer(0, 1);
                for (int o = 0; o < outputs; o++)
                {
                    out[e][o] = buf.getOutput(0, o);
                }
            }
        }
        return out;
    }
}
