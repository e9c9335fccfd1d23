package io.l1infer.fpga.hls4ml;

import java.util.List;

/**
 * One layer call of the top function as written, e.g.
 * {@code nnet::dense<input_t, layer2_t, config2>(input_1, layer2_out, w2, b2); // fc1}: the qualified function
 * name, template arguments, call arguments and the trailing comment (hls4ml's layer name), empty when absent.
 */
public record Hls4mlCall(
    String function,
    List<String> templateArguments,
    List<String> arguments,
    String comment,
    SourceLocation location)
{
    public Hls4mlCall
    {
        templateArguments = List.copyOf(templateArguments);
        arguments = List.copyOf(arguments);
    }

    /** The function name without its namespace: {@code dense} for {@code nnet::dense}. */
    public String simpleName()
    {
        final int colon = function.lastIndexOf("::");
        return colon < 0 ? function : function.substring(colon + 2);
    }
}
