package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a model as the hls4ml project its Vivado writer would produce (the inverse of {@link Hls4mlImporter}, for
 * tests), in the style of one template release, plus {@code l1infer_run.h} and a test main {@code l1infer_test.cpp}
 * that read raw (or float) inputs and print raw outputs.
 */
final class Hls4mlProjectWriter
{
    /** The template release whose layout and config structs are written. */
    enum Style
    {
        V1_3_0("hls4ml-v1.3.0"),
        V0_8_1("hls4ml-v0.8.1");

        private final String reference;

        Style(final String reference)
        {
            this.reference = reference;
        }

        /** The folder under {@code ../shared/reference} with that release's nnet_utils and ap_types. */
        String reference()
        {
            return reference;
        }
    }

    /** How weight values are written: as hls4ml writes unquantized floats, they need not sit on the type's grid. */
    enum Values
    {
        /** The exact decimal of each raw value. */
        EXACT,
        /** Exact plus up to one ulp either way, printed with 12 decimals like hls4ml's %.12f. */
        PERTURBED,
        /** Exact plus exactly half an ulp: the rounding ties of AP_RND and AP_RND_CONV. */
        TIES
    }

    private final ModelBundle model;
    private final Style style;
    private final Values values;
    private final boolean textWeights;
    private final SplittableRandom random;
    /** Draws the compressed form apart from {@code random}, so the projects of the other seeds stay as they were. */
    private final SplittableRandom compressedChoice;
    /** One dense layer in this many (that can be imported exactly) is written as dense_compressed; 0: none. */
    private int compressedEvery;
    /** Draws weight_binary or weight_ternary for ternary weights, apart from {@code random}. */
    private final SplittableRandom productChoice;
    /** When set, ternary weights are written with this product where the import can be exact. */
    private String forcedProduct;
    /** The input type of the layer being written. */
    private FixedPointType dataType;
    private final Map<String, String> typedefs = new LinkedHashMap<>();
    private final Map<String, Integer> defines = new LinkedHashMap<>();
    private final List<String> configs = new ArrayList<>();
    private final List<String> weightIncludes = new ArrayList<>();
    private final List<String> loads = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private Path firmware;

    private Hls4mlProjectWriter(
        final ModelBundle model, final Style style, final Values values, final boolean textWeights, final long seed)
    {
        this.model = model;
        this.style = style;
        this.values = values;
        this.textWeights = textWeights;
        this.random = new SplittableRandom(seed);
        this.compressedChoice = new SplittableRandom(seed ^ 0x636f6d7072657373L);
        this.productChoice = new SplittableRandom(seed ^ 0x70726f64756374L);
    }

    /**
     * Write {@code model} as project {@code myproject} under {@code dir}; {@code textWeights} false writes the
     * weights only as initialised arrays in {@code weights/*.h}, as hls4ml does without WriteWeightsTxt.
     */
    static void write(
        final ModelBundle model,
        final Path dir,
        final Style style,
        final Values values,
        final boolean textWeights,
        final long seed)
    {
        new Hls4mlProjectWriter(model, style, values, textWeights, seed).write(dir);
    }

    /**
     * As {@link #write}, with one in {@code compressedEvery} dense layers that can be imported exactly written as
     * {@code nnet::dense_compressed} (1: all of them, 0: none), and, when {@code product} is not null, ternary
     * weights written with that product (weight_binary, weight_ternary) instead of a random one.
     */
    static void writeWith(
        final ModelBundle model,
        final Path dir,
        final Style style,
        final Values values,
        final boolean textWeights,
        final long seed,
        final int compressedEvery,
        final String product)
    {
        final Hls4mlProjectWriter w = new Hls4mlProjectWriter(model, style, values, textWeights, seed);
        w.compressedEvery = compressedEvery;
        w.forcedProduct = product;
        w.write(dir);
    }

    private void write(final Path dir)
    {
        try
        {
            firmware = dir.resolve("firmware");
            Files.createDirectories(firmware.resolve("weights"));
            final String input = style == Style.V1_3_0 ? "input_1" : "fc1_input";
            defines.put("N_INPUT_1_1", model.input().size());
            typedefs.put("model_default_t", "ap_fixed<16,6>");
            typedefs.put("input_t", cpp(model.input().type()));
            String current = input;
            String currentType = "input_t";
            String currentSize = "N_INPUT_1_1";
            final int last = model.layers().size() - 1;
            String output = null;
            for (int i = 0; i <= last; i++)
            {
                final Layer layer = model.layers().get(i);
                dataType = i == 0 ? model.input().type() : model.layers().get(i - 1).resultType();
                final int index = i + 2;
                final String outType = i == last ? "result_t" : "layer" + index + "_t";
                typedefs.put(outType, cpp(layer.resultType()));
                String outSize = currentSize;
                if (layer instanceof DenseLayer)
                {
                    outSize = "N_LAYER_" + index;
                    defines.put(outSize, layer.outputSize());
                }
                final String out = "layer" + index + "_out";
                if (i != last)
                {
                    body.append("    ").append(outType).append(' ').append(out).append('[').append(outSize)
                        .append("];\n    #pragma HLS ARRAY_PARTITION variable=").append(out)
                        .append(" complete dim=0\n\n");
                }
                body.append("    ").append(call(layer, index, current, currentType, out, outType, currentSize))
                    .append(" // ").append(identifier(layer.name())).append("\n\n");
                current = out;
                currentType = outType;
                currentSize = outSize;
                output = out;
            }
            writeDefines();
            writeParameters();
            writeTop(input, output, currentSize);
            writeRunner(output, currentSize);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private String call(
        final Layer layer,
        final int index,
        final String in,
        final String inType,
        final String out,
        final String outType,
        final String inSize) throws IOException
    {
        final String targs = "<" + inType + ", " + outType + ", ";
        if (layer instanceof DenseLayer d)
        {
            typedefs.put("weight" + index + "_t", cpp(d.weightType()));
            typedefs.put("bias" + index + "_t", cpp(d.biasType()));
            typedefs.put("layer" + index + "_index", "ap_uint<1>");
            final String accum = accumTypedef(index, d.accumType());
            final boolean resource = d.accumType().overflow() == io.l1infer.fpga.fixedpoint.Overflow.AP_WRAP &&
                random.nextInt(4) == 0;
            if ((compressedEvery == 1 || compressedEvery > 1 && !resource &&
                compressedChoice.nextInt(compressedEvery) == 0) && Hls4mlCompressedWriter.applies(d))
            {
                return new Hls4mlCompressedWriter(this, compressedChoice).call(d, index, targs, in, out, accum);
            }
            // The resource strategy's weights are written transposed, as hls4ml's ApplyResourceStrategy does.
            final long[] stored = new long[d.weights().length];
            for (int i = 0; i < d.inputSize(); i++)
            {
                for (int j = 0; j < d.outputSize(); j++)
                {
                    stored[resource ? j * d.inputSize() + i : i * d.outputSize() + j] = d.weight(i, j);
                }
            }
            final String product = productFor(d);
            if (product.equals("weight_binary"))
            {
                // hls4ml's binary weights are ap_uint<1>: 0 stands for -1.
                typedefs.put("weight" + index + "_t", "ap_uint<1>");
                final long[] bits = new long[stored.length];
                for (int i = 0; i < bits.length; i++)
                {
                    bits[i] = stored[i] > 0 ? 1 : 0;
                }
                weights("w" + index, "weight" + index + "_t", bits, FixedPointType.apInt(false, 1));
            }
            else
            {
                weights("w" + index, "weight" + index + "_t", stored, d.weightType());
            }
            weights("b" + index, "bias" + index + "_t", d.biases(), d.biasType());
            int zeros = 0;
            for (final long w : d.weights())
            {
                zeros += w == 0 ? 1 : 0;
            }
            final StringBuilder c = new StringBuilder();
            c.append("struct config").append(index).append(" : nnet::dense_config {\n")
                .append("    static const unsigned n_in = ").append(d.inputSize()).append(";\n")
                .append("    static const unsigned n_out = ").append(d.outputSize()).append(";\n")
                .append("    static const unsigned io_type = nnet::io_parallel;\n")
                .append("    static const unsigned strategy = nnet::").append(resource ? "resource" : "latency")
                .append(";\n")
                .append("    static const unsigned reuse_factor = 1;\n")
                .append("    static const unsigned n_zeros = ").append(zeros).append(";\n")
                .append("    static const unsigned n_nonzeros = ").append(d.weights().length - zeros).append(";\n")
                .append("    static const unsigned multiplier_limit = DIV_ROUNDUP(n_in * n_out, reuse_factor) - " +
                    "n_zeros / reuse_factor;\n")
                .append("    static const bool store_weights_in_bram = false;\n")
                .append("    typedef ").append(accum).append(" accum_t;\n")
                .append("    typedef bias").append(index).append("_t bias_t;\n")
                .append("    typedef weight").append(index).append("_t weight_t;\n")
                .append("    typedef layer").append(index).append("_index index_t;\n");
            if (style == Style.V1_3_0)
            {
                c.append("    template<class data_T, class res_T, class CONFIG_T>\n    using kernel = nnet::")
                    .append(resource ? "DenseResource_rf_leq_nin" : "DenseLatency")
                    .append("<data_T, res_T, CONFIG_T>;\n");
            }
            c.append("    template<class x_T, class y_T>\n    using product = nnet::product::").append(product)
                .append("<x_T, y_T>;\n};\n");
            configs.add(c.toString());
            return "nnet::dense" + targs + "config" + index + ">(" + in + ", " + out + ", w" + index + ", b" +
                index + ");";
        }
        if (layer instanceof BatchNormLayer b)
        {
            typedefs.put("scale" + index + "_t", cpp(b.scaleType()));
            typedefs.put("bias" + index + "_t", cpp(b.biasType()));
            weights("s" + index, "scale" + index + "_t", b.scales(), b.scaleType());
            weights("b" + index, "bias" + index + "_t", b.biases(), b.biasType());
            configs.add("struct config" + index + " : nnet::batchnorm_config {\n" +
                "    static const unsigned n_in = " + inSize + ";\n" +
                "    static const unsigned n_filt = -1;\n" +
                "    static const unsigned n_scale_bias = (n_filt == -1) ? n_in : n_filt;\n" +
                "    static const unsigned io_type = nnet::io_parallel;\n" +
                "    static const unsigned reuse_factor = 1;\n" +
                "    static const unsigned multiplier_limit = DIV_ROUNDUP(n_in, reuse_factor);\n" +
                "    static const bool store_weights_in_bram = false;\n" +
                "    typedef bias" + index + "_t bias_t;\n" +
                "    typedef scale" + index + "_t scale_t;\n" +
                "    template<class x_T, class y_T>\n    using product = nnet::product::mult<x_T, y_T>;\n};\n");
            return "nnet::normalize" + targs + "config" + index + ">(" + in + ", " + out + ", s" + index + ", b" +
                index + ");";
        }
        if (layer instanceof ReluLayer || layer instanceof LinearLayer)
        {
            return activation(layer, layer.kind(), index, targs, in, out, null, "", "");
        }
        if (layer instanceof ElementwiseLayer)
        {
            return Hls4mlActivationWriter.call(this, layer, index, inType, outType, in, out);
        }
        throw new IllegalArgumentException("the test writer does not write " + layer.kind() + " layers yet");
    }

    /**
     * hls4ml's product for ternary weights (ap_int&lt;2&gt; of -1, 0, +1): weight_ternary, or weight_binary when no
     * weight is zero, at random (and mult otherwise), where the import can be exact.
     */
    private String productFor(final DenseLayer d)
    {
        boolean signs = d.weightType().equals(FixedPointType.apInt(true, 2));
        boolean zero = false;
        for (final long w : d.weights())
        {
            signs &= w >= -1 && w <= 1;
            zero |= w == 0;
        }
        final FixedPointType acc = d.accumType();
        final int negated = dataType.integerBits() + 1;
        if (!signs || acc.overflow() == io.l1infer.fpga.fixedpoint.Overflow.AP_SAT_SYM &&
            acc.integerBits() == negated + 1 || acc.isInteger() && negated <= 0 ||
            dataType.equals(FixedPointType.apInt(false, 1)))
        {
            return "mult";
        }
        if (forcedProduct != null)
        {
            return forcedProduct.equals("weight_binary") && zero ? "weight_ternary" : forcedProduct;
        }
        final int draw = productChoice.nextInt(3);
        return draw == 0 ? "mult" : draw == 1 || zero ? "weight_ternary" : "weight_binary";
    }

    /** An activ_config struct and the call; {@code table} null for the default table, {@code extra} added members. */
    String activation(
        final Layer layer,
        final String function,
        final int index,
        final String targs,
        final String in,
        final String out,
        final FixedPointType table,
        final String tableSize,
        final String callArgument)
    {
        final String config = function + "_config" + index;
        typedefs.put("layer" + index + "_table_t", table == null ? "ap_fixed<18,8>" : cpp(table));
        configs.add("struct " + config + " : nnet::activ_config {\n" +
            "    static const unsigned n_in = " + layer.inputSize() + ";\n" +
            "    static const unsigned table_size = " + (tableSize.isEmpty() ? "1024" : tableSize) + ";\n" +
            "    static const unsigned io_type = nnet::io_parallel;\n" +
            "    static const unsigned reuse_factor = 1;\n" +
            "    typedef layer" + index + "_table_t table_t;\n};\n");
        return "nnet::" + function + targs + config + ">(" + in + ", " + callArgument + out + ");";
    }

    /** Add a typedef to defines.h as it is written: {@code typedef TEXT NAME;}. */
    void typedefText(final String name, final String text)
    {
        typedefs.put(name, text);
    }

    /** A type as the writer spells it, at random one of hls4ml's spellings. */
    String spelling(final FixedPointType t)
    {
        return cpp(t);
    }

    /** The decimal of a raw value as the weights are written (exact, perturbed or a tie). */
    String weightDecimal(final long raw, final FixedPointType t)
    {
        return decimal(raw, t);
    }

    /** Write a weight array of already formatted entries: {@code NAME.txt}, {@code NAME.h} and its load call. */
    void entries(final String name, final String type, final List<String> list, final String loader)
    {
        final String joined = String.join(", ", list);
        final StringBuilder h = new StringBuilder();
        h.append("//Numpy array shape [").append(list.size()).append("]\n//Min 0.000000000000\n")
            .append("//Max 0.000000000000\n//Number of zeros 0\n\n")
            .append("#ifndef ").append(name.toUpperCase()).append("_H_\n#define ").append(name.toUpperCase())
            .append("_H_\n\n");
        if (textWeights)
        {
            h.append("#ifndef __SYNTHESIS__\n").append(type).append(' ').append(name).append('[').append(list.size())
                .append("];\n#else\n");
        }
        h.append(type).append(' ').append(name).append('[').append(list.size()).append("] = {").append(joined)
            .append("};\n");
        try
        {
            if (textWeights)
            {
                h.append("#endif\n");
                Files.writeString(firmware.resolve("weights/" + name + ".txt"), joined, StandardCharsets.US_ASCII);
                loads.add("        nnet::" + loader + "<" + type + ", " + list.size() + ">(" + name + ", \"" + name +
                    ".txt\");\n");
            }
            h.append("\n#endif\n");
            Files.writeString(firmware.resolve("weights/" + name + ".h"), h.toString(), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        weightIncludes.add("#include \"weights/" + name + ".h\"\n");
    }

    /** Add a typedef to defines.h, spelled at random as the writer spells types. */
    void typedef(final String name, final FixedPointType type)
    {
        typedefs.put(name, cpp(type));
    }

    void config(final String text)
    {
        configs.add(text);
    }

    Style style()
    {
        return style;
    }

    /** Write a weight array (as dense weights are written) for prelu's alphas. */
    void array(final String name, final String type, final long[] raw, final FixedPointType t)
    {
        try
        {
            weights(name, type, raw, t);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The accumulator as hls4ml releases spell it: a typedef of its own, directly, or a typedef of a typedef. */
    private String accumTypedef(final int index, final FixedPointType accum)
    {
        switch (random.nextInt(3))
        {
            case 0:
                return cpp(accum);
            case 1:
                typedefs.put("layer" + index + "_accum_t", cpp(accum));
                return "layer" + index + "_accum_t";
            default:
                typedefs.put("layer" + index + "_accum_base_t", cpp(accum));
                typedefs.put("layer" + index + "_accum_t", "layer" + index + "_accum_base_t");
                return "layer" + index + "_accum_t";
        }
    }

    private String cpp(final FixedPointType t)
    {
        return random.nextBoolean() ? t.toString() : t.toCppString().replace(",", ", ");
    }

    private void weights(final String name, final String type, final long[] raw, final FixedPointType t)
        throws IOException
    {
        final List<String> list = new ArrayList<>();
        for (final long r : raw)
        {
            list.add(decimal(r, t));
        }
        entries(name, type, list, "load_weights_from_txt");
    }

    private String decimal(final long raw, final FixedPointType t)
    {
        final int f = t.fractionBits();
        final BigDecimal ulp = f >= 0 ? BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(f))) :
            new BigDecimal(BigInteger.ONE.shiftLeft(-f));
        final BigDecimal exact = new BigDecimal(t.rawValue(raw)).multiply(ulp);
        if (t.isInteger())
        {
            // ap_int's istream operator parses an integer string, so integer weights are written as integers.
            return exact.toPlainString();
        }
        switch (values)
        {
            case TIES:
                return exact.add(ulp.divide(BigDecimal.valueOf(2))).toPlainString();
            case PERTURBED:
                final double v = exact.doubleValue() + (random.nextDouble() * 2 - 1) * ulp.doubleValue();
                return String.format(Locale.ROOT, "%.12f", v);
            default:
                return exact.toPlainString();
        }
    }

    private void writeDefines() throws IOException
    {
        final StringBuilder s = new StringBuilder("#ifndef DEFINES_H_\n#define DEFINES_H_\n\n" +
            "#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n#include \"nnet_utils/nnet_types.h\"\n" +
            (style == Style.V1_3_0 ? "#include <array>\n" : "") + "#include <cstddef>\n#include <cstdio>\n" +
            (style == Style.V1_3_0 ? "#include <tuple>\n" : "") + "\n// hls-fpga-machine-learning insert numbers\n");
        defines.forEach((k, v) -> s.append("#define ").append(k).append(' ').append(v).append('\n'));
        s.append("\n// hls-fpga-machine-learning insert layer-precision\n");
        typedefs.forEach((k, v) -> s.append("typedef ").append(v).append(' ').append(k).append(";\n"));
        s.append("\n#endif\n");
        Files.writeString(firmware.resolve("defines.h"), s.toString(), StandardCharsets.US_ASCII);
    }

    private void writeParameters() throws IOException
    {
        final StringBuilder s = new StringBuilder("#ifndef PARAMETERS_H_\n#define PARAMETERS_H_\n\n" +
            "#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n\n#include \"nnet_utils/nnet_code_gen.h\"\n" +
            "#include \"nnet_utils/nnet_helpers.h\"\n// hls-fpga-machine-learning insert includes\n" +
            "#include \"nnet_utils/nnet_activation.h\"\n#include \"nnet_utils/nnet_activation_stream.h\"\n" +
            "#include \"nnet_utils/nnet_batchnorm.h\"\n#include \"nnet_utils/nnet_batchnorm_stream.h\"\n" +
            "#include \"nnet_utils/nnet_dense.h\"\n#include \"nnet_utils/nnet_dense_compressed.h\"\n" +
            "#include \"nnet_utils/nnet_dense_stream.h\"\n\n// hls-fpga-machine-learning insert weights\n");
        weightIncludes.forEach(s::append);
        s.append("\n// hls-fpga-machine-learning insert layer-config\n");
        configs.forEach(c -> s.append(c).append('\n'));
        s.append("\n#endif\n");
        Files.writeString(firmware.resolve("parameters.h"), s.toString(), StandardCharsets.US_ASCII);
    }

    private void writeTop(final String input, final String output, final String outSize) throws IOException
    {
        final String signature = "void myproject(\n    input_t " + input + "[N_INPUT_1_1],\n    result_t " + output +
            "[" + outSize + "]\n)";
        Files.writeString(firmware.resolve("myproject.h"), "#ifndef MYPROJECT_H_\n#define MYPROJECT_H_\n\n" +
            "#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n#include \"hls_stream.h\"\n\n#include \"defines.h\"\n\n" +
            "// Prototype of top level function for C-synthesis\n" + signature + ";\n\n#endif\n",
            StandardCharsets.US_ASCII);
        final StringBuilder s = new StringBuilder("#include <iostream>\n\n#include \"myproject.h\"\n" +
            "#include \"parameters.h\"\n\n" + signature + " {\n\n    // hls-fpga-machine-learning insert IO\n" +
            "    #pragma HLS ARRAY_RESHAPE variable=" + input + " complete dim=0\n" +
            "    #pragma HLS ARRAY_PARTITION variable=" + output + " complete dim=0\n" +
            "    #pragma HLS INTERFACE ap_vld port=" + input + "," + output + " \n    #pragma HLS PIPELINE \n\n");
        if (!loads.isEmpty())
        {
            s.append("#ifndef __SYNTHESIS__\n    static bool loaded_weights = false;\n    if (!loaded_weights) {\n" +
                "        // hls-fpga-machine-learning insert load weights\n");
            loads.forEach(s::append);
            s.append("        loaded_weights = true;").append(style == Style.V1_3_0 ? "    }\n" : "\n    }\n")
                .append("#endif\n");
        }
        s.append("\n    // ****************************************\n    // NETWORK INSTANTIATION\n" +
            "    // ****************************************\n\n    // hls-fpga-machine-learning insert layers\n\n")
            .append(body).append("}\n");
        Files.writeString(firmware.resolve("myproject.cpp"), s.toString(), StandardCharsets.US_ASCII);
    }

    /** {@code l1infer_run(in, out, float)}: one event per line, raw integers (or floats) in, raw integers out. */
    private void writeRunner(final String output, final String outSize) throws IOException
    {
        final FixedPointType in = model.input().type();
        final FixedPointType out = model.output().type();
        final String inRaw = (in.isSigned() ? "ap_int<" : "ap_uint<") + in.width() + ">";
        final String outRaw = (out.isSigned() ? "ap_int<" : "ap_uint<") + out.width() + ">";
        final String run = "static int l1infer_run(FILE *in, FILE *out, bool floats) {\n" +
            "    input_t x[N_INPUT_1_1];\n    result_t y[" + outSize + "];\n" +
            "    for (;;) {\n" +
            "        for (int i = 0; i < N_INPUT_1_1; i++) {\n" +
            "            if (floats) {\n                double d;\n" +
            "                if (fscanf(in, \" %lf ,\", &d) != 1) return i == 0 ? 0 : 1;\n" +
            "                x[i] = d;\n            } else {\n                long long v;\n" +
            "                if (fscanf(in, \" %lld ,\", &v) != 1) return i == 0 ? 0 : 1;\n" +
            "                " + inRaw + " r = v;\n                x[i].range(" + (in.width() - 1) + ", 0) = r;\n" +
            "            }\n        }\n" +
            "        myproject(x, y);\n" +
            "        for (int j = 0; j < " + outSize + "; j++) {\n" +
            "            " + outRaw + " r;\n            r.range(" + (out.width() - 1) + ", 0) = y[j].range(" +
            (out.width() - 1) + ", 0);\n" +
            "            fprintf(out, j == 0 ? \"%lld\" : \" %lld\", (long long)r." +
            (out.isSigned() ? "to_int64()" : "to_uint64()") + ");\n" +
            "        }\n        fprintf(out, \"\\n\");\n    }\n}\n";
        Files.writeString(firmware.getParent().resolve("l1infer_run.h"), run, StandardCharsets.US_ASCII);
        Files.writeString(firmware.getParent().resolve("l1infer_test.cpp"),
            "#include <cstdio>\n#include <cstring>\n#include <map>\n#include <string>\n\n" +
            "#include \"firmware/myproject.h\"\n\n" +
            "namespace nnet {\nbool trace_enabled = false;\nstd::map<std::string, void *> *trace_outputs = NULL;\n" +
            "size_t trace_type_size = sizeof(double);\n}\n\n#include \"l1infer_run.h\"\n\n" +
            "// Reads events from standard input (raw integers, or floats with argument 'float'), prints raw " +
                "outputs.\n" +
            "int main(int argc, char **argv) {\n" +
            "    return l1infer_run(stdin, stdout, argc > 1 && std::strcmp(argv[1], \"float\") == 0);\n}\n",
            StandardCharsets.US_ASCII);
    }

    private static String identifier(final String name)
    {
        final String id = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(id.charAt(0)) ? "l_" + id : id;
    }
}
