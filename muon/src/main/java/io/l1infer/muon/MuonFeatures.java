package io.l1infer.muon;

import io.l1infer.codec.MuonPrimitives;

import java.util.List;

/**
 * Builds the 27 input features of the barrel muon pT model from one event's trigger primitives.
 *
 * <p>Usable primitives are those with bx == 0 and a quality other than null (7); the others are skipped. Usable
 * primitives fill slots 1..4 from the left in arrival order; when more than four are usable the first four in
 * arrival order are kept and the rest ignored (the real sample never has more than four). Empty slots are 0 in
 * every field, and every delta phi touching an empty slot is 0.
 *
 * <p>Delta phi reproduces the real training inputs to the last bit, because those bits decide the fixed-point
 * quantisation floor(x * 1024) of the model input. Matching all 14,248 real rows showed how they were made:
 * global phi {@code phi/4096 + (sector-1)*pi/6} evaluated in double and then stored as a 32-bit float; delta phi
 * {@code acos(cos(|phiGlb_i - phiGlb_j|))} in double from those floats; the result rounded to 15 decimals.
 * cos and acos are StrictMath's (fdlibm) so the bits are the same on every JVM and platform; the thesis's own libm
 * differed by a few 1e-15 for some arguments, which moves 11 of the 382,806 quantised inputs of the 14,178 real
 * rows the tests rebuild by one unit.
 *
 * <p>{@link #build} allocates nothing. An instance holds scratch arrays: one instance per thread.
 */
public final class MuonFeatures
{
    /** Number of features written per event. */
    public static final int FEATURE_COUNT = 27;
    /** Number of primitive slots in the feature vector. */
    public static final int SLOT_COUNT = 4;
    /** Fewest usable primitives the model accepts; callers reject events below this. */
    public static final int MIN_PRIMITIVES = 2;
    /** Returned by {@link #build} when a usable primitive has a field outside its hardware range. */
    public static final int INVALID_PRIMITIVE = -1;

    /** Offset of n_Primitive. */
    public static final int N_PRIMITIVE = 0;
    /** Offset of station_1; station_k is at STATION + k - 1. */
    public static final int STATION = 1;
    /** Offset of wheel_1. */
    public static final int WHEEL = 5;
    /** Offset of sector_1. */
    public static final int SECTOR = 9;
    /** Offset of phiB_1 (rad). */
    public static final int PHI_B = 13;
    /** Offset of quality_1 (1 if raw quality >= 4, else 0). */
    public static final int QUALITY = 17;
    /** Offset of delta_phi_12; the pairs follow in the order (1,2), (1,3), (1,4), (2,3), (2,4), (3,4). */
    public static final int DELTA_PHI = 21;

    /** Value of one phi count in rad. */
    public static final double PHI_LSB = 1.0 / 4096.0;
    /** Value of one phiB count in rad. */
    public static final double PHI_B_LSB = 1.0 / 512.0;

    /** Feature names in order; they equal the "features" array of the thesis model.json. */
    public static final List<String> NAMES = List.of(
        "n_Primitive",
        "station_1", "station_2", "station_3", "station_4",
        "wheel_1", "wheel_2", "wheel_3", "wheel_4",
        "sector_1", "sector_2", "sector_3", "sector_4",
        "phiB_1", "phiB_2", "phiB_3", "phiB_4",
        "quality_1", "quality_2", "quality_3", "quality_4",
        "delta_phi_12", "delta_phi_13", "delta_phi_14", "delta_phi_23", "delta_phi_24", "delta_phi_34");

    /** Delta phi differences of 0..4095 whole phi counts have tabulated values ({@link #deltaPhiOfCounts}). */
    public static final int PHI_COUNT_TABLE_SIZE = 4096;
    /** {@link #pairPhiCounts} of a pair whose value is not tabulated. */
    public static final int NO_WHOLE_COUNTS = -1;

    private static final int[] PAIR_FIRST = {0, 0, 0, 1, 1, 2};
    private static final int[] PAIR_SECOND = {1, 2, 3, 2, 3, 3};
    /** {@link #deltaPhi} of a difference of exactly k phi counts, k below {@link #PHI_COUNT_TABLE_SIZE}. */
    private static final double[] DELTA_PHI_OF_COUNTS = tabulateDeltaPhiOfCounts();

    private final int[] slotPrimitive = new int[SLOT_COUNT];
    private final double[] slotGlobalPhi = new double[SLOT_COUNT];
    private final int[] pairPhiCounts = new int[PAIR_FIRST.length];

    /**
     * Writes the 27 features of {@code primitives} into {@code out[offset .. offset+26]}.
     *
     * @return the number of filled slots (0..4, equal to feature n_Primitive), or {@link #INVALID_PRIMITIVE}
     * when a usable primitive has a field out of range (then {@code out} is not touched; ask
     * {@link MuonPrimitives#invalidField(int)} which one). Callers reject results below {@link #MIN_PRIMITIVES}.
     */
    public int build(final MuonPrimitives primitives, final double[] out, final int offset)
    {
        for (int i = 0, n = primitives.count(); i < n; i++)
        {
            if (primitives.isUsable(i) && primitives.invalidField(i) != null)
            {
                return INVALID_PRIMITIVE;
            }
        }
        return buildInRange(primitives, out, offset);
    }

    /**
     * {@link #build} for primitives already known to be in range, as those of a validated MuonSegments message:
     * the ranges are not checked again.
     *
     * @return the number of filled slots (0..4, equal to feature n_Primitive).
     */
    public int buildInRange(final MuonPrimitives primitives, final double[] out, final int offset)
    {
        final int count = primitives.count();
        int slots = 0;
        for (int i = 0; i < count && slots < SLOT_COUNT; i++)
        {
            if (primitives.isUsable(i))
            {
                slotPrimitive[slots++] = i;
            }
        }

        out[offset + N_PRIMITIVE] = slots;
        for (int s = 0; s < SLOT_COUNT; s++)
        {
            if (s < slots)
            {
                final int i = slotPrimitive[s];
                out[offset + STATION + s] = primitives.station(i);
                out[offset + WHEEL + s] = primitives.wheel(i);
                out[offset + SECTOR + s] = primitives.sector(i);
                out[offset + PHI_B + s] = phiBFeature(primitives.phiB(i));
                out[offset + QUALITY + s] = primitives.quality(i) >= MuonPrimitives.QUALITY_CORRELATED_MIN ? 1 : 0;
                slotGlobalPhi[s] = globalPhi(primitives.sector(i), primitives.phi(i));
            }
            else
            {
                out[offset + STATION + s] = 0;
                out[offset + WHEEL + s] = 0;
                out[offset + SECTOR + s] = 0;
                out[offset + PHI_B + s] = 0;
                out[offset + QUALITY + s] = 0;
            }
        }
        for (int p = 0; p < PAIR_FIRST.length; p++)
        {
            final int b = PAIR_SECOND[p];
            if (b < slots)
            {
                final double d = Math.abs(slotGlobalPhi[PAIR_FIRST[p]] - slotGlobalPhi[b]);
                final int k = wholePhiCounts(d);
                pairPhiCounts[p] = k;
                out[offset + DELTA_PHI + p] = k >= 0 ? DELTA_PHI_OF_COUNTS[k] : deltaPhiOf(d);
            }
            else
            {
                pairPhiCounts[p] = NO_WHOLE_COUNTS;
                out[offset + DELTA_PHI + p] = 0;
            }
        }
        return slots;
    }

    /**
     * The whole number of phi counts between the global phis of delta phi pair {@code pair} (0..5) in the last
     * build, the index of its value in a table made with {@link #deltaPhiOfCounts(int)}; {@link #NO_WHOLE_COUNTS}
     * when the difference is not such a number or the pair touches an empty slot.
     */
    public int pairPhiCounts(final int pair)
    {
        return pairPhiCounts[pair];
    }

    /** The phiB feature of a primitive's raw phiB, in rad. */
    public static double phiBFeature(final int phiB)
    {
        return phiB / 512.0;
    }

    /** The delta phi feature of a difference of exactly {@code counts} phi counts (0..4095), as a build writes it. */
    public static double deltaPhiOfCounts(final int counts)
    {
        return DELTA_PHI_OF_COUNTS[counts];
    }

    /**
     * Global phi in rad of a primitive as the thesis stored it: {@code phi/4096 + (sector-1)*pi/6} evaluated in
     * double, in that order, then rounded to a 32-bit float (visible in the real inputs as pair-dependent offsets
     * of about 1e-7 rad between sectors).
     */
    public static double globalPhi(final int sector, final int phi)
    {
        return (float)(phi / 4096.0 + (sector - 1) * Math.PI / 6.0);
    }

    /**
     * Unsigned angle between two global phis wrapped into [0, pi]: {@code acos(cos(|a - b|))} with StrictMath,
     * rounded to 15 decimal places as the thesis inputs were (see {@link #roundTo15Decimals(double)}).
     */
    public static double deltaPhi(final double globalPhiA, final double globalPhiB)
    {
        final double d = Math.abs(globalPhiA - globalPhiB);
        final int k = wholePhiCounts(d);
        return k >= 0 ? DELTA_PHI_OF_COUNTS[k] : deltaPhiOf(d);
    }

    /** Most pairs share a sector, so their difference is a whole number of phi counts: those are looked up. */
    private static int wholePhiCounts(final double absoluteDifference)
    {
        final double counts = absoluteDifference * 4096.0;
        if (counts < PHI_COUNT_TABLE_SIZE)
        {
            final int k = (int)counts;
            if (k == counts)
            {
                return k;
            }
        }
        return NO_WHOLE_COUNTS;
    }

    private static double deltaPhiOf(final double absoluteDifference)
    {
        return roundTo15Decimals(StrictMath.acos(StrictMath.cos(absoluteDifference)));
    }

    private static double[] tabulateDeltaPhiOfCounts()
    {
        final double[] table = new double[PHI_COUNT_TABLE_SIZE];
        for (int k = 0; k < table.length; k++)
        {
            table[k] = deltaPhiOf(k / 4096.0);
        }
        return table;
    }

    /**
     * {@code rint(x * 1e15) / 1e15}, which is numpy's {@code round(x, 15)}.
     *
     * <p>The thesis stored its inputs rounded to 15 decimals and the hls4ml reference outputs were computed from
     * those numbers. The rounding matters: acos(cos(d)) lands a few 1e-16 below a multiple of 1/1024 for some phi
     * differences, and floor(x * 1024) then differs from the reference by one unit unless x is rounded first.
     */
    public static double roundTo15Decimals(final double x)
    {
        return Math.rint(x * 1e15) / 1e15;
    }
}
