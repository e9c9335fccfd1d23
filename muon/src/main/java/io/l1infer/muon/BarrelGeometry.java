package io.l1infer.muon;

import java.util.Arrays;

/**
 * The toy CMS barrel seen in the transverse plane: solenoid field, calorimeter and coil material, the three
 * return-yoke iron layers, the four muon stations, the wheel boundaries in z and the per-station stagger of the
 * sector boundaries. Lengths in m, fields in T (along z), energies in GeV.
 *
 * @param solenoidField              field inside the solenoid, T.
 * @param solenoidRadius             radius up to which the solenoid field acts, m.
 * @param calorimeterInnerRadius     start of the calorimeter and coil material, m.
 * @param calorimeterOuterRadius     end of that material, m.
 * @param calorimeterRadiationLengths radial thickness of that material in X0 (at eta = 0).
 * @param calorimeterEnergyLoss      mean energy a muon loses in it at eta = 0, GeV.
 * @param yokeFields                 field in each iron layer, T (opposite sign to the solenoid's).
 * @param yokeInnerRadii             inner radius of each iron layer, m, increasing.
 * @param yokeOuterRadii             outer radius of each iron layer, m.
 * @param ironRadiationLength        X0 of iron, m.
 * @param ironEnergyLossPerMetre     mean dE/dx of a muon in iron, GeV/m.
 * @param stationRadii               bending-plane radius of MB1..MB4, m, increasing.
 * @param wheel0HalfLength           |z| below which a hit is in wheel 0, m.
 * @param wheel1OuterZ               |z| below which a hit is in wheel +-1, m.
 * @param wheel2OuterZ               |z| below which a hit is in wheel +-2 (beyond: no chamber), m.
 * @param sectorStagger              per station, rad: sector k's chamber covers global phi
 *                                   [(k-1)*pi/6 - pi/12 + stagger, (k-1)*pi/6 + pi/12 + stagger); local phi stays
 *                                   relative to the nominal centre (k-1)*pi/6.
 */
public record BarrelGeometry(
    double solenoidField,
    double solenoidRadius,
    double calorimeterInnerRadius,
    double calorimeterOuterRadius,
    double calorimeterRadiationLengths,
    double calorimeterEnergyLoss,
    double[] yokeFields,
    double[] yokeInnerRadii,
    double[] yokeOuterRadii,
    double ironRadiationLength,
    double ironEnergyLossPerMetre,
    double[] stationRadii,
    double wheel0HalfLength,
    double wheel1OuterZ,
    double wheel2OuterZ,
    double[] sectorStagger)
{
    /** Number of muon stations. */
    public static final int STATIONS = 4;
    /** What {@link #wheelAt(double)} returns for a z beyond the last wheel. */
    public static final int NO_WHEEL = Integer.MIN_VALUE;

    /**
     * The tuned default: the numbers of {@code toy-detector.md}, except where the real marginals asked for
     * another value within the notes' "~" (README, "Simulation parameters", says which and why).
     */
    public static BarrelGeometry cms()
    {
        return new BarrelGeometry(
            3.8, 3.2,
            1.29, 2.95, 100.0, 2.5,
            new double[] {-2.0, -1.2, -1.2},
            new double[] {4.45, 5.25, 6.30},
            new double[] {4.75, 5.90, 6.95},
            0.01757, 1.14,
            new double[] {4.2, 4.95, 6.05, 7.2},
            1.27, 3.9, 6.6,
            new double[] {0.0, Math.toRadians(-3.6), 0.0, Math.toRadians(-5.4)});
    }

    public BarrelGeometry
    {
        yokeInnerRadii = copyOf("yokeInnerRadii", yokeInnerRadii, -1);
        yokeFields = copyOf("yokeFields", yokeFields, yokeInnerRadii.length);
        yokeOuterRadii = copyOf("yokeOuterRadii", yokeOuterRadii, yokeInnerRadii.length);
        stationRadii = copyOf("stationRadii", stationRadii, STATIONS);
        sectorStagger = copyOf("sectorStagger", sectorStagger, STATIONS);
        positive("solenoidRadius", solenoidRadius);
        positive("calorimeterInnerRadius", calorimeterInnerRadius);
        if (!(calorimeterOuterRadius >= calorimeterInnerRadius))
        {
            throw new IllegalArgumentException("calorimeterOuterRadius " + calorimeterOuterRadius
                + " is below calorimeterInnerRadius " + calorimeterInnerRadius);
        }
        positive("calorimeterRadiationLengths", calorimeterRadiationLengths);
        nonNegative("calorimeterEnergyLoss", calorimeterEnergyLoss);
        positive("ironRadiationLength", ironRadiationLength);
        nonNegative("ironEnergyLossPerMetre", ironEnergyLossPerMetre);
        finite("solenoidField", solenoidField);
        for (int i = 0; i < yokeInnerRadii.length; i++)
        {
            if (!(yokeOuterRadii[i] > yokeInnerRadii[i]) || (i > 0 && !(yokeInnerRadii[i] >= yokeOuterRadii[i - 1])))
            {
                throw new IllegalArgumentException("yoke layer " + (i + 1) + " [" + yokeInnerRadii[i] + ", "
                    + yokeOuterRadii[i] + "] must be non-empty and outside the previous layer");
            }
        }
        for (int i = 0; i < STATIONS; i++)
        {
            positive("stationRadii[" + i + "]", stationRadii[i]);
            if (i > 0 && !(stationRadii[i] > stationRadii[i - 1]))
            {
                throw new IllegalArgumentException("stationRadii must increase, got " + Arrays.toString(stationRadii));
            }
            if (!(Math.abs(sectorStagger[i]) < Math.PI / 12))
            {
                throw new IllegalArgumentException("sectorStagger[" + i + "] must be within +-pi/12, got "
                    + sectorStagger[i]);
            }
        }
        if (!(wheel0HalfLength > 0 && wheel1OuterZ > wheel0HalfLength && wheel2OuterZ > wheel1OuterZ))
        {
            throw new IllegalArgumentException("wheel boundaries must satisfy 0 < wheel0HalfLength < wheel1OuterZ"
                + " < wheel2OuterZ, got " + wheel0HalfLength + ", " + wheel1OuterZ + ", " + wheel2OuterZ);
        }
    }

    /** Field of each iron layer, T (a copy). */
    @Override
    public double[] yokeFields()
    {
        return yokeFields.clone();
    }

    /** Inner radius of each iron layer (a copy). */
    @Override
    public double[] yokeInnerRadii()
    {
        return yokeInnerRadii.clone();
    }

    /** Outer radius of each iron layer (a copy). */
    @Override
    public double[] yokeOuterRadii()
    {
        return yokeOuterRadii.clone();
    }

    /** Radius of MB1..MB4 (a copy). */
    @Override
    public double[] stationRadii()
    {
        return stationRadii.clone();
    }

    /** Sector-boundary stagger of MB1..MB4 (a copy). */
    @Override
    public double[] sectorStagger()
    {
        return sectorStagger.clone();
    }

    /** Radius of station 1..4. */
    public double stationRadius(final int station)
    {
        return stationRadii[station - 1];
    }

    /** Sector-boundary stagger of station 1..4, rad. */
    public double sectorStaggerOf(final int station)
    {
        return sectorStagger[station - 1];
    }

    /** Number of iron layers. */
    public int yokeLayers()
    {
        return yokeInnerRadii.length;
    }

    /** Signed wheel -2..2 of a hit at {@code z}, or {@link #NO_WHEEL} beyond the last wheel. */
    public int wheelAt(final double z)
    {
        final double a = Math.abs(z);
        if (!(a < wheel2OuterZ))
        {
            return NO_WHEEL;
        }
        final int wheel = a < wheel0HalfLength ? 0 : a < wheel1OuterZ ? 1 : 2;
        return z < 0 ? -wheel : wheel;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof BarrelGeometry g && toString().equals(g.toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    @Override
    public String toString()
    {
        return "BarrelGeometry[solenoidField=" + solenoidField + ", solenoidRadius=" + solenoidRadius
            + ", calorimeter=[" + calorimeterInnerRadius + ", " + calorimeterOuterRadius + "] "
            + calorimeterRadiationLengths + " X0 " + calorimeterEnergyLoss + " GeV"
            + ", yokeFields=" + Arrays.toString(yokeFields) + ", yokeInnerRadii=" + Arrays.toString(yokeInnerRadii)
            + ", yokeOuterRadii=" + Arrays.toString(yokeOuterRadii) + ", ironRadiationLength=" + ironRadiationLength
            + ", ironEnergyLossPerMetre=" + ironEnergyLossPerMetre + ", stationRadii=" + Arrays.toString(stationRadii)
            + ", wheels=" + wheel0HalfLength + "/" + wheel1OuterZ + "/" + wheel2OuterZ
            + ", sectorStagger=" + Arrays.toString(sectorStagger) + "]";
    }

    private static double[] copyOf(final String name, final double[] values, final int expectedLength)
    {
        if (values == null)
        {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (expectedLength >= 0 && values.length != expectedLength)
        {
            throw new IllegalArgumentException(name + " must have " + expectedLength + " entries, got "
                + values.length);
        }
        for (int i = 0; i < values.length; i++)
        {
            finite(name + "[" + i + "]", values[i]);
        }
        return values.clone();
    }

    private static void positive(final String name, final double value)
    {
        if (!(value > 0.0) || !Double.isFinite(value))
        {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    private static void nonNegative(final String name, final double value)
    {
        if (!(value >= 0.0) || !Double.isFinite(value))
        {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + value);
        }
    }

    private static void finite(final String name, final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }
}
