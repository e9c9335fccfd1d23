package io.l1infer.training;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The core-sigma estimates on samples of known shape. */
class RobustSigmaTest
{
    private static final long SEED = 777L;

    @Test
    void gaussianSampleGivesItsSigmaBothWays()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[] v = new double[200_000];
        for (int k = 0; k < v.length; k++)
        {
            v[k] = 0.3 + 0.12 * random.nextGaussian();
        }
        final RobustSigma s = RobustSigma.of(v, v.length);
        assertEquals(0.12, s.sigma(), 0.002, "core fit (seed " + SEED + ")");
        assertEquals(0.12, s.halfWidth68(), 0.002, "16-84% half width (seed " + SEED + ")");
        assertEquals(0.3, s.centre(), 0.002, "centre (seed " + SEED + ")");
        assertEquals(v.length, s.count());
    }

    @Test
    void coreFitIgnoresWideTailsThatTheQuantilesFeel()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[] v = new double[100_000];
        for (int k = 0; k < v.length; k++)
        {
            // 80% core of sigma 0.05, 20% a flat tail over [-1, 3].
            v[k] = random.nextDouble() < 0.8 ? 0.05 * random.nextGaussian() : -1 + 4 * random.nextDouble();
        }
        final RobustSigma s = RobustSigma.of(v, v.length);
        assertEquals(0.05, s.sigma(), 0.004, "core fit (seed " + SEED + ")");
        assertTrue(s.halfWidth68() > 0.08, "the quantile width feels the tail: " + s + " (seed " + SEED + ")");
    }

    @Test
    void tooFewValuesIsAnError()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> RobustSigma.of(new double[] {1.0}, 1));
        assertTrue(ex.getMessage().contains("at least 2"), ex.getMessage());
    }

    @Test
    void truncatedStandardDeviationConstantIsRight()
    {
        // Var of N(0,1) truncated to [-2, 2] is 1 - 2*2*phi(2)/(Phi(2)-Phi(-2)).
        final double phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
        final double mass = 0.9544997361036416;
        assertEquals(Math.sqrt(1 - 4 * phi2 / mass), RobustSigma.TRUNCATED_STD_2SIGMA, 1e-12);
    }
}
