package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelLoadException;
import io.l1infer.fpga.model.ModelOutput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gives an {@link Hls4mlProject} its meaning as the C simulation computes it and builds the equivalent model, or
 * refuses it whole with the file, line, layer and what is supported; nothing is partly imported.
 */
public final class Hls4mlImporter
{
    /** The layer functions this importer maps, for messages. */
    public static final String SUPPORTED_LAYERS =
        "nnet::dense, dense_latency, dense_resource, dense_large, dense_compressed (Dense), " +
        "nnet::normalize (BatchNormalization), " +
        "and the activations linear, relu, relu6, relu1, relu_max, leaky_relu, thresholded_relu, prelu, elu, selu, " +
        "sigmoid, tanh, softplus, softsign, hard_sigmoid, hard_tanh, softmax (latency, stable, legacy, argmax), " +
        "softmax_multidim, binary_tanh, ternary_tanh, unary_lut (1.x)";

    private static final Set<String> DENSE = Set.of("dense", "dense_latency", "dense_resource", "dense_large",
        "dense_compressed");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][\\w.\\-]*");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+[uUlL]*");

    private final Hls4mlProject project;
    private final Hls4mlActivations activations;

    private Hls4mlImporter(final Hls4mlProject project)
    {
        this.project = project;
        this.activations = new Hls4mlActivations(this, TemplateGenerations.of(project.firmware()));
    }

    /** Parse and import the project at {@code dir} (the project root or its {@code firmware/} folder). */
    public static ModelBundle importProject(final Path dir)
    {
        return importProject(Hls4mlProjectParser.parse(dir));
    }

    /** Import an already parsed project. */
    public static ModelBundle importProject(final Hls4mlProject project)
    {
        return new Hls4mlImporter(project).build();
    }

    private ModelBundle build()
    {
        final String top = project.topFile();
        final List<Hls4mlCall> calls = project.calls();
        if (calls.isEmpty())
        {
            throw fail(new SourceLocation(top, 1), "", "the top function " + project.name() + " calls no layer");
        }
        final Set<String> written = new HashSet<>();
        for (final Hls4mlCall call : calls)
        {
            if (call.arguments().size() >= 2)
            {
                written.add(outputArgument(call));
            }
        }
        final List<Hls4mlArray> inputs = new ArrayList<>();
        final List<Hls4mlArray> outputs = new ArrayList<>();
        for (final Hls4mlArray p : project.parameters())
        {
            (written.contains(p.name()) ? outputs : inputs).add(p);
        }
        if (inputs.size() != 1 || outputs.size() != 1)
        {
            throw fail(project.parameters().isEmpty() ? new SourceLocation(top, 1) :
                project.parameters().get(0).location(), "", "the top function has " + inputs.size() +
                " input and " + outputs.size() + " output arrays (supported: exactly one of each; multiple inputs " +
                "or outputs need merge layers, which are not supported)");
        }
        final Hls4mlArray input = inputs.get(0);
        final Hls4mlArray output = outputs.get(0);
        final FixedPointType inputType = type(input.typeName(), input.location(), "input '" + input.name() + "'");
        final int inputSize = integer(input.size(), input.location(), "input '" + input.name() + "'");

        final List<Layer> layers = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        String current = input.name();
        String currentType = input.typeName();
        int currentSize = inputSize;
        for (final Hls4mlCall call : calls)
        {
            final String layerName = unique(layerName(call), names);
            final Layer layer = layer(call, layerName, current, currentType, currentSize);
            layers.add(layer);
            current = outputArgument(call);
            currentType = call.templateArguments().get(outputTypeIndex(call));
            currentSize = layer.outputSize();
        }
        if (!current.equals(output.name()))
        {
            throw fail(calls.get(calls.size() - 1).location(), layers.get(layers.size() - 1).name(),
                "the last layer writes '" + current + "', not the top function's output '" + output.name() + "'");
        }
        final int outputSize = integer(output.size(), output.location(), "output '" + output.name() + "'");
        final FixedPointType outputType = type(output.typeName(), output.location(), "output '" + output.name() + "'");
        if (outputSize != currentSize)
        {
            throw fail(output.location(), "", "output '" + output.name() + "' has " + outputSize +
                " elements but the last layer computes " + currentSize);
        }
        final String name = project.directory().getFileName() == null ? project.name() :
            project.directory().getFileName().toString();
        try
        {
            return ModelBundle.of(name, "imported from the hls4ml project " + project.directory() +
                " (top function " + project.name() + ")", new ModelInput(inputSize, inputType, List.of()),
                new ModelOutput(outputSize, outputType, List.of(), 1.0, ""), layers);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ModelLoadException("hls4ml project " + project.directory() + ": " + ex.getMessage(), ex);
        }
    }

    private Layer layer(
        final Hls4mlCall call, final String name, final String in, final String inType, final int inSize)
    {
        final SourceLocation at = call.location();
        final String function = call.simpleName();
        if (!call.function().startsWith("nnet::"))
        {
            throw fail(at, name, "'" + call.function() + "' is not an hls4ml nnet:: layer function: custom layers " +
                "are not supported (supported: " + SUPPORTED_LAYERS + ")");
        }
        if (!isSupported(function))
        {
            throw fail(at, name, "layer function " + call.function() + " is not supported (" + describe(function) +
                "; supported: " + SUPPORTED_LAYERS + ")");
        }
        final List<String> targs = call.templateArguments();
        final List<String> args = call.arguments();
        final boolean weighted = DENSE.contains(function) || function.equals("normalize");
        final int expectedTargs = function.equals("relu_max") ||
            Hls4mlActivations.hasParameter(function) && targs.size() == 4 ? 4 : 3;
        final boolean argsOk = weighted ? args.size() == 4 :
            function.equals("elu") ? args.size() == 2 || args.size() == 3 : function.equals("unary_lut") ?
            args.size() == 3 :
            Hls4mlActivations.hasParameter(function) ? args.size() == 3 : args.size() == 2;
        if (targs.size() != expectedTargs || !argsOk)
        {
            throw fail(at, name, call.function() + " with " + targs.size() + " template and " + args.size() +
                " call arguments is not a form hls4ml writes (expected " + (weighted ?
                "<input_t, output_t, config>(input, output, weights, biases)" : function.equals("relu_max") ?
                "<input_t, output_t, MAX_INT, config>(input, output)" : function.equals("unary_lut") ?
                "<input_t, output_t, config>(input, output, table)" : Hls4mlActivations.hasParameter(function) ?
                "<input_t, [param_t,] output_t, config>(input, parameter, output)" :
                "<input_t, output_t, config>(input, output)") + ")");
        }
        if (!args.get(0).equals(in))
        {
            throw fail(at, name, "reads '" + args.get(0) + "' but the previous layer wrote '" + in + "': only a " +
                "chain of layers is supported (no branches, skip connections, merge or concatenate)");
        }
        checkSame(inType, targs.get(0), at, name, "input type");
        final String outName = outputArgument(call);
        final Hls4mlArray out = project.locals().get(outName);
        final Hls4mlArray param = project.parameters().stream().filter(p -> p.name().equals(outName))
            .findFirst().orElse(null);
        final Hls4mlArray outArray = out != null ? out : param;
        if (outArray == null)
        {
            throw fail(at, name, "writes '" + outName + "', which is not declared in the top function");
        }
        final String resultName = targs.get(outputTypeIndex(call));
        checkSame(outArray.typeName(), resultName, at, name, "output array '" + outArray.name() + "' type");
        final FixedPointType resultType = type(resultName, at, name);
        final int outSize = integer(outArray.size(), outArray.location(), name);
        final Hls4mlConfig config = config(targs.get(targs.size() - 1), at, name);
        checkIoParallel(config, name);
        if (DENSE.contains(function))
        {
            return dense(call, name, config, inSize, outSize, type(inType, at, name), resultType);
        }
        final int n = constant(config, "n_in", name, inSize);
        if (n != inSize || outSize != inSize)
        {
            throw fail(at, name, config.name() + " n_in " + n + ", input " + inSize + " and output " + outSize +
                " elements disagree");
        }
        if (function.equals("normalize"))
        {
            return batchnorm(call, name, config, inSize, resultType);
        }
        try
        {
            final FixedPointType data = type(inType, at, name);
            return activations.checked(call, name, activations.layer(call, name, config, inSize, data, resultType),
                data);
        }
        catch (final IllegalArgumentException ex)
        {
            throw fail(config.location(), name, ex.getMessage());
        }
    }

    private static boolean isSupported(final String function)
    {
        return DENSE.contains(function) || function.equals("normalize") ||
            Hls4mlActivations.FUNCTIONS.contains(function);
    }

    /** The array a call writes: the second argument of dense and normalize, the last of an activation. */
    private static String outputArgument(final Hls4mlCall call)
    {
        final String f = call.simpleName();
        final List<String> args = call.arguments();
        return DENSE.contains(f) || f.equals("normalize") || f.equals("unary_lut") ? args.get(1) :
            args.get(args.size() - 1);
    }

    private static int outputTypeIndex(final Hls4mlCall call)
    {
        final List<String> targs = call.templateArguments();
        return call.simpleName().equals("relu_max") ? 1 : targs.size() - 2;
    }

    private static String describe(final String function)
    {
        final String f = function.toLowerCase();
        if (f.contains("conv"))
        {
            return "convolution";
        }
        if (f.contains("pool"))
        {
            return "pooling";
        }
        if (f.contains("lstm") || f.contains("gru") || f.contains("simple_rnn") || f.contains("recurrent"))
        {
            return "recurrent";
        }
        if (f.contains("concat") || Set.of("add", "subtract", "multiply", "average", "maximum", "minimum", "dot1d",
            "merge").contains(f))
        {
            return "merge";
        }
        return "not an io_parallel MLP layer this importer maps";
    }

    private DenseLayer dense(
        final Hls4mlCall call,
        final String name,
        final Hls4mlConfig config,
        final int inSize,
        final int outSize,
        final FixedPointType dataType,
        final FixedPointType resultType)
    {
        final int nIn = constant(config, "n_in", name, -1);
        final int nOut = constant(config, "n_out", name, -1);
        if (nIn != inSize || nOut != outSize)
        {
            throw fail(config.location(), name, config.name() + " declares n_in " + nIn + ", n_out " + nOut +
                " but the layer reads " + inSize + " and writes " + outSize + " elements");
        }
        if (call.simpleName().equals("dense_compressed"))
        {
            return new Hls4mlCompressedDense(this, project).layer(call, name, config, nIn, nOut, resultType);
        }
        Hls4mlCompressedDense.refuseStructWeights(this, project, config, name);
        final FixedPointType accum = typeField(config, "accum_t", name);
        final FixedPointType weightType = typeField(config, "weight_t", name);
        final Hls4mlProducts.Kind product = Hls4mlProducts.dense(this,
            TemplateGenerations.of(project.firmware()).generation(), config, name, dataType, weightType, accum);
        final FixedPointType biasType = typeField(config, "bias_t", name);
        final boolean resource = isResource(call, config, name);
        if (resource && accum.overflow() != Overflow.AP_WRAP)
        {
            throw fail(config.location(), name, "the resource strategy sums the products in another order than " +
                "dense_latency, which matters for the " + accum.overflow() + " accumulator " + accum +
                " (supported with the resource strategy: AP_WRAP accumulators, where the order cannot matter)");
        }
        final long[] stored = weights(call.arguments().get(2), weightType, (long)nIn * nOut, config, name,
            "n_in*n_out");
        // hls4ml transposes the weights of the resource strategy (ApplyResourceStrategy): the file holds w[j][i].
        final long[] weights = resource ? transpose(stored, nOut, nIn) : stored;
        final long[] biases = weights(call.arguments().get(3), biasType, nOut, config, name, "n_out");
        if (product != Hls4mlProducts.Kind.MULT)
        {
            return new DenseLayer(name, nIn, nOut, Hls4mlProducts.SIGN, Hls4mlProducts.signs(product, weights,
                weightType), biasType, biases, accum, resultType);
        }
        return new DenseLayer(name, nIn, nOut, weightType, weights, biasType, biases, accum, resultType);
    }

    /** {@code rows x columns} row-major to {@code columns x rows} row-major. */
    private static long[] transpose(final long[] values, final int rows, final int columns)
    {
        final long[] t = new long[values.length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                t[c * rows + r] = values[r * columns + c];
            }
        }
        return t;
    }

    private boolean isResource(final Hls4mlCall call, final Hls4mlConfig config, final String name)
    {
        final String function = call.simpleName();
        if (!function.equals("dense"))
        {
            return !function.equals("dense_latency");
        }
        final Hls4mlConfigField kernel = config.field("kernel");
        if (kernel != null)
        {
            if (kernel.value().startsWith("nnet::DenseLatency<"))
            {
                return false;
            }
            if (kernel.value().startsWith("nnet::DenseResource_"))
            {
                return true;
            }
            throw fail(kernel.location(), name, "dense kernel '" + kernel.value() + "' is not supported " +
                "(supported: nnet::DenseLatency, nnet::DenseResource_rf_leq_nin, nnet::DenseResource_rf_gt_nin_rem0)");
        }
        final Hls4mlConfigField strategy = config.field("strategy");
        if (strategy == null)
        {
            return false;
        }
        switch (strategy.value())
        {
            case "nnet::latency":
                return false;
            case "nnet::resource":
                return true;
            default:
                throw fail(strategy.location(), name, "strategy '" + strategy.value() + "' is not supported " +
                    "(supported: nnet::latency, nnet::resource)");
        }
    }

    private BatchNormLayer batchnorm(
        final Hls4mlCall call,
        final String name,
        final Hls4mlConfig config,
        final int size,
        final FixedPointType resultType)
    {
        final Hls4mlConfigField filt = config.field("n_filt");
        if (filt != null)
        {
            final long n = integer(filt.value(), filt.location(), name);
            if (n != -1 && n != size)
            {
                throw fail(filt.location(), name, "n_filt " + n + ": per-filter batch normalisation of a " +
                    "convolution output is not supported (supported: n_filt = -1, one scale per input)");
            }
        }
        checkProduct(config, name);
        final FixedPointType scaleType = typeField(config, "scale_t", name);
        final FixedPointType biasType = typeField(config, "bias_t", name);
        final long[] scales = weights(call.arguments().get(2), scaleType, size, config, name, "n_in");
        final long[] biases = weights(call.arguments().get(3), biasType, size, config, name, "n_in");
        return new BatchNormLayer(name, size, scaleType, scales, biasType, biases, resultType);
    }

    private void checkProduct(final Hls4mlConfig config, final String name)
    {
        final Hls4mlConfigField product = config.field("product");
        if (product != null && !product.value().startsWith("nnet::product::mult<"))
        {
            throw fail(product.location(), name, "product '" + product.value() + "' is not supported " +
                "(supported: nnet::product::mult, the plain product)");
        }
    }

    private void checkIoParallel(final Hls4mlConfig config, final String name)
    {
        final Hls4mlConfigField io = config.field("io_type");
        if (io != null && !io.value().equals("nnet::io_parallel"))
        {
            throw fail(io.location(), name, "io_type " + io.value() + " is not supported (supported: " +
                "nnet::io_parallel)");
        }
    }

    long[] weights(
        final String array,
        final FixedPointType type,
        final long expected,
        final Hls4mlConfig config,
        final String name,
        final String what)
    {
        final Hls4mlWeights w = project.weights().get(array);
        if (w == null)
        {
            throw fail(config.location(), name, "no weight values for array '" + array + "' (neither a " +
                "load_weights_from_txt of weights/" + array + ".txt nor weights/" + array + ".h)");
        }
        final FixedPointType declared = type(w.typeName(), w.location(), name);
        if (!declared.equals(type))
        {
            throw fail(w.location(), name, "array '" + array + "' is declared " + w.typeName() + " = " + declared +
                " but " + config.name() + " expects " + type);
        }
        final long declaredSize = integer(w.size(), w.location(), name);
        if (declaredSize != expected || w.values().size() != expected)
        {
            throw fail(w.location(), name, "weight count disagrees: " + w.location().file() + " has " +
                w.values().size() + " values for '" + array + "' (declared size " + declaredSize + ") but " +
                config.name() + " " + what + " = " + expected);
        }
        final long[] raw = new long[(int)expected];
        final boolean text = w.location().file().endsWith(".txt");
        for (int i = 0; i < raw.length; i++)
        {
            raw[i] = text && type.isInteger() ? integerValue(w.values().get(i), type, w, i, name) :
                type.fromDouble(decimal(w.values().get(i), w, i, name));
        }
        return raw;
    }

    /**
     * An ap_int/ap_uint value of a text file: {@code istream >> ap_int} parses the token as an integer string (not a
     * double), so only integer literals within the type's range are taken; anything else is refused.
     */
    private long integerValue(
        final String text, final FixedPointType type, final Hls4mlWeights w, final int index, final String name)
    {
        if (text.matches("[+-]?\\d{1,20}"))
        {
            final java.math.BigInteger v = new java.math.BigInteger(text.startsWith("+") ? text.substring(1) : text);
            if (v.compareTo(type.rawValue(type.minRaw())) >= 0 && v.compareTo(type.rawValue(type.maxRaw())) <= 0)
            {
                return v.longValue();
            }
        }
        throw fail(w.location(), name, "value #" + index + " '" + text + "' of '" + w.name() + "' (" + type +
            ") is not an integer literal within its range (supported for ap_int/ap_uint text weights, which the C " +
            "simulation parses as integer strings)");
    }

    /** A value as the C simulation reads it: {@code istream >> double} (text) or a C double literal (header). */
    double decimal(final String text, final Hls4mlWeights w, final int index, final String name)
    {
        boolean ok = !text.isEmpty();
        for (int i = 0; i < text.length() && ok; i++)
        {
            final char c = text.charAt(i);
            ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        }
        double value = Double.NaN;
        if (ok)
        {
            try
            {
                value = Double.parseDouble(text);
            }
            catch (final NumberFormatException ex)
            {
                ok = false;
            }
        }
        if (!ok || !Double.isFinite(value))
        {
            throw fail(w.location(), name, "value #" + index + " '" + text + "' of '" + w.name() +
                "' is not a finite decimal");
        }
        return value;
    }

    private Hls4mlConfig config(final String configName, final SourceLocation at, final String name)
    {
        final Hls4mlConfig config = project.configs().get(configName);
        if (config == null)
        {
            throw fail(at, name, "config struct '" + configName + "' is not defined in parameters.h");
        }
        return config;
    }

    private int constant(final Hls4mlConfig config, final String field, final String name, final int fallback)
    {
        final Hls4mlConfigField f = config.field(field);
        if (f == null)
        {
            if (fallback >= 0)
            {
                return fallback;
            }
            throw fail(config.location(), name, config.name() + " has no " + field);
        }
        return integer(f.value(), f.location(), name);
    }

    FixedPointType typeField(final Hls4mlConfig config, final String field, final String name)
    {
        final Hls4mlConfigField f = config.field(field);
        if (f == null || f.kind() != Hls4mlConfigField.Kind.TYPEDEF)
        {
            throw fail(config.location(), name, config.name() + " has no typedef " + field + " (the base struct's " +
                "float default is not a fixed-point type)");
        }
        return type(f.value(), f.location(), name);
    }

    private void checkSame(
        final String declared, final String used, final SourceLocation at, final String name, final String what)
    {
        final FixedPointType a = type(declared, at, name);
        final FixedPointType b = type(used, at, name);
        if (!a.equals(b))
        {
            throw fail(at, name, what + " " + declared + " = " + a + " differs from the template argument " + used +
                " = " + b);
        }
    }

    /** Resolve typedef chains ({@code typedef model_default_t accum_t;}) down to an ap_ type and parse it. */
    FixedPointType type(final String text, final SourceLocation at, final String name)
    {
        String t = CppText.normalize(text);
        SourceLocation where = at;
        final Set<String> seen = new HashSet<>();
        while (project.typedefs().containsKey(t))
        {
            if (!seen.add(t))
            {
                throw fail(where, name, "typedef cycle through '" + t + "'");
            }
            final Hls4mlTypedef def = project.typedefs().get(t);
            where = def.location();
            t = def.text();
        }
        try
        {
            return FixedPointType.parse(t);
        }
        catch (final IllegalArgumentException ex)
        {
            throw fail(where, name, "type '" + t + "' is not supported: " + ex.getMessage());
        }
    }

    /** An integer as hls4ml writes sizes: a literal, an {@code N_*} define, or a product or sum of those. */
    int integer(final String text, final SourceLocation at, final String name)
    {
        return (int)integer(text, at, name, 0);
    }

    private long integer(final String text, final SourceLocation at, final String name, final int depth)
    {
        String t = text.strip();
        while (t.startsWith("(") && t.endsWith(")") && matchesOuter(t))
        {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (depth > 32)
        {
            throw fail(at, name, "size '" + text + "' nests too deeply");
        }
        if (INTEGER.matcher(t).matches())
        {
            return Long.parseLong(t.replaceAll("[uUlL]+$", "").replace("+", ""));
        }
        final List<String> sum = splitOperator(t, '+');
        if (sum.size() > 1)
        {
            long s = 0;
            for (final String p : sum)
            {
                s += integer(p, at, name, depth + 1);
            }
            return s;
        }
        final List<String> product = splitOperator(t, '*');
        if (product.size() > 1)
        {
            long s = 1;
            for (final String p : product)
            {
                s *= integer(p, at, name, depth + 1);
            }
            return s;
        }
        if (project.defines().containsKey(t))
        {
            return integer(project.defines().get(t), project.defineLocations().get(t), name, depth + 1);
        }
        throw fail(at, name, "cannot evaluate size '" + text + "' (supported: integers, #defined N_* names, " +
            "+ and *)");
    }

    private static boolean matchesOuter(final String t)
    {
        int depth = 0;
        for (int i = 0; i < t.length(); i++)
        {
            depth += t.charAt(i) == '(' ? 1 : t.charAt(i) == ')' ? -1 : 0;
            if (depth == 0 && i < t.length() - 1)
            {
                return false;
            }
        }
        return true;
    }

    private static List<String> splitOperator(final String t, final char op)
    {
        final List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < t.length(); i++)
        {
            final char c = t.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == op && depth == 0 && i > 0)
            {
                parts.add(t.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(t.substring(start));
        return parts;
    }

    private String layerName(final Hls4mlCall call)
    {
        final String comment = call.comment().strip();
        if (IDENTIFIER.matcher(comment).matches())
        {
            return comment;
        }
        if (call.arguments().size() >= 2 && project.savedLayerNames().containsKey(call.arguments().get(1)))
        {
            return project.savedLayerNames().get(call.arguments().get(1));
        }
        final String config = call.templateArguments().isEmpty() ? "" :
            call.templateArguments().get(call.templateArguments().size() - 1).replaceAll("\\D", "");
        return call.simpleName() + "_" + (config.isEmpty() ? String.valueOf(project.calls().indexOf(call)) : config);
    }

    private static String unique(final String name, final Set<String> names)
    {
        String n = name;
        for (int k = 2; !names.add(n); k++)
        {
            n = name + "_" + k;
        }
        return n;
    }

    ModelLoadException fail(final SourceLocation at, final String layer, final String what)
    {
        return new ModelLoadException("hls4ml project " + project.directory() + ": " + at +
            (layer.isEmpty() ? "" : ": layer '" + layer + "'") + ": " + what);
    }
}
