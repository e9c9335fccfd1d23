package io.l1infer.muon;

/**
 * Transverse-momentum spectrum of the toy muon gun, sampled by inverting its cumulative distribution.
 *
 * <p>pT is in GeV/c. {@link FlatPt} (the default, see README) matches the real sample's |phiB| quantiles;
 * {@link FlatInversePt} (flat curvature) and {@link PowerLaw} ({@code pT^-n}) are softer.
 */
public sealed interface PtSpectrum permits PtSpectrum.FlatPt, PtSpectrum.FlatInversePt, PtSpectrum.PowerLaw
{
    /** Lowest pT produced. */
    double minPt();

    /** Highest pT produced. */
    double maxPt();

    /** The pT whose cumulative probability is {@code u}, for u uniform in [0, 1). */
    double sample(double u);

    /** Uniform in pT between the bounds. */
    record FlatPt(double minPt, double maxPt) implements PtSpectrum
    {
        public FlatPt
        {
            checkBounds(minPt, maxPt);
        }

        @Override
        public double sample(final double u)
        {
            return minPt + u * (maxPt - minPt);
        }
    }

    /** Uniform in 1/pT (curvature) between the bounds. */
    record FlatInversePt(double minPt, double maxPt) implements PtSpectrum
    {
        public FlatInversePt
        {
            checkBounds(minPt, maxPt);
        }

        @Override
        public double sample(final double u)
        {
            return 1.0 / (1.0 / minPt + u * (1.0 / maxPt - 1.0 / minPt));
        }
    }

    /** Density proportional to {@code pT^-exponent} between the bounds (exponent 2 equals flat in 1/pT). */
    record PowerLaw(double minPt, double maxPt, double exponent) implements PtSpectrum
    {
        public PowerLaw
        {
            checkBounds(minPt, maxPt);
            if (!Double.isFinite(exponent))
            {
                throw new IllegalArgumentException("power-law exponent must be finite, got " + exponent);
            }
        }

        @Override
        public double sample(final double u)
        {
            if (Math.abs(exponent - 1.0) < 1e-12)
            {
                return minPt * Math.pow(maxPt / minPt, u);
            }
            final double k = 1.0 - exponent;
            final double lo = Math.pow(minPt, k);
            final double hi = Math.pow(maxPt, k);
            return Math.pow(lo + u * (hi - lo), 1.0 / k);
        }
    }

    private static void checkBounds(final double minPt, final double maxPt)
    {
        if (!(minPt > 0.0) || !(maxPt > minPt) || !Double.isFinite(maxPt))
        {
            throw new IllegalArgumentException("pT bounds must satisfy 0 < minPt < maxPt < infinity, got minPt="
                + minPt + " maxPt=" + maxPt);
        }
    }
}
