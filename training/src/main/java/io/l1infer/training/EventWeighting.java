package io.l1infer.training;

/** How much each training event counts in the loss. */
public enum EventWeighting
{
    /** Every event alike: pT bins count by their population (a flat spectrum puts 8.6% of events below 20 GeV/c). */
    UNIFORM,

    /**
     * Each {@link PtBins} bin of true pT weighs the same in total (events weighted by 1 / bin population, mean
     * weight 1), as the resolution table judges them: every bin's resolution counts, not every muon's.
     */
    PER_PT_BIN,

    /**
     * Events weighted by 1 / pT (mean weight 1): the flat-pT sample then weighs as a sample flat in log pT, every
     * factor of pT alike, so 3-20 GeV/c carries 45% of the weight instead of 9%. Soft muons are where the bending
     * is steepest to learn and where the lookup table is best.
     */
    INVERSE_PT;

    /** Weights of the events of {@code sample} (mean 1). */
    double[] weights(final TrainingSample sample)
    {
        final int n = sample.count();
        final double[] w = new double[n];
        if (this == UNIFORM)
        {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        if (this == INVERSE_PT)
        {
            double sum = 0;
            for (int e = 0; e < n; e++)
            {
                w[e] = 1.0 / sample.pt(e);
                sum += w[e];
            }
            for (int e = 0; e < n; e++)
            {
                w[e] *= n / sum;
            }
            return w;
        }
        final long[] population = new long[PtBins.count()];
        for (int e = 0; e < n; e++)
        {
            final int b = PtBins.of(sample.pt(e));
            if (b < 0)
            {
                throw new IllegalArgumentException("training event " + e + " has pT " + sample.pt(e) +
                    " outside the resolution bins");
            }
            population[b]++;
        }
        int filled = 0;
        for (final long p : population)
        {
            filled += p > 0 ? 1 : 0;
        }
        for (int e = 0; e < n; e++)
        {
            w[e] = (double)n / (filled * population[PtBins.of(sample.pt(e))]);
        }
        return w;
    }
}
