package io.l1infer.muon;

/**
 * What the toy muon gun shoots: the pT spectrum, the pseudorapidity range |eta| &lt;= etaMax (eta uniform), and the
 * fraction of positive muons (phi at the vertex is always uniform).
 *
 * @param spectrum         pT spectrum in GeV/c.
 * @param etaMax           upper bound of |eta|, in (0, 3].
 * @param positiveFraction probability that a muon has charge +1, in [0, 1].
 */
public record MuonGun(PtSpectrum spectrum, double etaMax, double positiveFraction)
{
    /**
     * The gun that best matches the real thesis sample: flat pT 3..200 GeV/c, |eta| &lt; 1.2 and 1.2% positive
     * muons. In this simulation's sign convention (psi -= q * 0.2998 * B * ds / pT, phiB = psi - phi) a negative
     * muon has positive phiB, and the real sample has 98.6% positive phiB among its correlated MB1 primitives,
     * which resolution alone cannot flip; its 92% over all MB1 primitives comes from the poor phiB of
     * single-superlayer primitives.
     */
    public static MuonGun thesisLike()
    {
        return new MuonGun(new PtSpectrum.FlatPt(3.0, 200.0), 1.2, 0.012);
    }

    public MuonGun
    {
        if (spectrum == null)
        {
            throw new IllegalArgumentException("spectrum must not be null");
        }
        if (!(etaMax > 0.0 && etaMax <= 3.0))
        {
            throw new IllegalArgumentException("etaMax must be in (0, 3], got " + etaMax);
        }
        if (!(positiveFraction >= 0.0 && positiveFraction <= 1.0))
        {
            throw new IllegalArgumentException("positiveFraction must be in [0, 1], got " + positiveFraction);
        }
    }

    /** The same gun with another spectrum. */
    public MuonGun withSpectrum(final PtSpectrum newSpectrum)
    {
        return new MuonGun(newSpectrum, etaMax, positiveFraction);
    }

    /** The same gun with another fraction of positive muons. */
    public MuonGun withPositiveFraction(final double newPositiveFraction)
    {
        return new MuonGun(spectrum, etaMax, newPositiveFraction);
    }
}
