package io.l1infer.codec;

/**
 * The allowed entry counts of the {@code FeatureVector} inputs and {@code InferenceResult} outputs groups and
 * the smallest batch size, the single source used by the validator, the tests and codec/README.md.
 */
public final class ModelIoLimits
{
    /** Fewest raw inputs a FeatureVector may carry on the wire. */
    public static final int INPUT_COUNT_MIN = 1;
    /** Most raw inputs a FeatureVector may carry on the wire (the daemon requires exactly the model's size). */
    public static final int INPUT_COUNT_MAX = 64;

    /** Fewest outputs an InferenceResult carries. */
    public static final int OUTPUT_COUNT_MIN = 1;
    /** Most outputs an InferenceResult carries. */
    public static final int OUTPUT_COUNT_MAX = 16;

    /** Smallest batch size an InferenceResult may report: every event is computed in a batch of at least one. */
    public static final int BATCH_SIZE_MIN = 1;

    private ModelIoLimits()
    {
    }
}
