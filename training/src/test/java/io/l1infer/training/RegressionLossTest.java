package io.l1infer.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each loss's gradient is the derivative of its loss, including below the floor, and each is zero at y = t. */
class RegressionLossTest
{
    @Test
    void gradientIsTheDerivativeEverywhere()
    {
        final double[] targets = {0.015, 0.1, 0.5, 1.0};
        final double[] ratios = {-0.5, 0.0, 0.1, 0.24, 0.26, 0.5, 0.9, 1.0, 1.1, 1.3, 2.0, 10.0};
        for (final RegressionLoss loss : RegressionLoss.values())
        {
            for (final double t : targets)
            {
                assertEquals(0.0, loss.loss(t, t), 1e-15, loss + " at y = t = " + t);
                assertEquals(0.0, loss.gradient(t, t), 1e-12, loss + " at y = t = " + t);
                for (final double r : ratios)
                {
                    final double y = r * t;
                    final double h = 1e-7 * t;
                    final double numeric = (loss.loss(y + h, t) - loss.loss(y - h, t)) / (2 * h);
                    assertEquals(numeric, loss.gradient(y, t), 1e-5 * Math.max(1, Math.abs(numeric)),
                        loss + " y=" + y + " t=" + t);
                }
                assertTrue(loss.gradient(0.5 * t, t) < 0 && loss.gradient(2 * t, t) > 0, loss + " points to t");
            }
        }
    }

    @Test
    void logLossesAreSymmetricInTheRatio()
    {
        for (final RegressionLoss loss : new RegressionLoss[] {RegressionLoss.LOG_MSE, RegressionLoss.LOG_HUBER})
        {
            assertEquals(loss.loss(0.3 * 1.5, 0.3), loss.loss(0.3 / 1.5, 0.3), 1e-12, loss.toString());
        }
        // Huber: quadratic inside 0.2, linear outside.
        final double d = StrictMath.log(2.0);
        assertEquals(2 * RegressionLoss.HUBER_DELTA * d - RegressionLoss.HUBER_DELTA * RegressionLoss.HUBER_DELTA,
            RegressionLoss.LOG_HUBER.loss(0.2, 0.1), 1e-12);
    }
}
