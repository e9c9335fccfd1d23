package io.l1infer.fpga;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.engine.ReferenceEmulator;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.RandomModelGenerator;
import io.l1infer.testsupport.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-call API on the emulator reproduces the thesis firmware's C simulation, raw and as floats. */
class PredictorTest
{
    private static ThesisCsimData data;

    @BeforeAll
    static void load()
    {
        data = ThesisCsimData.load();
    }

    @Test
    void rawBatchesReproduceEveryExpectedOutput()
    {
        for (final int maxBatch : new int[]{ 1, 7, 256, 1000 })
        {
            try (Predictor p = Predictor.open(ModelBundle.load(ProjectPaths.thesisModel()),
                Predictor.Engine.EMULATOR, maxBatch))
            {
                final long[] out = new long[ThesisCsimData.EVENTS];
                p.predictRaw(data.rawInputs(), ThesisCsimData.EVENTS, out);
                assertArrayEquals(data.rawOutputs(), out, "maxBatch " + maxBatch);
            }
        }
    }

    @Test
    void floatsAreConvertedAsTheCSimulationDoes()
    {
        try (Predictor p = Predictor.open(ProjectPaths.thesisModel(), Predictor.Engine.EMULATOR))
        {
            final FixedPointType in = p.model().input().type();
            final FixedPointType out = p.model().output().type();
            final float[][] batch = p.predict(data.floatInputs());
            final float[] one = new float[1];
            int roundedByFloat = 0;
            for (int e = 0; e < ThesisCsimData.EVENTS; e++)
            {
                final long[] raw = new long[ThesisCsimData.INPUTS];
                boolean sameRaw = true;
                for (int f = 0; f < ThesisCsimData.INPUTS; f++)
                {
                    raw[f] = CsimFloats.toRaw(in, data.floatInputs()[e][f]);
                    sameRaw &= raw[f] == data.rawInputs()[e * ThesisCsimData.INPUTS + f];
                }
                final long[] rawOut = new long[1];
                p.predictRaw(raw, 1, rawOut);
                final float expected = CsimFloats.toFloat(out, rawOut[0]);
                assertEquals(expected, batch[e][0], "event " + e);
                p.predict(data.floatInputs()[e], one);
                assertEquals(expected, one[0], "event " + e + " alone");
                assertEquals(expected, p.predict(data.floatInputs()[e])[0], "event " + e + " alone, new array");
                if (sameRaw)
                {
                    assertEquals(CsimFloats.toFloat(out, data.rawOutputs()[e]), batch[e][0], "event " + e);
                }
                else
                {
                    // The thesis harness converted doubles; hls4ml's test bench (and a float API) rounds to float
                    // first, which moves a value like 0.011718749999996 onto the grid point 12/1024.
                    roundedByFloat++;
                }
            }
            assertTrue(roundedByFloat < 50, roundedByFloat + " events with float-rounded inputs");
            System.out.println("events whose float inputs round onto another ap_fixed<16,6> value than the "
                + "double: " + roundedByFloat + " of " + ThesisCsimData.EVENTS);
        }
    }

    @Test
    void rawValuesWiderThanInt32AreCarriedWhole()
    {
        final FixedPointType type = FixedPointType.apFixed(40, 12);
        final ModelBundle model = RandomModelGenerator.generate(new int[]{ 6, 5, 3 }, 0.6, type, 11L);
        final ReferenceEmulator reference = new ReferenceEmulator(model);
        final SplittableRandom random = new SplittableRandom(11L);
        final int events = 40;
        final long[] in = new long[events * 6];
        int beyond = 0;
        for (int i = 0; i < in.length; i++)
        {
            in[i] = random.nextLong(type.minRaw() / 4, type.maxRaw() / 4);
            beyond += in[i] != (int)in[i] ? 1 : 0;
        }
        assertTrue(beyond > in.length / 2, "seed 11: inputs beyond int32: " + beyond);
        final long[] out = new long[events * 3];
        try (Predictor p = Predictor.emulator(model, 16))
        {
            p.predictRaw(in, events, out);
        }
        for (int e = 0; e < events; e++)
        {
            final long[] expected = reference.infer(Arrays.copyOfRange(in, e * 6, e * 6 + 6));
            assertArrayEquals(expected, Arrays.copyOfRange(out, e * 3, e * 3 + 3), "seed 11 event " + e);
        }
    }

    @Test
    void badArgumentsAreRefusedNamingEventInputAndRange()
    {
        try (Predictor p = Predictor.open(ProjectPaths.thesisModel(), Predictor.Engine.EMULATOR))
        {
            assertMessage("inputs: expected 27 values, got 26", () -> p.predict(new float[26]));
            assertMessage("outputs: expected 1 values, got 2", () -> p.predict(new float[27], new float[2]));
            final float[][] rows = new float[3][27];
            rows[2][5] = Float.NaN;
            assertMessage("event 2 input 5: NaN has no value in ap_fixed<16,6>", () -> p.predict(rows));
            final long[] raw = new long[2 * 27];
            raw[27 + 3] = 32768;
            assertMessage("event 1 input 3: raw 32768 is outside [-32768, 32767] of ap_fixed<16,6>",
                () -> p.predictRaw(raw, 2, new long[2]));
            assertMessage("3 events need 81 inputs and 3 outputs, got arrays of 54 and 2",
                () -> p.predictRaw(raw, 3, new long[2]));
            assertMessage("maxBatch must be >= 1, got 0",
                () -> Predictor.emulator(p.model(), 0));
        }
    }

    private static void assertMessage(final String expected, final org.junit.jupiter.api.function.Executable call)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().contains(expected), "'" + ex.getMessage() + "' lacks '" + expected + "'");
    }
}
