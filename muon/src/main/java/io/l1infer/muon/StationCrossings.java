package io.l1infer.muon;

/**
 * Reusable record of where one propagated muon crossed each of the four station radii: global phi of the point,
 * bending angle phiB (direction minus position angle), z, and the pT left at that point.
 */
public final class StationCrossings
{
    private final boolean[] reached = new boolean[BarrelGeometry.STATIONS];
    private final double[] phi = new double[BarrelGeometry.STATIONS];
    private final double[] phiB = new double[BarrelGeometry.STATIONS];
    private final double[] z = new double[BarrelGeometry.STATIONS];
    private final double[] pt = new double[BarrelGeometry.STATIONS];
    private boolean rangedOut;

    /** Forgets all crossings. */
    public void clear()
    {
        for (int i = 0; i < BarrelGeometry.STATIONS; i++)
        {
            reached[i] = false;
        }
        rangedOut = false;
    }

    void record(final int station, final double phi, final double phiB, final double z, final double pt)
    {
        final int i = station - 1;
        reached[i] = true;
        this.phi[i] = phi;
        this.phiB[i] = phiB;
        this.z[i] = z;
        this.pt[i] = pt;
    }

    void markRangedOut()
    {
        rangedOut = true;
    }

    /** Whether the muon reached the radius of station 1..4 (it may still be outside the wheels in z). */
    public boolean reached(final int station)
    {
        return reached[station - 1];
    }

    /** Global phi of the crossing point, rad in (-pi, pi]. */
    public double phi(final int station)
    {
        return phi[station - 1];
    }

    /** Direction angle minus position angle at the crossing, rad in (-pi, pi]. */
    public double phiB(final int station)
    {
        return phiB[station - 1];
    }

    /** z of the crossing point, m. */
    public double z(final int station)
    {
        return z[station - 1];
    }

    /** pT at the crossing point, GeV/c. */
    public double pt(final int station)
    {
        return pt[station - 1];
    }

    /** Whether the muon stopped (ranged out or curled back) before the last station. */
    public boolean rangedOut()
    {
        return rangedOut;
    }
}
