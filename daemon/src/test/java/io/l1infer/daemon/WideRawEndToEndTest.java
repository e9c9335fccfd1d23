package io.l1infer.daemon;

import io.l1infer.codec.WireVersion;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelBundleWriter;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.RandomModelGenerator;
import io.l1infer.fpga.model.ReluLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model whose input (ap_fixed&lt;40,12&gt;) and output (ap_fixed&lt;48,16&gt;) raw values exceed int32, end to end
 * through Aeron and the ring with the int64 groups of schema version 3: every answer equals the CPU engine's own
 * batch output bit for bit, each malformed or out-of-range wide request is answered by a reject with its reason and
 * counter, and a narrow model still answers with version 2's bytes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WideRawEndToEndTest
{
    static final FixedPointType INPUT = FixedPointType.apFixed(40, 12);
    static final FixedPointType OUTPUT = FixedPointType.apFixed(48, 16);
    private static final FixedPointType WEIGHT = FixedPointType.apFixed(18, 4);
    private static final FixedPointType ACCUM = FixedPointType.apFixed(64, 28);
    private static final long SEED = 40_48L;
    private static final int EVENTS = 400;

    @TempDir
    Path dir;

    /** A 6-5-3 ReLU MLP over the wide types, seeded. */
    static ModelBundle wideModel(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] widths = { 6, 5, 3 };
        final List<Layer> layers = new java.util.ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++)
        {
            final long[] w = new long[widths[l] * widths[l + 1]];
            for (int k = 0; k < w.length; k++)
            {
                w[k] = WEIGHT.fromDouble(random.nextDouble(-2.0, 2.0));
            }
            final long[] b = new long[widths[l + 1]];
            for (int k = 0; k < b.length; k++)
            {
                b[k] = OUTPUT.fromDouble(random.nextDouble(-100.0, 100.0));
            }
            layers.add(new DenseLayer("dense_" + (l + 1), widths[l], widths[l + 1], WEIGHT, w, OUTPUT, b, ACCUM,
                OUTPUT));
            if (l + 2 < widths.length)
            {
                layers.add(new ReluLayer("relu_" + (l + 1), widths[l + 1], OUTPUT));
            }
        }
        return ModelBundle.of("wide-raw-6-5-3-seed" + seed, "6-5-3 ReLU MLP, ap_fixed<40,12> in, ap_fixed<48,16> out",
            new ModelInput(widths[0], INPUT, List.of()), new ModelOutput(widths[2], OUTPUT, List.of(), 1.0, ""),
            layers);
    }

    /** Raw inputs over the whole input range, most of them beyond int32. */
    static long[][] wideInputs(final long seed, final int events)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[][] raw = new long[events][6];
        for (final long[] event : raw)
        {
            for (int f = 0; f < event.length; f++)
            {
                event[f] = INPUT.minRaw() + random.nextLong(INPUT.maxRaw() - INPUT.minRaw() + 1);
            }
        }
        return raw;
    }

    /** The CPU engine's own output for all events computed as one batch. */
    static long[][] engineBatch(final ModelBundle model, final long[][] inputs)
    {
        final int outputs = model.output().size();
        final long[][] out = new long[inputs.length][outputs];
        try (FixedPointEmulator engine = new FixedPointEmulator(model, inputs.length))
        {
            final BatchBuffers buffers = engine.buffers(0);
            for (int e = 0; e < inputs.length; e++)
            {
                for (int f = 0; f < inputs[e].length; f++)
                {
                    buffers.putInputLong(e, f, inputs[e][f]);
                }
            }
            engine.infer(0, inputs.length);
            for (int e = 0; e < inputs.length; e++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    out[e][o] = buffers.getOutputLong(e, o);
                }
            }
        }
        return out;
    }

    private L1inferDaemon launch(final ModelBundle model, final Map<String, String> extra) throws IOException
    {
        final Path bundle = dir.resolve(model.name());
        ModelBundleWriter.write(model, bundle);
        final Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put("l1infer.model.dir", bundle.toString());
        return L1inferDaemon.launch(TestDaemons.config(settings));
    }

    @Test
    void wideInputsAndOutputsAnswerLikeTheEngineBitForBit() throws IOException
    {
        final ModelBundle model = wideModel(SEED);
        final long[][] inputs = wideInputs(SEED, EVENTS);
        final long[][] expected = engineBatch(model, inputs);
        long beyondInt32 = 0;
        for (final long[] event : expected)
        {
            for (final long raw : event)
            {
                beyondInt32 += raw != (int)raw ? 1 : 0;
            }
        }
        assertTrue(beyondInt32 > EVENTS, "seed " + SEED + ": the outputs must exercise values beyond int32, " +
            beyondInt32 + " do");

        try (L1inferDaemon daemon = launch(model, Map.of());
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            for (int e = 0; e < EVENTS; e++)
            {
                client.send(client.encodeWideFeatures(e, new int[0], inputs[e]));
                client.poll();
            }
            // Values within int32 may travel in the int32 group to a wide model too.
            final int[] small = { 1, -2, 3, -4, Integer.MAX_VALUE, Integer.MIN_VALUE };
            client.send(client.encodeFeatures(EVENTS, small));
            client.awaitAnswers(EVENTS + 1, 60_000);

            assertEquals(0, client.duplicates, "seed " + SEED);
            final int resultLength = ModelWireLimits.resultLength(3, true);
            for (int e = 0; e < EVENTS; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "seed " + SEED + " event " + e + " rejected: " + a.reason());
                assertEquals(0, a.raw().length, "seed " + SEED + " event " + e + ": int32 group must be empty");
                assertArrayEquals(expected[e], a.wideRaw(), "seed " + SEED + " event " + e);
                assertEquals(OUTPUT.toDouble(expected[e][0]), a.values()[0], "seed " + SEED + " event " + e);
                assertEquals(WireVersion.WIDE, a.version());
                assertEquals(resultLength, a.length());
            }
            final long[] smallWide = new long[small.length];
            for (int f = 0; f < small.length; f++)
            {
                smallWide[f] = small[f];
            }
            assertArrayEquals(engineBatch(model, new long[][]{ smallWide })[0],
                client.answers.get((long)EVENTS).wideRaw(), "seed " + SEED);
            assertTrue(daemon.drainAndStop());
        }
    }

    @Test
    void malformedAndOutOfRangeWideRequestsAreRejectedAndCounted() throws IOException
    {
        final ModelBundle model = wideModel(SEED);
        try (L1inferDaemon daemon = launch(model, Map.of());
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final long[] good = wideInputs(SEED, 1)[0];
            final long[] tooHigh = good.clone();
            tooHigh[4] = INPUT.maxRaw() + 1;
            final long[] tooLow = good.clone();
            tooLow[0] = Long.MIN_VALUE;
            client.send(client.encodeWideFeatures(1, new int[0], tooHigh));
            client.send(client.encodeWideFeatures(2, new int[0], tooLow));
            client.send(client.encodeWideFeatures(3, new int[0], new long[]{ 1, 2, 3 }));
            client.send(client.encodeWideFeatures(4, new int[]{ 1, 2, 3, 4, 5, 6 }, good));
            client.send(client.encodeWideFeatures(5, new int[0], new long[0]));
            client.send(client.encodeFeatures(6, new int[]{ 1, 2 }));
            client.send(client.encodeWideFeatures(7, new int[0], good));
            client.awaitAnswers(7, 30_000);

            assertReject(client.answers.get(1L), RejectReason.INPUT_OUT_OF_RANGE, MessageField.INPUT_VALUE, 4,
                INPUT.maxRaw() + 1);
            assertReject(client.answers.get(2L), RejectReason.INPUT_OUT_OF_RANGE, MessageField.INPUT_VALUE, 0,
                Long.MIN_VALUE);
            assertReject(client.answers.get(3L), RejectReason.WRONG_INPUT_SIZE, MessageField.WIDE_INPUT_COUNT, 255, 3);
            assertReject(client.answers.get(4L), RejectReason.BAD_GROUP, MessageField.WIDE_INPUT_COUNT, 255, 6);
            assertReject(client.answers.get(5L), RejectReason.BAD_GROUP, MessageField.INPUT_COUNT, 255, 0);
            assertReject(client.answers.get(6L), RejectReason.WRONG_INPUT_SIZE, MessageField.INPUT_COUNT, 255, 2);
            assertArrayEquals(engineBatch(model, new long[][]{ good })[0], client.answers.get(7L).wideRaw());
            assertTrue(daemon.drainAndStop());

            final String counters = daemon.counterSummary();
            assertEquals(2, BackPressureAndFailoverTest.counter(counters, "rejects INPUT_OUT_OF_RANGE"), counters);
            assertEquals(2, BackPressureAndFailoverTest.counter(counters, "rejects WRONG_INPUT_SIZE"), counters);
            assertEquals(2, BackPressureAndFailoverTest.counter(counters, "rejects BAD_GROUP"), counters);
        }
    }

    private static void assertReject(
        final DaemonTestClient.Answer answer,
        final RejectReason reason,
        final MessageField field,
        final int index,
        final long value)
    {
        assertTrue(answer.reject(), () -> "expected " + reason + ", got a result");
        assertEquals(reason, answer.reason());
        assertEquals(field.value(), answer.field());
        assertEquals(index, answer.index());
        assertEquals(value, answer.value());
        assertEquals(WireVersion.NARROW, answer.version());
    }

    @Test
    void narrowModelKeepsVersionTwoResultsAndTakesEitherGroup() throws IOException
    {
        final FixedPointType type = FixedPointType.apFixed(16, 6);
        final ModelBundle model = RandomModelGenerator.generate(new int[]{ 5, 4, 2 }, 0.0, type, 7L);
        try (L1inferDaemon daemon = launch(model, Map.of());
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] raw = { 100, -200, 300, -400, 500 };
            final long[] wide = { 100, -200, 300, -400, 500 };
            client.send(client.encodeFeatures(1, raw));
            client.send(client.encodeWideFeatures(2, new int[0], wide));
            client.send(client.encodeWideFeatures(3, new int[0], new long[]{ 0, 0, type.maxRaw() + 1, 0, 0 }));
            client.awaitAnswers(3, 30_000);

            final DaemonTestClient.Answer narrow = client.answers.get(1L);
            assertEquals(WireVersion.NARROW, narrow.version());
            assertEquals(ModelWireLimits.resultLength(2, false), narrow.length());
            assertEquals(0, narrow.wideRaw().length);
            final long[] expected = engineBatch(model, new long[][]{ wide })[0];
            assertEquals(expected[0], narrow.raw()[0]);
            assertEquals(expected[1], narrow.raw()[1]);
            final DaemonTestClient.Answer fromWide = client.answers.get(2L);
            assertArrayEquals(narrow.raw(), fromWide.raw());
            assertEquals(WireVersion.NARROW, fromWide.version());
            assertReject(client.answers.get(3L), RejectReason.INPUT_OUT_OF_RANGE, MessageField.INPUT_VALUE, 2,
                type.maxRaw() + 1);
            assertTrue(daemon.drainAndStop());
        }
    }

    @Test
    void longestWideVectorSpanningSeveralFramesAnswersLikeTheEngine() throws IOException
    {
        final FixedPointType type = FixedPointType.apFixed(40, 12);
        final ModelBundle model = RandomModelGenerator.generate(
            new int[]{ io.l1infer.codec.ModelIoLimits.INPUT_COUNT_MAX, 4, 2 }, 0.5, type, SEED);
        final SplittableRandom random = new SplittableRandom(SEED);
        final long[][] inputs = new long[40][model.input().size()];
        for (final long[] event : inputs)
        {
            for (int f = 0; f < event.length; f++)
            {
                event[f] = type.minRaw() + random.nextLong(type.maxRaw() - type.minRaw() + 1);
            }
        }
        final long[][] expected = engineBatch(model, inputs);
        try (L1inferDaemon daemon = launch(model, Map.of());
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int length = client.encodeWideFeatures(0, new int[0], inputs[0]);
            assertEquals(ModelWireLimits.MAX_REQUEST_LENGTH, length);
            assertTrue(length > 5 * client.maxPayloadLength(), length + " bytes span several frames");
            for (int e = 0; e < inputs.length; e++)
            {
                client.send(client.encodeWideFeatures(e, new int[0], inputs[e]));
                client.poll();
            }
            client.awaitAnswers(inputs.length, 60_000);
            for (int e = 0; e < inputs.length; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "seed " + SEED + " event " + e + " rejected: " + a.reason());
                assertArrayEquals(expected[e], a.wideRaw(), "seed " + SEED + " event " + e);
            }
            assertTrue(daemon.drainAndStop());
        }
    }

    @Test
    void wideResultTooLongForOneFrameIsRefusedAtLoad() throws IOException
    {
        final FixedPointType type = FixedPointType.apFixed(40, 12);
        final ModelBundle model = RandomModelGenerator.generate(new int[]{ 4, 40 }, 0.5, type, 3L);
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> launch(model, Map.of("l1infer.result.channel", "aeron:ipc?mtu=512")).close());
        assertTrue(refused.getMessage().contains("a result of 40 int64 outputs is 727 bytes, more than one frame " +
            "of the result publication holds (maxPayloadLength 480): raise the result channel's mtu"),
            refused.getMessage());
    }

    @Test
    void theShadowEngineChecksAWideModelBitForBit() throws IOException
    {
        final ModelBundle model = wideModel(SEED);
        final long[][] inputs = wideInputs(SEED, EVENTS);
        final long[][] expected = engineBatch(model, inputs);
        try (L1inferDaemon daemon = launch(model, Map.of("l1infer.shadow", "emulator"));
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            for (int e = 0; e < EVENTS; e++)
            {
                client.send(client.encodeWideFeatures(e, new int[0], inputs[e]));
                client.poll();
            }
            client.awaitAnswers(EVENTS, 60_000);
            for (int e = 0; e < EVENTS; e++)
            {
                assertArrayEquals(expected[e], client.answers.get((long)e).wideRaw(), "seed " + SEED + " event " + e);
            }
            assertTrue(daemon.drainAndStop());
            final String shadow = daemon.shadowSummary();
            final long checked = Long.parseLong(shadow.replaceAll(".* checked=(\\d+) .*", "$1"));
            final long skipped = Long.parseLong(shadow.replaceAll(".* skipped=(\\d+).*", "$1"));
            assertTrue(checked > 0 && (checked == EVENTS || skipped > 0), "seed " + SEED + ": " + shadow);
            assertTrue(shadow.contains(" matched=" + checked + " mismatched=0 "), "seed " + SEED + ": " + shadow);
        }
    }
}
