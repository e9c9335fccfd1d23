package io.l1infer.muon;

import io.l1infer.codec.MuonPrimitives;

/**
 * One reusable toy event: the generated muon (pT, charge, eta, phi at the vertex) and its trigger primitives in
 * arrival order. Filled in place by {@link ToyBarrelSimulation#next(ToyEvent)} or {@link ToyEventCsv.Reader}.
 */
public final class ToyEvent
{
    private final MuonPrimitives primitives = new MuonPrimitives();
    private double pt;
    private int charge;
    private double eta;
    private double phi;

    /** Sets the generated muon; the primitives are left as they are. */
    public void setMuon(final double pt, final int charge, final double eta, final double phi)
    {
        this.pt = pt;
        this.charge = charge;
        this.eta = eta;
        this.phi = phi;
    }

    /** Generated transverse momentum, GeV/c. */
    public double pt()
    {
        return pt;
    }

    /** Generated charge, +1 or -1. */
    public int charge()
    {
        return charge;
    }

    /** Generated pseudorapidity. */
    public double eta()
    {
        return eta;
    }

    /** Generated azimuth of the momentum at the vertex, rad. */
    public double phi()
    {
        return phi;
    }

    /** The event's trigger primitives (mutable, owned by this event). */
    public MuonPrimitives primitives()
    {
        return primitives;
    }

    @Override
    public String toString()
    {
        return "ToyEvent[pt=" + pt + ", charge=" + charge + ", eta=" + eta + ", phi=" + phi + ", " + primitives + "]";
    }
}
