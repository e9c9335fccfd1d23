package io.l1infer.muon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checks that each spectrum's inverse-CDF sampling has the intended distribution. */
class PtSpectrumTest
{
    private static final long SEED = 99L;
    private static final int N = 200_000;

    private static double[] moments(final PtSpectrum spectrum)
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        double mean = 0;
        double meanInverse = 0;
        for (int i = 0; i < N; i++)
        {
            final double pt = spectrum.sample(random.nextDouble());
            assertTrue(pt >= spectrum.minPt() && pt <= spectrum.maxPt(), "pT " + pt + " in bounds, seed " + SEED);
            mean += pt / N;
            meanInverse += 1.0 / pt / N;
        }
        return new double[] {mean, meanInverse};
    }

    @Test
    void flatPtHasTheMidpointAsMean()
    {
        final double[] m = moments(new PtSpectrum.FlatPt(3, 200));
        assertEquals(101.5, m[0], 0.5, "mean pT, seed " + SEED);
    }

    @Test
    void flatInversePtHasTheMidpointCurvatureAsMean()
    {
        final double[] m = moments(new PtSpectrum.FlatInversePt(3, 200));
        assertEquals(0.5 * (1 / 3.0 + 1 / 200.0), m[1], 0.002, "mean 1/pT, seed " + SEED);
        final double[] law = moments(new PtSpectrum.PowerLaw(3, 200, 2.0));
        assertEquals(m[1], law[1], 1e-12, "power law n = 2 is flat in 1/pT (same u, same pT)");
    }

    @Test
    void powerLawHasTheAnalyticMean()
    {
        // Density ~ pT^-3 on [3, 200]: mean = (2/1) * (a^-1 - b^-1) / (a^-2 - b^-2).
        final double a = 3;
        final double b = 200;
        final double expected = 2 * (1 / a - 1 / b) / (1 / (a * a) - 1 / (b * b));
        assertEquals(expected, moments(new PtSpectrum.PowerLaw(a, b, 3.0))[0], 0.01 * expected, "seed " + SEED);
        // n = 1 is the log-uniform special case: mean = (b - a) / ln(b / a).
        final double logUniform = (b - a) / Math.log(b / a);
        assertEquals(logUniform, moments(new PtSpectrum.PowerLaw(a, b, 1.0))[0], 0.01 * logUniform, "seed " + SEED);
    }

    @Test
    void badBoundsAreRejectedWithTheirValues()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new PtSpectrum.FlatPt(5, 3));
        assertTrue(ex.getMessage().contains("minPt=5.0") && ex.getMessage().contains("maxPt=3.0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PtSpectrum.FlatInversePt(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new PtSpectrum.PowerLaw(1, 3, Double.NaN));
    }
}
