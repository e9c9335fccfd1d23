package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import java.util.Objects;

/**
 * hls4ml's {@code softmax} in one of its implementations ({@link SoftmaxImplementation}) as one template
 * generation writes it ({@link TemplateGeneration}): before 1.x one {@code table_size} and sums in
 * {@code exp_table_t}; in 1.x separate table sizes, {@code accum_t}, {@code inv_inp_t}, {@code inp_norm_t},
 * {@code exp_scale} and {@code n_outer}/{@code n_inner} slices.
 *
 * <p>Fields from the project's {@code softmax_configN} (io_parallel; {@code axis} and {@code parallelization_factor}
 * do not change the result and are not kept; a softmax hls4ml was told to skip is not in the project at all):
 * <ul>
 * <li>{@code size}: {@code n_in}; {@code implementation}: {@code implementation}.</li>
 * <li>{@code expTable}, {@code invTable}: {@code exp_table_t} with 1.x's {@code exp_table_size},
 * {@code inv_table_t} with 1.x's {@code inv_table_size}; before, both sizes are {@code table_size}.</li>
 * <li>{@code accumType}, {@code invInputType}: 1.x {@code accum_t}, {@code inv_inp_t}; before, both
 * {@code exp_table_t} (that is what those releases sum and slice).</li>
 * <li>{@code normType}: 1.x {@code inp_norm_t} for stable, else null (before 1.x stable derives
 * {@code ap_fixed<W,I,AP_RND,AP_SAT>} from the input type itself).</li>
 * <li>{@code expScale}: 1.x {@code exp_scale} (a C float); 1.0f before.</li>
 * <li>{@code tableType}: legacy's {@code table_t}, {@code ap_fixed<18,8>} (inherited from
 * {@code nnet::activ_config}) when the config does not declare one; unused by the others.</li>
 * <li>{@code nOuter}, {@code nInner}: 1.x {@code n_outer}, {@code n_inner} ({@code softmax_multidim} when either
 * is above 1: slices of {@code n_slice = n_in / n_outer / n_inner} at stride {@code n_inner}); 1 before.</li>
 * </ul>
 */
public record SoftmaxLayer(
    String name,
    int size,
    SoftmaxImplementation implementation,
    TemplateGeneration generation,
    ActivationTable expTable,
    ActivationTable invTable,
    FixedPointType accumType,
    FixedPointType invInputType,
    FixedPointType normType,
    float expScale,
    FixedPointType tableType,
    int nOuter,
    int nInner,
    FixedPointType resultType) implements ElementwiseLayer
{
    /** The {@code table_t} every softmax config inherits from {@code nnet::activ_config}. */
    public static final FixedPointType ACTIV_CONFIG_TABLE_T = FixedPointType.apFixed(18, 8);

    public SoftmaxLayer
    {
        Activations.requireSize(name, size);
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(expTable, "expTable");
        Objects.requireNonNull(invTable, "invTable");
        if (nOuter < 1 || nInner < 1 || size % (nOuter * nInner) != 0)
        {
            throw new IllegalArgumentException(name + ": n_outer " + nOuter + " and n_inner " + nInner +
                " do not divide n_in " + size);
        }
        if (generation != TemplateGeneration.V1)
        {
            if (expTable.size() != invTable.size() || nOuter != 1 || nInner != 1 || expScale != 1.0f ||
                !Objects.equals(accumType, expTable.type()) || !Objects.equals(invInputType, expTable.type()))
            {
                throw new IllegalArgumentException(name + ": a " + generation + " softmax has one table_size, " +
                    "sums and slices exp_table_t, exp_scale 1 and no slices; use the V1 form for hls4ml 1.x");
            }
        }
        if (implementation == SoftmaxImplementation.ARGMAX && generation == TemplateGeneration.EARLY)
        {
            throw new IllegalArgumentException(name + ": the early hls4ml release has no argmax softmax");
        }
        if (implementation == SoftmaxImplementation.STABLE && generation == TemplateGeneration.V1 &&
            normType == null)
        {
            throw new IllegalArgumentException(name + ": a 1.x stable softmax needs inp_norm_t");
        }
    }

    /** A softmax as hls4ml before 1.x writes it: {@code table_size}, {@code exp_table_t}, {@code inv_table_t}. */
    public static SoftmaxLayer beforeV1(
        final String name,
        final int size,
        final SoftmaxImplementation implementation,
        final TemplateGeneration generation,
        final int tableSize,
        final FixedPointType expTableType,
        final FixedPointType invTableType,
        final FixedPointType tableType,
        final FixedPointType resultType)
    {
        return new SoftmaxLayer(name, size, implementation, generation, new ActivationTable(expTableType, tableSize),
            new ActivationTable(invTableType, tableSize), expTableType, expTableType, null, 1.0f, tableType, 1, 1,
            resultType);
    }

    /** The legacy implementation's exp table: {@code table_t} entries, as many as {@code expTable} has. */
    public ActivationTable legacyExpTable()
    {
        return new ActivationTable(tableType, expTable.size());
    }

    /** The legacy implementation's inverse table: {@code table_t} entries, as many as {@code invTable} has. */
    public ActivationTable legacyInvertTable()
    {
        return new ActivationTable(tableType, invTable.size());
    }

    /** Values in one softmax slice ({@code n_slice}). */
    public int sliceSize()
    {
        return size / nOuter / nInner;
    }

    @Override
    public String kind()
    {
        return "softmax";
    }
}
