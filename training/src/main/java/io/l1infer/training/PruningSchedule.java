package io.l1infer.training;

/**
 * Polynomial-decay magnitude-pruning schedule (as TensorFlow Model Optimization's {@code PolynomialDecay}, which
 * QKeras models use): sparsity rises from 0 at {@code beginStep} to {@code targetSparsity} at {@code endStep} as
 * {@code target * (1 - (1 - progress)^3)}, recomputed every {@code frequency} steps; after {@code endStep} the mask
 * is frozen and training continues (fine-tuning).
 */
record PruningSchedule(double targetSparsity, long beginStep, long endStep, long frequency)
{
    PruningSchedule
    {
        if (!(targetSparsity >= 0 && targetSparsity < 1))
        {
            throw new IllegalArgumentException("target sparsity must be in [0, 1): " + targetSparsity);
        }
        if (beginStep < 0 || endStep < beginStep || frequency < 1)
        {
            throw new IllegalArgumentException("pruning steps must satisfy 0 <= begin <= end and frequency >= 1: " +
                beginStep + ", " + endStep + ", " + frequency);
        }
    }

    /** Whether the mask is recomputed after step {@code step} (0-based). */
    boolean prunesAt(final long step)
    {
        return targetSparsity > 0 && step >= beginStep && step <= endStep &&
            ((step - beginStep) % frequency == 0 || step == endStep);
    }

    /** The sparsity the schedule asks for at {@code step}. */
    double sparsityAt(final long step)
    {
        if (step < beginStep)
        {
            return 0;
        }
        if (step >= endStep || endStep == beginStep)
        {
            return targetSparsity;
        }
        final double remaining = 1.0 - (double)(step - beginStep) / (endStep - beginStep);
        return targetSparsity * (1.0 - remaining * remaining * remaining);
    }
}
