package io.l1infer.training;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One true-pT bin's histograms of (pT_assigned - pT_true) / pT_true for the model and the lookup table, overlaid,
 * with each one's core sigma in the legend.
 */
public final class ResolutionPlot
{
    static final Color ML = new Color(31, 90, 200);
    static final Color LUT = new Color(215, 60, 40);
    private static final int BINS = 80;

    private ResolutionPlot()
    {
    }

    /** File name of a bin's plot, e.g. resolution-020-040.png. */
    public static String fileName(final BinResolution bin)
    {
        return String.format(Locale.ROOT, "resolution-%03.0f-%03.0f.png", bin.low(), bin.high());
    }

    public static void write(final Path file, final BinResolution bin, final double[] ml, final double[] lut,
        final String modelName)
    {
        // Show about +-5 core sigmas of the wider distribution, at least +-0.25, left edge not below -1.05.
        final double half = Math.max(0.25, Math.min(2.0, 5 * Math.max(bin.ml().sigma(), bin.lut().sigma())));
        final double lo = Math.max(-1.05, -half);
        final double hi = half;
        final double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++)
        {
            edges[b] = lo + (hi - lo) * b / BINS;
        }
        final double[] hMl = new double[BINS];
        final double[] hLut = new double[BINS];
        final int outsideMl = fill(ml, lo, hi, hMl);
        final int outsideLut = fill(lut, lo, hi, hLut);
        double max = 1;
        for (int b = 0; b < BINS; b++)
        {
            max = Math.max(max, Math.max(hMl[b], hLut[b]));
        }
        final PlotFrame frame = new PlotFrame(
            String.format(Locale.ROOT, "pT resolution, true pT %.0f-%.0f GeV/c (%d muons)", bin.low(), bin.high(),
                bin.ml().count()),
            "(pT assigned - pT true) / pT true", "muons per bin", lo, hi, 0, max * 1.12);
        frame.histogram(edges, hLut, LUT, true, false);
        frame.histogram(edges, hMl, ML, true, false);
        frame.legend(String.format(Locale.ROOT, "%s (engine): sigma %.3f", modelName, bin.ml().sigma()), ML, false);
        frame.legend(String.format(Locale.ROOT, "L1 LUT: sigma %.3f", bin.lut().sigma()), LUT, false);
        frame.note(List.of(
            String.format(Locale.ROOT, "outside the axis: model %d, LUT %d", outsideMl, outsideLut),
            "sigma: Gaussian core fit, iterated +-2 sigma"));
        frame.write(file);
    }

    private static int fill(final double[] values, final double lo, final double hi, final double[] counts)
    {
        int outside = 0;
        for (final double v : values)
        {
            if (v < lo || v >= hi)
            {
                outside++;
                continue;
            }
            counts[Math.min(counts.length - 1, (int)((v - lo) / (hi - lo) * counts.length))]++;
        }
        return outside;
    }
}
