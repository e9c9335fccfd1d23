package io.l1infer.muon;

import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;

import java.util.function.DoubleToLongFunction;

/**
 * The 27 features of {@link MuonFeatures} converted to a model's input type, each the conversion of the very double
 * {@link MuonFeatures#buildInRange} writes, looked up in tables made once from that conversion where it can be.
 *
 * <p>Every feature but a delta phi across sectors takes one of a few thousand values (small integers, phiB / 512,
 * whole phi-count differences), so a daemon that would convert 27 doubles per event converts those values once,
 * here; a delta phi that is not a whole number of counts is converted per event. {@link #buildInRange} allocates
 * nothing. An instance holds scratch arrays: one instance per thread.
 */
public final class QuantizedMuonFeatures
{
    /** Smallest integer-valued feature: the lowest wheel, or 0 for an empty slot. */
    private static final int SMALL_MIN = Math.min(0, MuonPrimitiveLimits.WHEEL_MIN);
    /** Largest integer-valued feature: the last sector (stations, slot counts and quality flags are smaller). */
    private static final int SMALL_MAX = Math.max(MuonPrimitiveLimits.SECTOR_MAX,
        Math.max(MuonPrimitiveLimits.STATION_MAX, MuonFeatures.SLOT_COUNT));
    private static final int PAIR_COUNT = MuonFeatures.FEATURE_COUNT - MuonFeatures.DELTA_PHI;

    private final MuonFeatures features = new MuonFeatures();
    private final double[] values = new double[MuonFeatures.FEATURE_COUNT];
    private final DoubleToLongFunction quantize;
    private final long[] smallRaw = new long[SMALL_MAX - SMALL_MIN + 1];
    private final long[] phiBRaw = new long[MuonPrimitiveLimits.PHI_B_MAX - MuonPrimitiveLimits.PHI_B_MIN + 1];
    private final long[] deltaPhiRaw = new long[MuonFeatures.PHI_COUNT_TABLE_SIZE];

    /**
     * Tables for one conversion.
     *
     * @param quantize a feature's double to its raw input value, e.g. {@code inputType::fromDouble}; it must
     *                 depend on its argument alone.
     */
    public QuantizedMuonFeatures(final DoubleToLongFunction quantize)
    {
        this.quantize = quantize;
        for (int v = SMALL_MIN; v <= SMALL_MAX; v++)
        {
            smallRaw[v - SMALL_MIN] = quantize.applyAsLong(v);
        }
        for (int phiB = MuonPrimitiveLimits.PHI_B_MIN; phiB <= MuonPrimitiveLimits.PHI_B_MAX; phiB++)
        {
            phiBRaw[phiB - MuonPrimitiveLimits.PHI_B_MIN] = quantize.applyAsLong(MuonFeatures.phiBFeature(phiB));
        }
        for (int k = 0; k < deltaPhiRaw.length; k++)
        {
            deltaPhiRaw[k] = quantize.applyAsLong(MuonFeatures.deltaPhiOfCounts(k));
        }
    }

    /**
     * {@link MuonFeatures#buildInRange} converted: {@code out[f]} is the conversion of feature {@code f}, f = 0..26.
     *
     * @return the number of filled slots (0..4, equal to feature n_Primitive).
     */
    public int buildInRange(final MuonPrimitives primitives, final long[] out)
    {
        final int slots = features.buildInRange(primitives, values, 0);
        for (int f = MuonFeatures.N_PRIMITIVE; f < MuonFeatures.PHI_B; f++)
        {
            out[f] = small(values[f]);
        }
        for (int f = MuonFeatures.PHI_B; f < MuonFeatures.QUALITY; f++)
        {
            // phiB / 512 times 512 is phiB again, exactly: a power of two only moves the exponent.
            out[f] = phiBRaw[(int)(values[f] * 512.0) - MuonPrimitiveLimits.PHI_B_MIN];
        }
        for (int f = MuonFeatures.QUALITY; f < MuonFeatures.DELTA_PHI; f++)
        {
            out[f] = small(values[f]);
        }
        for (int p = 0; p < PAIR_COUNT; p++)
        {
            final int counts = features.pairPhiCounts(p);
            final double value = values[MuonFeatures.DELTA_PHI + p];
            out[MuonFeatures.DELTA_PHI + p] = counts != MuonFeatures.NO_WHOLE_COUNTS ?
                deltaPhiRaw[counts] : (value == 0 ? smallRaw[-SMALL_MIN] : quantize.applyAsLong(value));
        }
        return slots;
    }

    private long small(final double integerValue)
    {
        return smallRaw[(int)integerValue - SMALL_MIN];
    }
}
