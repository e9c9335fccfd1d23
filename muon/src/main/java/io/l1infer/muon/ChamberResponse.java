package io.l1infer.muon;

import java.util.Arrays;

/**
 * How a DT station turns a crossing muon into a trigger primitive: resolutions, quality mix, inefficiency and the
 * duplicated MB1 primitives seen in the real sample.
 *
 * @param phiPositionResolution         Gaussian smearing of the hit position along the chamber, m (phi smear is
 *                                      this divided by the station radius).
 * @param phiBResolutionCorrelated      Gaussian phiB smearing of a correlated primitive (quality 4..6), rad.
 * @param phiBResolutionSingle          Gaussian phiB smearing of a single-superlayer primitive (quality 0..3), rad.
 * @param correlatedProbability         probability that a primitive is correlated (quality 4..6).
 * @param stationDropProbability        per station MB1..MB4, probability that no primitive is produced.
 * @param mb1OuterWheelDuplicateProbability probability that an MB1 primitive in wheel +-2 arrives twice, as ~5% of
 *                                      them do in the real sample.
 */
public record ChamberResponse(
    double phiPositionResolution,
    double phiBResolutionCorrelated,
    double phiBResolutionSingle,
    double correlatedProbability,
    double[] stationDropProbability,
    double mb1OuterWheelDuplicateProbability)
{
    /** The tuned default (README, "Simulation parameters"). */
    public static ChamberResponse cms()
    {
        return new ChamberResponse(0.001, 0.0035, 0.040, 0.80, new double[] {0.25, 0.22, 0.24, 0.24}, 0.05);
    }

    public ChamberResponse
    {
        nonNegative("phiPositionResolution", phiPositionResolution);
        nonNegative("phiBResolutionCorrelated", phiBResolutionCorrelated);
        nonNegative("phiBResolutionSingle", phiBResolutionSingle);
        probability("correlatedProbability", correlatedProbability);
        probability("mb1OuterWheelDuplicateProbability", mb1OuterWheelDuplicateProbability);
        if (stationDropProbability == null || stationDropProbability.length != BarrelGeometry.STATIONS)
        {
            throw new IllegalArgumentException("stationDropProbability must have " + BarrelGeometry.STATIONS
                + " entries, got " + (stationDropProbability == null ? "null" : stationDropProbability.length));
        }
        stationDropProbability = stationDropProbability.clone();
        for (int i = 0; i < stationDropProbability.length; i++)
        {
            probability("stationDropProbability[" + i + "]", stationDropProbability[i]);
        }
    }

    /** A perfect response: no smearing, all correlated, no drops, no duplicates (digitisation still applies). */
    public static ChamberResponse ideal()
    {
        return new ChamberResponse(0, 0, 0, 1, new double[BarrelGeometry.STATIONS], 0);
    }

    /** Per-station drop probabilities (a copy). */
    @Override
    public double[] stationDropProbability()
    {
        return stationDropProbability.clone();
    }

    /** Drop probability of station 1..4. */
    public double dropProbabilityOf(final int station)
    {
        return stationDropProbability[station - 1];
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof ChamberResponse r && toString().equals(r.toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    @Override
    public String toString()
    {
        return "ChamberResponse[phiPositionResolution=" + phiPositionResolution
            + ", phiBResolutionCorrelated=" + phiBResolutionCorrelated
            + ", phiBResolutionSingle=" + phiBResolutionSingle
            + ", correlatedProbability=" + correlatedProbability
            + ", stationDropProbability=" + Arrays.toString(stationDropProbability)
            + ", mb1OuterWheelDuplicateProbability=" + mb1OuterWheelDuplicateProbability + "]";
    }

    private static void nonNegative(final String name, final double value)
    {
        if (!(value >= 0.0) || !Double.isFinite(value))
        {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + value);
        }
    }

    private static void probability(final String name, final double value)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + value);
        }
    }
}
