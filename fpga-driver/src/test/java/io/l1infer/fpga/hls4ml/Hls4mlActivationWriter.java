package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.EluLayer;
import io.l1infer.fpga.model.HardActivationLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.PReluLayer;
import io.l1infer.fpga.model.ParametrizedReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SeluLayer;
import io.l1infer.fpga.model.SignActivationLayer;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.UnaryLutLayer;

/** The activation layers of {@link Hls4mlProjectWriter}: configs and calls as each template release writes them. */
final class Hls4mlActivationWriter
{
    private Hls4mlActivationWriter()
    {
    }

    static String call(
        final Hls4mlProjectWriter w,
        final Layer layer,
        final int index,
        final String inType,
        final String outType,
        final String in,
        final String out)
    {
        final boolean v1 = w.style() == Hls4mlProjectWriter.Style.V1_3_0;
        final String targs = "<" + inType + ", " + outType + ", ";
        final String param = "layer" + index + "_param_t";
        final String paramTargs = v1 ? "<" + inType + ", " + param + ", " + outType + ", " : targs;
        if (layer instanceof ReluMaxLayer r)
        {
            if (r.maxInt() == 6 || r.maxInt() == 1)
            {
                return w.activation(layer, "relu" + r.maxInt(), index, targs, in, out, null, "", "");
            }
            return w.activation(layer, "relu_max", index, targs + r.maxInt() + ", ", in, out, null, "", "");
        }
        if (layer instanceof UnaryLutLayer u)
        {
            // hls4ml 1.x's ProcessUnaryLUTCall: the table is a weight array, the config an activ_config.
            final String table = "table" + index + "_t";
            w.typedef(table, u.tableType());
            w.array("table" + index, table, u.table(), u.tableType());
            w.config("struct unary_lut_config" + index + " : nnet::activ_config {\n" +
                "    static const unsigned n_in = " + u.size() + ";\n" +
                "    static const unsigned table_size = " + u.table().length + ";\n" +
                "    static const unsigned io_type = nnet::io_parallel;\n" +
                "    static const unsigned reuse_factor = 1;\n" +
                "    typedef " + table + " table_t;\n};\n");
            return "nnet::unary_lut" + targs + "unary_lut_config" + index + ">(" + in + ", " + out + ", table" + index +
                ");";
        }
        if (layer instanceof SignActivationLayer s)
        {
            return w.activation(layer, s.kind(), index, targs, in, out, null, "", "");
        }
        if (layer instanceof ParametrizedReluLayer p)
        {
            parameter(w, v1, param, p.parameterType());
            return w.activation(layer, p.kind(), index, paramTargs, in, out, null, "", p.parameter() + ", ");
        }
        if (layer instanceof PReluLayer p)
        {
            parameter(w, v1, param, p.alphaType());
            w.array("a" + index, v1 ? param : inType, p.alphas(), p.alphaType());
            return w.activation(layer, "prelu", index, paramTargs, in, out, null, "", "a" + index + ", ");
        }
        if (layer instanceof EluLayer e)
        {
            final boolean twoArgs = e.alpha() == 1.0 && e.alphaType().equals(v1 ?
                FixedPointType.parse("ap_ufixed<1,1>") : e.resultType());
            if (twoArgs)
            {
                return w.activation(layer, "elu", index, targs, in, out, e.table().type(), "" + e.table().size(), "");
            }
            parameter(w, v1, param, e.alphaType());
            return w.activation(layer, "elu", index, paramTargs, in, out, e.table().type(), "" + e.table().size(),
                e.alpha() + ", ");
        }
        if (layer instanceof SeluLayer s)
        {
            return w.activation(layer, "selu", index, targs, in, out, s.table().type(), "" + s.table().size(), "");
        }
        if (layer instanceof LookupActivationLayer l)
        {
            return w.activation(layer, l.function().kind(), index, targs, in, out, l.table().type(),
                "" + l.table().size(), "");
        }
        if (layer instanceof HardActivationLayer h)
        {
            final String function = h.function().kind();
            final String config = function + "_config" + index;
            w.typedef("layer" + index + "_slope_t", h.slopeType());
            w.typedef("layer" + index + "_shift_t", h.shiftType());
            w.config("struct " + config + " {\n" +
                "    static const unsigned n_in = " + h.size() + ";\n" +
                "    static const layer" + index + "_slope_t slope;\n" +
                "    static const layer" + index + "_shift_t shift;\n" +
                "    static const unsigned io_type = nnet::io_parallel;\n" +
                "    static const unsigned reuse_factor = 1;\n};\n" +
                "const layer" + index + "_slope_t " + config + "::slope = " + h.slope() + ";\n" +
                "const layer" + index + "_shift_t " + config + "::shift = " + h.shift() + ";\n");
            return "nnet::" + function + targs + config + ">(" + in + ", " + out + ");";
        }
        if (layer instanceof SoftmaxLayer s)
        {
            return softmax(w, s, index, targs, in, out, v1);
        }
        throw new IllegalArgumentException("the test writer does not write " + layer.kind() + " layers");
    }

    private static void parameter(
        final Hls4mlProjectWriter w, final boolean v1, final String name, final FixedPointType type)
    {
        if (v1)
        {
            w.typedef(name, type);
        }
    }

    private static String softmax(
        final Hls4mlProjectWriter w,
        final SoftmaxLayer s,
        final int index,
        final String targs,
        final String in,
        final String out,
        final boolean v1)
    {
        final String config = "softmax_config" + index;
        final String p = "layer" + index + "_";
        w.typedef(p + "exp_table_t", s.expTable().type());
        w.typedef(p + "inv_table_t", s.invTable().type());
        w.typedef(p + "table_t", s.tableType());
        final StringBuilder c = new StringBuilder("struct " + config + " : nnet::activ_config {\n" +
            "    static const unsigned n_in = " + s.size() + ";\n");
        if (v1)
        {
            w.typedef(p + "accum_t", s.accumType());
            w.typedef(p + "inv_inp_t", s.invInputType());
            c.append("    static const unsigned n_slice = ").append(s.sliceSize()).append(";\n")
                .append("    static const unsigned n_outer = ").append(s.nOuter()).append(";\n")
                .append("    static const unsigned n_inner = ").append(s.nInner()).append(";\n")
                .append("    static const unsigned parallelization_factor = -1;\n")
                .append("    static const unsigned exp_table_size = ").append(s.expTable().size()).append(";\n")
                .append("    static const unsigned inv_table_size = ").append(s.invTable().size()).append(";\n");
        }
        else
        {
            c.append("    static const unsigned table_size = ").append(s.expTable().size()).append(";\n");
        }
        c.append("    static const unsigned io_type = nnet::io_parallel;\n")
            .append("    static const unsigned reuse_factor = 1;\n");
        if (v1)
        {
            c.append("    static const unsigned axis = -1;\n");
        }
        c.append("    static const nnet::softmax_implementation implementation = nnet::softmax_implementation::")
            .append(s.implementation().name().toLowerCase()).append(";\n");
        if (v1)
        {
            c.append("    static constexpr float exp_scale = ").append(s.expScale()).append(";\n");
        }
        c.append("    typedef ").append(p).append("exp_table_t exp_table_t;\n")
            .append("    typedef ").append(p).append("inv_table_t inv_table_t;\n")
            .append("    typedef ").append(p).append("table_t table_t;\n");
        if (v1)
        {
            c.append("    typedef ").append(p).append("accum_t accum_t;\n")
                .append("    typedef ").append(p).append("inv_inp_t inv_inp_t;\n")
                .append("    typedef ").append(s.normType() == null ? "ap_fixed<1,0>" : s.normType().toString())
                .append(" inp_norm_t;\n");
        }
        c.append("};\n");
        w.config(c.toString());
        final String function = s.nOuter() > 1 || s.nInner() > 1 ? "softmax_multidim" : "softmax";
        return "nnet::" + function + targs + config + ">(" + in + ", " + out + ");";
    }
}
