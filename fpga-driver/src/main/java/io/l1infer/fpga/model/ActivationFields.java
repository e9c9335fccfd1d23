package io.l1infer.fpga.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

/**
 * The {@code model.json} fields of the activation layers beyond {@code size} and {@code result_t}, named after the
 * hls4ml config fields they come from; one place for the writer and the reader so the two cannot drift apart.
 */
final class ActivationFields
{
    /** The fields each activation kind has in {@code model.json}, {@code name}, {@code kind}, {@code size} and
     * {@code result_t} included. */
    static final Map<String, Set<String>> KEYS = Map.ofEntries(
        Map.entry("relu_max", keys("max_int")),
        Map.entry("leaky_relu", keys("alpha", "alpha_t")),
        Map.entry("thresholded_relu", keys("theta", "theta_t")),
        Map.entry("prelu", keys("alpha", "alpha_t")),
        Map.entry("elu", keys("alpha", "alpha_t", "table_t", "table_size")),
        Map.entry("selu", keys("table_t", "table_size", "generation")),
        Map.entry("sigmoid", keys("table_t", "table_size")),
        Map.entry("tanh", keys("table_t", "table_size")),
        Map.entry("softplus", keys("table_t", "table_size")),
        Map.entry("softsign", keys("table_t", "table_size")),
        Map.entry("binary_tanh", keys("generation")),
        Map.entry("unary_lut", keys("table", "table_t", "table_size")),
        Map.entry("ternary_tanh", keys("generation")),
        Map.entry("hard_sigmoid", keys("generation", "slope", "slope_t", "shift", "shift_t")),
        Map.entry("hard_tanh", keys("generation", "slope", "slope_t", "shift", "shift_t")),
        Map.entry("softmax", keys("implementation", "generation", "exp_table_size", "inv_table_size", "exp_table_t",
            "inv_table_t", "accum_t", "inv_inp_t", "inp_norm_t", "exp_scale", "table_t", "n_outer", "n_inner")));

    private ActivationFields()
    {
    }

    private static Set<String> keys(final String... extra)
    {
        final java.util.HashSet<String> set = new java.util.HashSet<>(Set.of("name", "kind", "size", "result_t"));
        set.addAll(Set.of(extra));
        return Set.copyOf(set);
    }

    /** Put the fields of {@code layer} (an activation without a weight file) into {@code node}. */
    static void write(final Layer layer, final ObjectNode node)
    {
        if (layer instanceof ReluMaxLayer r)
        {
            node.put("max_int", r.maxInt());
        }
        else if (layer instanceof ParametrizedReluLayer r)
        {
            node.put(r.function().parameter(), r.parameter());
            node.put(r.function().parameter() + "_t", r.parameterType().toString());
        }
        else if (layer instanceof EluLayer e)
        {
            node.put("alpha", e.alpha());
            node.put("alpha_t", e.alphaType().toString());
            writeTable(e.table(), node);
        }
        else if (layer instanceof SeluLayer s)
        {
            writeTable(s.table(), node);
            node.put("generation", s.generation().name());
        }
        else if (layer instanceof LookupActivationLayer l)
        {
            writeTable(l.table(), node);
        }
        else if (layer instanceof SignActivationLayer s)
        {
            node.put("generation", s.generation().name());
        }
        else if (layer instanceof HardActivationLayer h)
        {
            node.put("generation", h.generation().name());
            node.put("slope", h.slope());
            node.put("slope_t", h.slopeType().toString());
            node.put("shift", h.shift());
            node.put("shift_t", h.shiftType().toString());
        }
        else if (layer instanceof SoftmaxLayer s)
        {
            node.put("implementation", s.implementation().name().toLowerCase());
            node.put("generation", s.generation().name());
            node.put("exp_table_size", s.expTable().size());
            node.put("inv_table_size", s.invTable().size());
            node.put("exp_table_t", s.expTable().type().toString());
            node.put("inv_table_t", s.invTable().type().toString());
            node.put("accum_t", s.accumType().toString());
            node.put("inv_inp_t", s.invInputType().toString());
            if (s.normType() != null)
            {
                node.put("inp_norm_t", s.normType().toString());
            }
            node.put("exp_scale", (double)s.expScale());
            node.put("table_t", s.tableType().toString());
            node.put("n_outer", s.nOuter());
            node.put("n_inner", s.nInner());
        }
    }

    /** The single table of elu, selu and the lookup activations, as its config declares it. */
    private static void writeTable(final ActivationTable table, final ObjectNode node)
    {
        node.put("table_t", table.type().toString());
        node.put("table_size", table.size());
    }
}
