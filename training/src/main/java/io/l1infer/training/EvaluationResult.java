package io.l1infer.training;

import io.l1infer.fpga.model.ModelBundle;

import java.util.ArrayList;
import java.util.List;

/**
 * True, model and table pT of the evaluation events, and the resolution table and turn-on curves made from them.
 */
public final class EvaluationResult
{
    /** Bin width of the turn-on curves, GeV/c. */
    public static final double TURN_ON_BIN = 2.0;
    /** Upper end of the turn-on curves, GeV/c. */
    public static final double TURN_ON_MAX = 200.0;

    private final ModelBundle model;
    private final double[] truePt;
    private final double[] modelPt;
    private final double[] lutPt;
    private final int[] rawInputs;
    private final String engineDescription;

    EvaluationResult(
        final ModelBundle model, final double[] truePt, final double[] modelPt, final double[] lutPt,
        final int[] rawInputs, final String engineDescription)
    {
        this.model = model;
        this.truePt = truePt;
        this.modelPt = modelPt;
        this.lutPt = lutPt;
        this.rawInputs = rawInputs;
        this.engineDescription = engineDescription;
    }

    public int events()
    {
        return truePt.length;
    }

    /** True pT of event e, GeV/c. */
    public double truePt(final int e)
    {
        return truePt[e];
    }

    /** The model's pT of event e as the engine computed it, GeV/c. */
    public double modelPt(final int e)
    {
        return modelPt[e];
    }

    /** The lookup table's pT of event e, GeV/c (NaN when it could not assign one). */
    public double lutPt(final int e)
    {
        return lutPt[e];
    }

    public String engineDescription()
    {
        return engineDescription;
    }

    /** Events the table could not assign (no usable primitive): counted in no bin. */
    public int unassignedByLut()
    {
        int n = 0;
        for (final double pt : lutPt)
        {
            n += Double.isNaN(pt) ? 1 : 0;
        }
        return n;
    }

    /** Relative residuals (assigned - true) / true of the events in a bin, for "ml" or "lut". */
    public double[] residuals(final int bin, final boolean ml)
    {
        final double[] assigned = ml ? modelPt : lutPt;
        final double[] out = new double[truePt.length];
        int n = 0;
        for (int e = 0; e < truePt.length; e++)
        {
            if (PtBins.of(truePt[e]) == bin && !Double.isNaN(lutPt[e]))
            {
                out[n++] = (assigned[e] - truePt[e]) / truePt[e];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The resolution table, one entry per {@link PtBins} bin with at least two events. */
    public List<BinResolution> resolution()
    {
        final List<BinResolution> rows = new ArrayList<>();
        for (int b = 0; b < PtBins.count(); b++)
        {
            final double[] ml = residuals(b, true);
            final double[] lut = residuals(b, false);
            if (ml.length >= 2)
            {
                rows.add(new BinResolution(PtBins.low(b), PtBins.high(b), RobustSigma.of(ml, ml.length),
                    RobustSigma.of(lut, lut.length)));
            }
        }
        return rows;
    }

    public TurnOnCurve turnOn(final boolean ml, final double threshold)
    {
        final double[] assigned = ml ? modelPt : lutPt;
        final double[] a = new double[truePt.length];
        for (int e = 0; e < a.length; e++)
        {
            a[e] = Double.isNaN(assigned[e]) ? Double.NEGATIVE_INFINITY : assigned[e];
        }
        return TurnOnCurve.of(ml ? "ml" : "lut", truePt, a, truePt.length, threshold, TURN_ON_BIN, TURN_ON_MAX);
    }

    /** Values the model wrapped on these events (see {@link WrapCensus}). */
    public WrapCensus wraps()
    {
        return WrapCensus.count(model, rawInputs, truePt.length);
    }
}
