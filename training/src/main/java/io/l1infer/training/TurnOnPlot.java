package io.l1infer.training;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;

/** Turn-on curves of one threshold, model against lookup table, as efficiency against true pT. */
public final class TurnOnPlot
{
    private TurnOnPlot()
    {
    }

    public static String fileName(final double threshold)
    {
        return String.format(Locale.ROOT, "turnon-%.0f.png", threshold);
    }

    /** @param maxPt right end of the axis, GeV/c. */
    public static void write(final Path file, final TurnOnCurve ml, final TurnOnCurve lut, final String modelName,
        final double maxPt)
    {
        final PlotFrame frame = new PlotFrame(
            String.format(Locale.ROOT, "Efficiency of pT >= %.0f GeV/c", ml.threshold()),
            "true pT (GeV/c)", "efficiency", 0, maxPt, 0, 1.05);
        frame.verticalLine(ml.threshold(), Color.GRAY);
        frame.legendAtBottom();
        draw(frame, lut, ResolutionPlot.LUT);
        draw(frame, ml, ResolutionPlot.ML);
        frame.legend(String.format(Locale.ROOT, "%s (engine): 50%% at %.1f, 90%% at %.1f GeV/c", modelName,
            ml.ptAt(0.5), ml.ptAt(0.9)), ResolutionPlot.ML, false);
        frame.legend(String.format(Locale.ROOT, "L1 LUT: 50%% at %.1f, 90%% at %.1f GeV/c", lut.ptAt(0.5),
            lut.ptAt(0.9)), ResolutionPlot.LUT, false);
        frame.write(file);
    }

    private static void draw(final PlotFrame frame, final TurnOnCurve curve, final Color color)
    {
        final double[] x = new double[curve.bins()];
        final double[] y = new double[curve.bins()];
        final double[] e = new double[curve.bins()];
        for (int b = 0; b < curve.bins(); b++)
        {
            x[b] = curve.binCentre(b);
            y[b] = curve.efficiency(b);
            e[b] = curve.error(b);
        }
        frame.points(x, y, e, color, false);
    }
}
