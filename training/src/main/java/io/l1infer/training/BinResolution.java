package io.l1infer.training;

import java.util.Locale;

/**
 * Resolution of the model and of the lookup table in one true-pT bin, on the same events.
 *
 * @param low   bin low edge, GeV/c.
 * @param high  bin high edge, GeV/c.
 * @param ml    width of (pT_model - pT_true) / pT_true.
 * @param lut   width of (pT_table - pT_true) / pT_true.
 */
public record BinResolution(double low, double high, RobustSigma ml, RobustSigma lut)
{
    /**
     * {@code BIN lo=0 hi=20 n=.. ml_sigma=.. lut_sigma=..} then the centres and the 16-84% half-widths.
     */
    public String line()
    {
        return String.format(Locale.ROOT,
            "BIN lo=%.0f hi=%.0f n=%d ml_sigma=%.4f lut_sigma=%.4f ml_mean=%+.4f lut_mean=%+.4f " +
                "ml_half68=%.4f lut_half68=%.4f",
            low, high, ml.count(), ml.sigma(), lut.sigma(), ml.centre(), lut.centre(), ml.halfWidth68(),
            lut.halfWidth68());
    }
}
