package io.l1infer.training;

/**
 * Regression losses on the model output y (pT / 200) against the target t = pT_true / 200.
 */
public enum RegressionLoss
{
    /** The thesis's loss: (y - t)^2. Weighs absolute errors, so a 10% error at 150 GeV/c costs 100 times one at 15. */
    SCALED_MSE
    {
        @Override
        double loss(final double y, final double t)
        {
            final double d = y - t;
            return d * d;
        }

        @Override
        double gradient(final double y, final double t)
        {
            return 2.0 * (y - t);
        }
    },

    /**
     * ((y - t) / t)^2, the squared relative error: the quantity the resolution is judged on, weighted alike at every
     * pT; it also punishes most what costs a trigger most, a soft muon measured hard.
     */
    RELATIVE_MSE
    {
        @Override
        double loss(final double y, final double t)
        {
            final double r = (y - t) / t;
            return r * r;
        }

        @Override
        double gradient(final double y, final double t)
        {
            return 2.0 * (y - t) / (t * t);
        }
    },

    /**
     * (ln y - ln t)^2, the squared log ratio: about the squared relative error for small errors, but symmetric in
     * over- and under-estimates by the same factor, so a few soft muons that look hard do not drag the prediction
     * for hard-looking muons down as they do under {@link #RELATIVE_MSE} (whose optimum is E[1/t]/E[1/t^2]; this
     * one's is the geometric mean). Below y = t * {@link #LOG_FLOOR} the loss continues linearly, so that y &lt;= 0
     * has a finite loss and a gradient of the same size as the worst underestimate above the floor.
     */
    LOG_MSE
    {
        @Override
        double loss(final double y, final double t)
        {
            final double floor = LOG_FLOOR * t;
            final double d = StrictMath.log(Math.max(y, floor) / t);
            return y >= floor ? d * d : d * d + 2 * d / floor * (y - floor);
        }

        @Override
        double gradient(final double y, final double t)
        {
            final double yc = Math.max(y, LOG_FLOOR * t);
            return 2 * StrictMath.log(yc / t) / yc;
        }
    },

    /**
     * Huber loss on d = ln(y / t): d^2 for |d| &lt;= {@link #HUBER_DELTA}, linear beyond. The resolution is judged on
     * the Gaussian core; muons far off (a hard scatter, a missing station) cost only linearly here, so they pull the
     * fit of the core less than under {@link #LOG_MSE}. Same floor as {@link #LOG_MSE} below y = t/4.
     */
    LOG_HUBER
    {
        @Override
        double loss(final double y, final double t)
        {
            final double floor = LOG_FLOOR * t;
            final double d = StrictMath.log(Math.max(y, floor) / t);
            final double a = Math.abs(d);
            final double core = a <= HUBER_DELTA ? d * d : 2 * HUBER_DELTA * a - HUBER_DELTA * HUBER_DELTA;
            return y >= floor ? core : core + huberSlope(d) / floor * (y - floor);
        }

        @Override
        double gradient(final double y, final double t)
        {
            final double yc = Math.max(y, LOG_FLOOR * t);
            return huberSlope(StrictMath.log(yc / t)) / yc;
        }
    };

    /** Where {@link #LOG_HUBER} turns from quadratic to linear: |ln(y / t)| = 0.2, about a 20% error. */
    static final double HUBER_DELTA = 0.2;

    /** d/dd of the Huber function of d. */
    static double huberSlope(final double d)
    {
        return 2 * Math.max(-HUBER_DELTA, Math.min(HUBER_DELTA, d));
    }

    /** Where {@link #LOG_MSE} turns linear, as a fraction of the target: an underestimate by a factor 4. */
    static final double LOG_FLOOR = 0.25;

    /** Loss of one event. */
    abstract double loss(double y, double t);

    /** d loss / d y of one event. */
    abstract double gradient(double y, double t);
}
