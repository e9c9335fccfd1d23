package io.l1infer.muon;

import io.l1infer.codec.MuonPrimitives;
import io.l1infer.testsupport.ProjectPaths;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link MuonFeatures}: slot filling, skipping, wrap-around, empty slots and rejection. */
class MuonFeaturesTest
{
    private final MuonFeatures features = new MuonFeatures();
    private final MuonPrimitives primitives = new MuonPrimitives();
    private final double[] out = new double[MuonFeatures.FEATURE_COUNT];

    @BeforeEach
    void fillOutputWithNaN()
    {
        Arrays.fill(out, Double.NaN);
    }

    @Test
    void namesEqualTheModelFeatureList() throws IOException
    {
        final String json = Files.readString(ProjectPaths.thesisModel().resolve("model.json"));
        final Matcher block = Pattern.compile("\"features\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(json);
        assertTrue(block.find(), "model.json has no features array");
        final List<String> names = new ArrayList<>();
        final Matcher name = Pattern.compile("\"([^\"]+)\"").matcher(block.group(1));
        while (name.find())
        {
            names.add(name.group(1));
        }
        assertEquals(names, MuonFeatures.NAMES);
        assertEquals(MuonFeatures.FEATURE_COUNT, MuonFeatures.NAMES.size());
    }

    @Test
    void twoPrimitivesFillTwoSlotsAndZeroTheRest()
    {
        primitives.add(1, -1, 3, 100, 38, 5, 0, 0);
        primitives.add(2, 0, 3, 159, -20, 2, 1, 0);

        assertEquals(2, features.build(primitives, out, 0));

        final double[] expected = new double[MuonFeatures.FEATURE_COUNT];
        expected[MuonFeatures.N_PRIMITIVE] = 2;
        expected[MuonFeatures.STATION] = 1;
        expected[MuonFeatures.STATION + 1] = 2;
        expected[MuonFeatures.WHEEL] = -1;
        expected[MuonFeatures.WHEEL + 1] = 0;
        expected[MuonFeatures.SECTOR] = 3;
        expected[MuonFeatures.SECTOR + 1] = 3;
        expected[MuonFeatures.PHI_B] = 38 / 512.0;
        expected[MuonFeatures.PHI_B + 1] = -20 / 512.0;
        expected[MuonFeatures.QUALITY] = 1;
        expected[MuonFeatures.QUALITY + 1] = 0;
        expected[MuonFeatures.DELTA_PHI] = MuonFeatures.deltaPhi(
            MuonFeatures.globalPhi(3, 100), MuonFeatures.globalPhi(3, 159));
        assertArrayEquals(expected, out);
        assertEquals(59 / 4096.0, out[MuonFeatures.DELTA_PHI], 1e-12);
    }

    @Test
    void outOfTimePrimitivesAreSkippedAndLaterOnesMoveLeft()
    {
        primitives.add(3, 1, 7, 10, 5, 6, 0, -1);
        primitives.add(1, 1, 7, 20, 9, 6, 0, 0);
        primitives.add(2, 1, 7, 30, 7, 4, 0, 1);
        primitives.add(4, 1, 7, 40, 2, 1, 0, 0);

        assertEquals(2, features.build(primitives, out, 0));
        assertEquals(2, primitives.usableCount());
        assertEquals(2, out[MuonFeatures.N_PRIMITIVE]);
        assertEquals(1, out[MuonFeatures.STATION]);
        assertEquals(4, out[MuonFeatures.STATION + 1]);
        assertEquals(0, out[MuonFeatures.STATION + 2]);
        assertEquals(9 / 512.0, out[MuonFeatures.PHI_B]);
        assertEquals(2 / 512.0, out[MuonFeatures.PHI_B + 1]);
        assertEquals(20 / 4096.0, out[MuonFeatures.DELTA_PHI], 1e-12);
        for (int p = 1; p < 6; p++)
        {
            assertEquals(0.0, out[MuonFeatures.DELTA_PHI + p], "delta phi pair " + p);
        }
    }

    @Test
    void nullQualityPrimitivesAreSkipped()
    {
        primitives.add(1, 0, 1, 0, 0, MuonPrimitives.QUALITY_NULL, 0, 0);
        primitives.add(2, 0, 1, 8, 3, 4, 0, 0);
        primitives.add(3, 0, 1, 16, 2, 4, 0, 0);

        assertEquals(2, features.build(primitives, out, 0));
        assertEquals(2, out[MuonFeatures.STATION]);
        assertEquals(3, out[MuonFeatures.STATION + 1]);
    }

    @Test
    void deltaPhiWrapsAroundBetweenSector12AndSector1()
    {
        primitives.add(1, 0, 12, 1000, 10, 5, 0, 0);
        primitives.add(2, 0, 1, -1000, 8, 5, 0, 0);

        assertEquals(2, features.build(primitives, out, 0));
        // Sector 12 is centred at 11*pi/6 = -pi/6: the two points are pi/6 - 2000/4096 rad apart, not ~2*pi.
        assertEquals(Math.PI / 6 - 2000 / 4096.0, out[MuonFeatures.DELTA_PHI], 1e-6);
        assertEquals(12, out[MuonFeatures.SECTOR]);
        assertEquals(1, out[MuonFeatures.SECTOR + 1]);
    }

    @Test
    void deltaPhiIsUnsignedAndAtMostPi()
    {
        final double a = MuonFeatures.globalPhi(1, 0);
        final double b = MuonFeatures.globalPhi(7, 0);
        assertEquals(Math.PI, MuonFeatures.deltaPhi(a, b), 1e-6);
        assertEquals(MuonFeatures.deltaPhi(a, MuonFeatures.globalPhi(1, 300)),
            MuonFeatures.deltaPhi(MuonFeatures.globalPhi(1, 300), a));
    }

    @Test
    void moreThanFourUsablePrimitivesKeepTheFirstFourInArrivalOrder()
    {
        primitives.add(1, 2, 5, 0, 10, 5, 0, 0);
        primitives.add(1, 2, 5, 0, 10, 5, 0, 0);
        primitives.add(2, 2, 5, 12, 8, 5, 0, 2);
        primitives.add(2, 2, 5, 12, 8, 5, 0, 0);
        primitives.add(3, 2, 5, 20, 6, 5, 0, 0);
        primitives.add(4, 2, 5, 24, 4, 5, 0, 0);

        assertEquals(4, features.build(primitives, out, 0));
        assertEquals(5, primitives.usableCount());
        assertEquals(4, out[MuonFeatures.N_PRIMITIVE]);
        assertArrayEquals(new double[] {1, 1, 2, 3}, Arrays.copyOfRange(out, MuonFeatures.STATION,
            MuonFeatures.STATION + 4));
        assertEquals(0.0, out[MuonFeatures.DELTA_PHI], "identical primitives are 0 apart");
        assertEquals(20 / 4096.0, out[MuonFeatures.DELTA_PHI + 2], 1e-12);
    }

    @Test
    void featuresAreWrittenAtTheOffsetOnly()
    {
        final double[] wide = new double[3 * MuonFeatures.FEATURE_COUNT];
        Arrays.fill(wide, -7.0);
        primitives.add(1, 0, 2, 5, 1, 5, 0, 0);
        primitives.add(2, 0, 2, 9, 1, 5, 0, 0);

        features.build(primitives, wide, MuonFeatures.FEATURE_COUNT);
        features.build(primitives, out, 0);

        assertArrayEquals(out, Arrays.copyOfRange(wide, MuonFeatures.FEATURE_COUNT, 2 * MuonFeatures.FEATURE_COUNT));
        for (int i = 0; i < MuonFeatures.FEATURE_COUNT; i++)
        {
            assertEquals(-7.0, wide[i]);
            assertEquals(-7.0, wide[2 * MuonFeatures.FEATURE_COUNT + i]);
        }
    }

    @Test
    void fewerThanTwoPrimitivesAreReportedSoTheCallerCanReject()
    {
        primitives.add(1, 0, 2, 5, 1, 5, 0, 3);
        primitives.add(2, 0, 2, 9, 1, 5, 0, 0);
        assertEquals(1, features.build(primitives, out, 0));
        assertTrue(1 < MuonFeatures.MIN_PRIMITIVES);

        primitives.clear();
        assertEquals(0, features.build(primitives, out, 0));
        for (final double value : out)
        {
            assertEquals(0.0, value);
        }
    }

    @Test
    void outOfRangeFieldOfAUsablePrimitiveIsRejectedAndNamed()
    {
        primitives.add(1, 0, 2, 5, 1, 5, 0, 0);
        primitives.add(2, 0, 13, 9, 1, 5, 0, 0);

        assertEquals(MuonFeatures.INVALID_PRIMITIVE, features.build(primitives, out, 0));
        assertEquals("sector", primitives.invalidField(1));
        for (final double value : out)
        {
            assertTrue(Double.isNaN(value), "output must not be touched on rejection");
        }
    }

    @Test
    void outOfRangeFieldsOfSkippedPrimitivesDoNotMatter()
    {
        primitives.add(9, 9, 99, 5000, 5000, 5, 0, 1);
        primitives.add(1, 0, 2, 5, 1, 5, 0, 0);
        primitives.add(2, 0, 2, 9, 1, 5, 0, 0);
        assertEquals(2, features.build(primitives, out, 0));
    }

    @Test
    void roundingTo15DecimalsPutsTheRealExampleOnTheGrid()
    {
        // Real row 6: a 12-count phi difference is stored as exactly 12/4096, which quantises to 3, not 2.
        final double raw = Math.acos(Math.cos(12 / 4096.0));
        assertTrue(raw < 12 / 4096.0, "acos(cos(x)) lands just below x here: " + raw);
        final double delta = MuonFeatures.deltaPhi(MuonFeatures.globalPhi(5, 0), MuonFeatures.globalPhi(5, 12));
        assertEquals(12 / 4096.0, delta);
        assertEquals(3, (int)Math.floor(delta * 1024));
        assertEquals(0.014404296874997, MuonFeatures.roundTo15Decimals(0.0144042968749970041));
    }

    @Test
    void lookedUpDeltaPhiEqualsTheDirectFormulaBitForBit()
    {
        for (int k = 0; k < 4096; k++)
        {
            final double d = k / 4096.0;
            final double direct = MuonFeatures.roundTo15Decimals(StrictMath.acos(StrictMath.cos(d)));
            assertEquals(direct, MuonFeatures.deltaPhi(0.0, d), "k = " + k);
            final double a = MuonFeatures.globalPhi(7, 2047);
            assertEquals(direct, MuonFeatures.deltaPhi(a, MuonFeatures.globalPhi(7, 2047 - k)), "sector 7, k = " + k);
        }
        final double off = 1000 / 4096.0 + 1e-9;
        assertEquals(MuonFeatures.roundTo15Decimals(StrictMath.acos(StrictMath.cos(off))),
            MuonFeatures.deltaPhi(0.0, off));
    }

    @Test
    void buildAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        primitives.add(1, 0, 12, 1000, 10, 5, 0, 0);
        primitives.add(2, 0, 1, -1000, 8, 5, 0, 0);
        primitives.add(3, 1, 1, -990, 4, 2, 0, 0);
        primitives.add(4, 1, 1, -985, 1, 6, 0, 0);
        double sink = 0;
        for (int i = 0; i < 20_000; i++)
        {
            sink += features.build(primitives, out, 0);
        }
        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++)
        {
            sink += features.build(primitives, out, 0);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(400_000.0 + 80_000.0, sink);
        assertTrue(allocated < 1024, "build allocated " + allocated + " bytes over 100,000 calls");
    }
}
