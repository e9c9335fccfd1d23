package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.muon.MuonFeatures;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The network being trained: the fixed input scaling, then dense layers with ReLU between them and a linear
 * output, in the types of a {@link QuantizationScheme}. {@link #toBundle} exports exactly what {@link QatPass}
 * computes.
 */
public final class QuantizedMlp
{
    /** The physical value of the output: pT / {@value} in GeV/c, as the thesis model. */
    public static final double OUTPUT_SCALE = 200.0;
    /** Half-width of the uniform first-layer bias initialisation. */
    static final double FIRST_BIAS_SPREAD = 0.5;
    /** Initial bias of the other hidden layers. */
    static final double HIDDEN_BIAS = 0.05;
    /** Scale of the output layer's initial He-uniform weights. */
    static final double OUTPUT_WEIGHT_SCALE = 0.1;

    private final QuantizationScheme scheme;
    private final int[] widths;
    private final InputScaling scaling;
    private final DenseParameters[] dense;

    /**
     * @param widths layer widths, input first, e.g. {27, 35, 20, 25, 40, 20, 15, 1}.
     */
    QuantizedMlp(final QuantizationScheme scheme, final int[] widths, final InputScaling scaling)
    {
        if (widths.length < 2)
        {
            throw new IllegalArgumentException("architecture needs at least an input and an output width");
        }
        for (final int w : widths)
        {
            if (w < 1)
            {
                throw new IllegalArgumentException("layer widths must be >= 1: " + java.util.Arrays.toString(widths));
            }
        }
        if (scaling.size() != widths[0])
        {
            throw new IllegalArgumentException("input scaling has " + scaling.size() + " features, architecture " +
                widths[0]);
        }
        this.scheme = scheme;
        this.widths = widths.clone();
        this.scaling = scaling;
        this.dense = new DenseParameters[widths.length - 1];
        for (int l = 0; l < dense.length; l++)
        {
            dense[l] = new DenseParameters(
                "dense_" + (l + 1), widths[l], widths[l + 1], scheme.weight(), scheme.bias());
        }
    }

    /**
     * He-uniform weights. First-layer biases are spread uniformly over +-{@link #FIRST_BIAS_SPREAD} so that the
     * ReLU kinks start spread over the (scaled, centred) inputs rather than all at zero: the network has to bend
     * 1/delta-phi into pT, and kinks are what it bends with. Other hidden biases start at
     * {@link #HIDDEN_BIAS} (slightly positive keeps ReLUs alive early on). The output layer starts nearly flat
     * (weights scaled by {@link #OUTPUT_WEIGHT_SCALE}) around {@code outputBias} (e.g. the mean target), well inside
     * the output range.
     */
    void initialise(final RandomGenerator random, final double outputBias)
    {
        for (int l = 0; l < dense.length; l++)
        {
            if (l == dense.length - 1)
            {
                dense[l].initialise(random, OUTPUT_WEIGHT_SCALE, outputBias, 0.0);
            }
            else if (l == 0)
            {
                dense[l].initialise(random, 1.0, 0.0, FIRST_BIAS_SPREAD);
            }
            else
            {
                dense[l].initialise(random, 1.0, HIDDEN_BIAS, 0.0);
            }
        }
    }

    QuantizationScheme scheme()
    {
        return scheme;
    }

    int width(final int layer)
    {
        return widths[layer];
    }

    int denseCount()
    {
        return dense.length;
    }

    DenseParameters dense(final int l)
    {
        return dense[l];
    }

    InputScaling scaling()
    {
        return scaling;
    }

    /** Accumulator type of dense layer l (the output layer has its own). */
    FixedPointType accumType(final int l)
    {
        return l == dense.length - 1 ? scheme.outputAccum() : scheme.accum();
    }

    /** Result type of dense layer l (the output layer's is the model output). */
    FixedPointType resultType(final int l)
    {
        return l == dense.length - 1 ? scheme.output() : scheme.result();
    }

    /** Fraction of all dense weights that are pruned. */
    public double sparsity()
    {
        int pruned = 0;
        int total = 0;
        for (final DenseParameters d : dense)
        {
            for (final byte m : d.mask)
            {
                pruned += m == 0 ? 1 : 0;
            }
            total += d.mask.length;
        }
        return (double)pruned / total;
    }

    /**
     * The model as a bundle: input-scaling batchnorm, dense layers with ReLU between them, linear output
     * {@code pt_over_200} of the last dense layer's result type (physical value = value * 200 GeV/c).
     */
    public ModelBundle toBundle(final String name, final String about)
    {
        final List<Layer> layers = new ArrayList<>();
        layers.add(scaling.toLayer("input_scale"));
        for (int l = 0; l < dense.length; l++)
        {
            layers.add(dense[l].toLayer(accumType(l), resultType(l)));
            if (l + 1 < dense.length)
            {
                layers.add(new ReluLayer("relu_" + (l + 1), widths[l + 1], scheme.relu()));
            }
        }
        final List<String> features = widths[0] == MuonFeatures.FEATURE_COUNT ? MuonFeatures.NAMES : List.of();
        return ModelBundle.of(name, about,
            new ModelInput(widths[0], scheme.input(), features),
            new ModelOutput(widths[widths.length - 1], scheme.output(),
                widths[widths.length - 1] == 1 ? List.of("pt_over_200") : List.of(), OUTPUT_SCALE, "GeV/c"),
            layers);
    }
}
