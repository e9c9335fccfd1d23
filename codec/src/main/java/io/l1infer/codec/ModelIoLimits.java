package io.l1infer.codec;

/**
 * The allowed entry counts of the {@code FeatureVector} inputs and {@code InferenceResult} outputs groups and
 * the smallest batch size, the single source used by the validator, the tests and codec/README.md.
 */
public final class ModelIoLimits
{
    /** Fewest raw inputs a FeatureVector may carry on the wire. */
    public static final int INPUT_COUNT_MIN = 1;
    /**
     * Most raw inputs a FeatureVector may carry on the wire (the daemon requires exactly the model's size): enough
     * for calorimeter-region models (one CMS model has 252 inputs). A message this long spans several Aeron frames
     * at the default MTU; Aeron fragments and reassembles it.
     */
    public static final int INPUT_COUNT_MAX = 1024;

    /** Fewest outputs an InferenceResult carries. */
    public static final int OUTPUT_COUNT_MIN = 1;
    /**
     * Most outputs an InferenceResult carries (a 10-class MNIST check, multi-class taggers); at this count a
     * result still fits one Aeron frame at the default MTU, so the daemon can encode it in place.
     */
    public static final int OUTPUT_COUNT_MAX = 64;

    /** Smallest batch size an InferenceResult may report: every event is computed in a batch of at least one. */
    public static final int BATCH_SIZE_MIN = 1;

    private ModelIoLimits()
    {
    }
}
