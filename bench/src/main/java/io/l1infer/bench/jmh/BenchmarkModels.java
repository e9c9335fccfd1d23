package io.l1infer.bench.jmh;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.RandomModelGenerator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models and real inputs the engine benchmark runs, by the names its {@code model} parameter takes; file
 * locations default to paths relative to the repository root and can be overridden with system properties.
 */
public final class BenchmarkModels
{
    /** The shipped thesis model bundle. */
    public static final String THESIS = "thesis";
    /** A random pruned ReLU MLP of the second shape: seed 1, 75% zeros, ap_fixed&lt;16,6&gt; throughout. */
    public static final String RANDOM = "random-27-35-20-25-40-20-15-1";

    /** System property naming the thesis model bundle directory. */
    public static final String MODEL_DIR_PROPERTY = "l1infer.bench.thesisModel";
    /** System property naming the real feature CSV. */
    public static final String INPUTS_PROPERTY = "l1infer.bench.inputs";
    static final String DEFAULT_MODEL_DIR = "models/muon-pt-thesis";
    static final String DEFAULT_INPUTS = "../shared/data/muon-pt-thesis/inputs.csv";

    static final int[] RANDOM_ARCHITECTURE = {27, 35, 20, 25, 40, 20, 15, 1};
    static final double RANDOM_SPARSITY = 0.75;
    static final long RANDOM_SEED = 1;

    private BenchmarkModels()
    {
    }

    /**
     * The model called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name or a missing bundle directory (naming the property).
     */
    public static ModelBundle model(final String name)
    {
        return switch (name)
        {
            case THESIS -> ModelBundle.load(existing(MODEL_DIR_PROPERTY, DEFAULT_MODEL_DIR));
            case RANDOM -> RandomModelGenerator.generate(
                RANDOM_ARCHITECTURE, RANDOM_SPARSITY, FixedPointType.apFixed(16, 6), RANDOM_SEED);
            default -> throw new IllegalArgumentException("unknown benchmark model '" + name + "' (expected " +
                THESIS + " or " + RANDOM + ")");
        };
    }

    /** The real feature vectors (27 per event) every model is fed. */
    public static FeatureTable realInputs(final int width)
    {
        return FeatureTable.read(existing(INPUTS_PROPERTY, DEFAULT_INPUTS), width);
    }

    private static Path existing(final String property, final String fallback)
    {
        final Path path = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        if (!Files.exists(path))
        {
            throw new IllegalArgumentException(path + " does not exist: run from the repository root or set -D" +
                property + "=PATH");
        }
        return path;
    }
}
