package io.l1infer.bench.jmh;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.RandomModelGenerator;
import io.l1infer.muon.FeatureTableCsv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The models and real inputs the engine benchmark runs, by the names its {@code model} parameter takes, found
 * under the project directory: system property {@value #HOME_PROPERTY} (set by the launchers), else the current
 * directory.
 */
public final class BenchmarkModels
{
    /** The shipped thesis model bundle, {@code models/muon-pt-thesis}. */
    public static final String THESIS = "thesis";
    /** A random pruned ReLU MLP of the second shape: seed 1, 75% zeros, ap_fixed&lt;16,6&gt; throughout. */
    public static final String RANDOM = "random-27-35-20-25-40-20-15-1";
    /** A 16-64-32-32-5 jet-tagging shape ending in hls4ml 1.x's stable softmax, on seeded inputs. */
    public static final String TAGGER = "tagger-16-64-32-32-5";
    /** A random 252-15-1 ReLU MLP in the thesis firmware's types, on seeded inputs. */
    public static final String WIDE = "random-252-15-1";

    /** System property naming the project directory. */
    public static final String HOME_PROPERTY = "l1infer.home";
    static final String THESIS_MODEL_DIR = "models/muon-pt-thesis";
    static final String REAL_INPUTS = "data/muon-pt-thesis/inputs.csv";

    static final int[] RANDOM_ARCHITECTURE = {27, 35, 20, 25, 40, 20, 15, 1};
    static final double RANDOM_SPARSITY = 0.75;
    static final long RANDOM_SEED = 1;

    private BenchmarkModels()
    {
    }

    /**
     * The model called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name or a missing bundle directory.
     */
    public static ModelBundle model(final String name)
    {
        return switch (name)
        {
            case THESIS -> ModelBundle.load(existing(THESIS_MODEL_DIR));
            case RANDOM -> RandomModelGenerator.generate(
                RANDOM_ARCHITECTURE, RANDOM_SPARSITY, FixedPointType.apFixed(16, 6), RANDOM_SEED);
            case TAGGER -> SyntheticModels.tagger();
            case WIDE -> SyntheticModels.wide();
            default -> throw unknown(name);
        };
    }

    /**
     * The events the model called {@code name} runs on: the real events for the 27-input models, else
     * {@link SyntheticModels#EVENTS} seeded events of the model's width.
     */
    public static double[][] inputs(final String name)
    {
        return switch (name)
        {
            case THESIS, RANDOM -> realInputs();
            case TAGGER -> SyntheticModels.inputs(SyntheticModels.TAGGER_ARCHITECTURE[0], SyntheticModels.SEED);
            case WIDE -> SyntheticModels.inputs(SyntheticModels.WIDE_ARCHITECTURE[0], SyntheticModels.SEED);
            default -> throw unknown(name);
        };
    }

    private static IllegalArgumentException unknown(final String name)
    {
        return new IllegalArgumentException("unknown benchmark model '" + name + "' (expected " + THESIS + ", " +
            RANDOM + ", " + TAGGER + " or " + WIDE + ")");
    }

    /** The 14,248 real events' 27 float features, every model's input. */
    public static double[][] realInputs()
    {
        final List<double[]> rows = new ArrayList<>();
        FeatureTableCsv.forEachRow(existing(REAL_INPUTS), (features, line) -> rows.add(features.clone()));
        return rows.toArray(new double[0][]);
    }

    private static Path existing(final String relative)
    {
        final Path path = Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve(relative).toAbsolutePath()
            .normalize();
        if (!Files.exists(path))
        {
            throw new IllegalArgumentException(path + " does not exist: run from the project directory or set -D" +
                HOME_PROPERTY + "=DIR");
        }
        return path;
    }
}
