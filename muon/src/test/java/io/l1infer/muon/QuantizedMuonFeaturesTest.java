package io.l1infer.muon;

import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.DoubleToLongFunction;
import org.junit.jupiter.api.Test;

/** {@link QuantizedMuonFeatures} against the conversion of every double {@link MuonFeatures} builds. */
class QuantizedMuonFeaturesTest
{
    private static final long SEED = 20261204L;
    /** The thesis input type's conversion, ap_fixed<16,6> truncating and wrapping. */
    private static final DoubleToLongFunction THESIS = x -> (short)Math.floor(x * 1024);
    /** A narrow saturating type, ap_fixed<4,1,AP_TRN,AP_SAT>: most features clamp. */
    private static final DoubleToLongFunction NARROW_SATURATING =
        x -> Math.max(-8, Math.min(7, (long)Math.floor(x * 8)));
    /** A rounding one, ap_fixed<12,5,AP_RND_CONV>: ties to even. */
    private static final DoubleToLongFunction ROUNDING = x -> (long)Math.rint(x * 128);

    private final MuonFeatures features = new MuonFeatures();
    private final double[] values = new double[MuonFeatures.FEATURE_COUNT];
    private final long[] raw = new long[MuonFeatures.FEATURE_COUNT];

    @Test
    void simulatedEventsConvertAsTheirFeatures()
    {
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final ToyEvent event = new ToyEvent();
        final QuantizedMuonFeatures[] builders = builders();
        int crossSector = 0;
        for (int e = 0; e < 20_000; e++)
        {
            simulation.nextAccepted(event);
            crossSector += assertSame(builders, event.primitives(), "toy event " + e + " seed " + SEED);
        }
        // The per-event path (delta phi not a whole number of counts) must have been taken, not only the tables.
        assertTrue(crossSector > 0, "no cross-sector pair in 20,000 toy events, seed " + SEED);
    }

    @Test
    void anyInRangePrimitivesConvertAsTheirFeatures()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final MuonPrimitives primitives = new MuonPrimitives();
        final QuantizedMuonFeatures[] builders = builders();
        for (int e = 0; e < 50_000; e++)
        {
            primitives.clear();
            final int count = random.nextInt(MuonPrimitiveLimits.PRIMITIVE_COUNT_MIN,
                MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX + 1);
            for (int i = 0; i < count; i++)
            {
                primitives.add(
                    random.nextInt(MuonPrimitiveLimits.STATION_MIN, MuonPrimitiveLimits.STATION_MAX + 1),
                    random.nextInt(MuonPrimitiveLimits.WHEEL_MIN, MuonPrimitiveLimits.WHEEL_MAX + 1),
                    random.nextInt(MuonPrimitiveLimits.SECTOR_MIN, MuonPrimitiveLimits.SECTOR_MAX + 1),
                    random.nextInt(MuonPrimitiveLimits.PHI_MIN, MuonPrimitiveLimits.PHI_MAX + 1),
                    random.nextInt(MuonPrimitiveLimits.PHI_B_MIN, MuonPrimitiveLimits.PHI_B_MAX + 1),
                    random.nextInt(MuonPrimitiveLimits.QUALITY_MIN, MuonPrimitiveLimits.QUALITY_MAX + 1),
                    random.nextInt(MuonPrimitiveLimits.TS2TAG_MIN, MuonPrimitiveLimits.TS2TAG_MAX + 1),
                    random.nextInt(4) == 0 ? random.nextInt(-3, 4) : 0);
            }
            assertSame(builders, primitives, "random event " + e + " seed " + SEED + ": " + primitives);
        }
    }

    @Test
    void extremesOfEveryFieldConvertAsTheirFeatures()
    {
        final MuonPrimitives primitives = new MuonPrimitives();
        final QuantizedMuonFeatures[] builders = builders();
        // Same sector at the phi extremes (4095 counts apart, the table's last entry), the wheel, phiB and sector
        // bounds, a null quality skipped, and a sector-1 primitive whose two pairs with sector 12 are not tabulated.
        primitives.add(MuonPrimitiveLimits.STATION_MIN, MuonPrimitiveLimits.WHEEL_MIN, MuonPrimitiveLimits.SECTOR_MAX,
            MuonPrimitiveLimits.PHI_MIN, MuonPrimitiveLimits.PHI_B_MIN, MuonPrimitiveLimits.QUALITY_MAX - 1, 0, 0);
        primitives.add(MuonPrimitiveLimits.STATION_MAX, MuonPrimitiveLimits.WHEEL_MAX, MuonPrimitiveLimits.SECTOR_MAX,
            MuonPrimitiveLimits.PHI_MAX, MuonPrimitiveLimits.PHI_B_MAX, MuonPrimitiveLimits.QUALITY_MIN, 1, 0);
        primitives.add(2, 0, MuonPrimitiveLimits.SECTOR_MIN, 0, 0, MuonPrimitives.QUALITY_NULL, 0, 0);
        primitives.add(3, 0, MuonPrimitiveLimits.SECTOR_MIN, MuonPrimitiveLimits.PHI_MAX, -1, 4, 0, 0);
        assertEquals(2, assertSame(builders, primitives, "extremes " + primitives));
    }

    @Test
    void buildAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final QuantizedMuonFeatures builder = new QuantizedMuonFeatures(THESIS);
        final MuonPrimitives primitives = new MuonPrimitives();
        primitives.add(1, 0, 12, 1000, 10, 5, 0, 0);
        primitives.add(2, 0, 1, -1000, 8, 5, 0, 0);
        primitives.add(3, 1, 1, -990, 4, 2, 0, 0);
        long sink = 0;
        for (int i = 0; i < 20_000; i++)
        {
            sink += builder.buildInRange(primitives, raw);
        }
        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++)
        {
            sink += builder.buildInRange(primitives, raw);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(3L * 120_000, sink);
        assertTrue(allocated < 1024, "buildInRange allocated " + allocated + " bytes over 100,000 calls");
    }

    private static QuantizedMuonFeatures[] builders()
    {
        return new QuantizedMuonFeatures[] {
            new QuantizedMuonFeatures(THESIS),
            new QuantizedMuonFeatures(NARROW_SATURATING),
            new QuantizedMuonFeatures(ROUNDING)};
    }

    private static final DoubleToLongFunction[] CONVERSIONS = {THESIS, NARROW_SATURATING, ROUNDING};

    /** Every builder's raw features equal its conversion of MuonFeatures' doubles; returns the cross-sector pairs. */
    private int assertSame(final QuantizedMuonFeatures[] builders, final MuonPrimitives primitives, final String what)
    {
        final int slots = features.buildInRange(primitives, values, 0);
        int notTabulated = 0;
        for (int p = 0; p < MuonFeatures.FEATURE_COUNT - MuonFeatures.DELTA_PHI; p++)
        {
            if (features.pairPhiCounts(p) == MuonFeatures.NO_WHOLE_COUNTS && values[MuonFeatures.DELTA_PHI + p] != 0)
            {
                notTabulated++;
            }
        }
        for (int b = 0; b < builders.length; b++)
        {
            assertEquals(slots, builders[b].buildInRange(primitives, raw), what);
            for (int f = 0; f < MuonFeatures.FEATURE_COUNT; f++)
            {
                assertEquals(CONVERSIONS[b].applyAsLong(values[f]), raw[f],
                    MuonFeatures.NAMES.get(f) + " = " + values[f] + ", conversion " + b + ", " + what);
            }
        }
        return notTabulated;
    }
}
