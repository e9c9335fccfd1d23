package io.l1infer.fpga.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads and validates one bundle directory; every error names the bundle, file, layer and field. */
final class ModelBundleReader
{
    static final String MODEL_FILE = "model.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private static final Set<String> TOP_KEYS = Set.of("format", "name", "about", "input", "output", "layers");
    private static final Set<String> INPUT_KEYS = Set.of("size", "type", "features");
    private static final Set<String> OUTPUT_KEYS = Set.of("size", "type", "names", "scale", "unit");
    private static final Set<String> DENSE_KEYS = Set.of(
        "name", "kind", "in", "out", "weights", "weight_t", "bias", "bias_t", "accum_t", "result_t", "compressed",
        "reuse_factor");
    private static final Set<String> BATCHNORM_KEYS = Set.of(
        "name", "kind", "size", "scale", "scale_t", "bias", "bias_t", "result_t");
    private static final Set<String> ACTIVATION_KEYS = Set.of("name", "kind", "size", "result_t");

    private final Path directory;
    private final Path modelFile;

    ModelBundleReader(final Path directory)
    {
        this.directory = directory;
        this.modelFile = directory.resolve(MODEL_FILE);
    }

    ModelBundle read()
    {
        final JsonNode root = parseJson();
        if (!root.isObject())
        {
            throw error("top level", "must be a JSON object");
        }
        checkKeys(root, TOP_KEYS, "top level");
        final String format = text(root, "format", "top level");
        if (!ModelBundle.FORMAT.equals(format))
        {
            throw error("field 'format'", "unsupported format '" + format + "', expected '" + ModelBundle.FORMAT + "'");
        }
        final String name = text(root, "name", "top level");
        final String about = root.has("about") ? text(root, "about", "top level") : "";
        final ModelInput input = readInput(required(root, "input", "top level"));
        final ModelOutput output = readOutput(required(root, "output", "top level"));

        final JsonNode layersNode = required(root, "layers", "top level");
        if (!layersNode.isArray() || layersNode.isEmpty())
        {
            throw error("field 'layers'", "must be a non-empty array");
        }
        final List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++)
        {
            layers.add(readLayer(layersNode.get(i), i));
        }
        try
        {
            checkChain(name, input, output, layers);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ModelLoadException("model bundle " + directory + ": " + MODEL_FILE + ": " + ex.getMessage());
        }
        return new ModelBundle(name, about, input, output, layers, directory);
    }

    /** Check that sizes and types chain from the input through every layer to the declared output. */
    static void checkChain(
        final String name, final ModelInput input, final ModelOutput output, final List<Layer> layers)
    {
        if (layers.isEmpty())
        {
            throw new IllegalArgumentException("model '" + name + "' has no layers");
        }
        int size = input.size();
        String from = "input";
        for (int i = 0; i < layers.size(); i++)
        {
            final Layer layer = layers.get(i);
            if (layer.inputSize() != size)
            {
                throw new IllegalArgumentException("layers[" + i + "] '" + layer.name() + "': input size " +
                    layer.inputSize() + " does not match " + size + " from " + from);
            }
            size = layer.outputSize();
            from = "layers[" + i + "] '" + layer.name() + "'";
        }
        if (size != output.size())
        {
            throw new IllegalArgumentException("output.size " + output.size() + " does not match " + size +
                " from " + from);
        }
        final FixedPointType last = layers.get(layers.size() - 1).resultType();
        if (!last.equals(output.type()))
        {
            throw new IllegalArgumentException("output.type " + output.type() + " does not match result_t " +
                last + " of " + from);
        }
    }

    private JsonNode parseJson()
    {
        if (!Files.isDirectory(directory))
        {
            throw new ModelLoadException("model bundle " + directory + ": not a directory");
        }
        try
        {
            return JSON.readTree(Files.readAllBytes(modelFile));
        }
        catch (final NoSuchFileException ex)
        {
            throw new ModelLoadException("model bundle " + directory + ": missing " + MODEL_FILE);
        }
        catch (final JsonProcessingException ex)
        {
            throw new ModelLoadException("model bundle " + directory + ": " + MODEL_FILE + ": invalid JSON: " +
                ex.getOriginalMessage() + " at line " + ex.getLocation().getLineNr(), ex);
        }
        catch (final IOException ex)
        {
            throw new ModelLoadException("model bundle " + directory + ": cannot read " + MODEL_FILE + ": " + ex, ex);
        }
    }

    /** What the input and the output both declare: a size, one type and optionally a name per value. */
    private record Port(int size, FixedPointType type, List<String> names)
    {
    }

    private Port readPort(final JsonNode node, final String where, final Set<String> keys, final String namesKey)
    {
        checkObject(node, where);
        checkKeys(node, keys, where);
        final int size = positiveInt(node, "size", where);
        final FixedPointType type = type(node, "type", where);
        final List<String> names = node.has(namesKey) ? names(node, namesKey, where, size) : List.of();
        return new Port(size, type, names);
    }

    private ModelInput readInput(final JsonNode node)
    {
        final Port port = readPort(node, "input", INPUT_KEYS, "features");
        return new ModelInput(port.size(), port.type(), port.names());
    }

    private ModelOutput readOutput(final JsonNode node)
    {
        final String where = "output";
        final Port port = readPort(node, where, OUTPUT_KEYS, "names");
        double scale = 1.0;
        if (node.has("scale"))
        {
            final JsonNode s = node.get("scale");
            if (!s.isNumber() || !Double.isFinite(s.doubleValue()) || s.doubleValue() == 0.0)
            {
                throw error(where + " field 'scale'", "must be a finite non-zero number, got " + s);
            }
            scale = s.doubleValue();
        }
        final String unit = node.has("unit") ? text(node, "unit", where) : "";
        return new ModelOutput(port.size(), port.type(), port.names(), scale, unit);
    }

    private Layer readLayer(final JsonNode node, final int index)
    {
        final String where0 = "layers[" + index + "]";
        checkObject(node, where0);
        final String name = text(node, "name", where0);
        final String where = where0 + " '" + name + "'";
        final String kind = text(node, "kind", where);
        switch (kind)
        {
            case "dense":
            {
                checkKeys(node, DENSE_KEYS, where);
                final int in = positiveInt(node, "in", where);
                final int out = positiveInt(node, "out", where);
                final FixedPointType weightType = type(node, "weight_t", where);
                final FixedPointType biasType = type(node, "bias_t", where);
                final long[] weights = values(node, "weights", where, weightType, (long)in * out);
                final long[] biases = values(node, "bias", where, biasType, out);
                return new DenseLayer(name, in, out, weightType, weights, biasType, biases,
                    type(node, "accum_t", where), type(node, "result_t", where), compressed(node, where, in, out));
            }
            case "batchnorm":
            {
                checkKeys(node, BATCHNORM_KEYS, where);
                final int size = positiveInt(node, "size", where);
                final FixedPointType scaleType = type(node, "scale_t", where);
                final FixedPointType biasType = type(node, "bias_t", where);
                return new BatchNormLayer(name, size, scaleType, values(node, "scale", where, scaleType, size),
                    biasType, values(node, "bias", where, biasType, size), type(node, "result_t", where));
            }
            case "relu":
                checkKeys(node, ACTIVATION_KEYS, where);
                return new ReluLayer(name, positiveInt(node, "size", where), type(node, "result_t", where));
            case "linear":
                checkKeys(node, ACTIVATION_KEYS, where);
                return new LinearLayer(name, positiveInt(node, "size", where), type(node, "result_t", where));
            default:
                if (ActivationFields.KEYS.containsKey(kind))
                {
                    checkKeys(node, ActivationFields.KEYS.get(kind), where);
                    try
                    {
                        return readActivation(node, name, kind, where);
                    }
                    catch (final IllegalArgumentException ex)
                    {
                        throw error(where, ex.getMessage());
                    }
                }
                throw error(where + " field 'kind'", "unknown layer kind '" + kind +
                    "' (supported: dense, batchnorm, relu, linear, " +
                    String.join(", ", new java.util.TreeSet<>(ActivationFields.KEYS.keySet())) + ")");
        }
    }

    private Layer readActivation(final JsonNode node, final String name, final String kind, final String where)
    {
        final int size = positiveInt(node, "size", where);
        final FixedPointType result = type(node, "result_t", where);
        switch (kind)
        {
            case "relu_max":
                return new ReluMaxLayer(name, size, integer(node, "max_int", where), result);
            case "leaky_relu":
            case "thresholded_relu":
            {
                final ParametrizedRelu function = ParametrizedRelu.valueOf(kind.toUpperCase(Locale.ROOT));
                return new ParametrizedReluLayer(name, function, size, number(node, function.parameter(), where),
                    type(node, function.parameter() + "_t", where), result);
            }
            case "prelu":
            {
                final FixedPointType alphaType = type(node, "alpha_t", where);
                return new PReluLayer(name, size, alphaType, values(node, "alpha", where, alphaType, size), result);
            }
            case "elu":
                return new EluLayer(name, size, number(node, "alpha", where), type(node, "alpha_t", where),
                    table(node, "table_t", "table_size", where), result);
            case "selu":
                return new SeluLayer(name, size, table(node, "table_t", "table_size", where), generation(node, where),
                    result);
            case "unary_lut":
            {
                final FixedPointType tableType = type(node, "table_t", where);
                return new UnaryLutLayer(name, size, tableType, values(node, "table", where, tableType,
                    positiveInt(node, "table_size", where)), result);
            }
            case "binary_tanh":
            case "ternary_tanh":
                return new SignActivationLayer(name, kind.equals("ternary_tanh"), generation(node, where), size,
                    result);
            case "hard_sigmoid":
            case "hard_tanh":
                return new HardActivationLayer(name, HardFunction.valueOf(kind.toUpperCase()),
                    generation(node, where), size, number(node, "slope", where), type(node, "slope_t", where),
                    number(node, "shift", where), type(node, "shift_t", where), result);
            case "softmax":
                return new SoftmaxLayer(name, size, implementation(node, where), generation(node, where),
                    table(node, "exp_table_t", "exp_table_size", where),
                    table(node, "inv_table_t", "inv_table_size", where),
                    type(node, "accum_t", where), type(node, "inv_inp_t", where),
                    node.has("inp_norm_t") ? type(node, "inp_norm_t", where) : null,
                    (float)number(node, "exp_scale", where), type(node, "table_t", where),
                    positiveInt(node, "n_outer", where), positiveInt(node, "n_inner", where), result);
            default:
                return new LookupActivationLayer(name, LookupFunction.valueOf(kind.toUpperCase()), size,
                    table(node, "table_t", "table_size", where), result);
        }
    }

    /** An activation table from its {@code _t} and {@code _size} fields. */
    private ActivationTable table(
        final JsonNode node, final String typeField, final String sizeField, final String where)
    {
        return new ActivationTable(type(node, typeField, where), positiveInt(node, sizeField, where));
    }

    private double number(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = required(node, field, where);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()))
        {
            throw error(where + " field '" + field + "'", "must be a finite number, got " + value);
        }
        return value.doubleValue();
    }

    private int integer(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = required(node, field, where);
        if (!value.isIntegralNumber() || !value.canConvertToInt())
        {
            throw error(where + " field '" + field + "'", "must be an integer, got " + value);
        }
        return value.intValue();
    }

    private TemplateGeneration generation(final JsonNode node, final String where)
    {
        final String text = text(node, "generation", where);
        for (final TemplateGeneration g : TemplateGeneration.values())
        {
            if (g.name().equals(text))
            {
                return g;
            }
        }
        throw error(where + " field 'generation'", "unknown '" + text + "' (supported: EARLY, V0_8, V1)");
    }

    private SoftmaxImplementation implementation(final JsonNode node, final String where)
    {
        final String text = text(node, "implementation", where);
        for (final SoftmaxImplementation i : SoftmaxImplementation.values())
        {
            if (i.name().toLowerCase().equals(text))
            {
                return i;
            }
        }
        throw error(where + " field 'implementation'", "unknown '" + text +
            "' (supported: latency, legacy, stable, argmax)");
    }

    private long[] values(
        final JsonNode node, final String field, final String where, final FixedPointType type, final long count)
    {
        final String fileName = text(node, field, where);
        final Path file = directory.resolve(fileName).normalize();
        if (!file.startsWith(directory.normalize()))
        {
            throw error(where + " field '" + field + "'", "file '" + fileName + "' is outside the bundle");
        }
        if (count > 50_000_000L)
        {
            throw error(where + " field '" + field + "'", "layer too large: " + count + " values");
        }
        try
        {
            return WeightFileReader.read(file, type, (int)count);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(where + " field '" + field + "'", "file " + fileName + ": " + ex.getMessage());
        }
    }

    /** A dense layer's dense_compressed order: the entries' positions row * out + col in array order, or null. */
    private CompressedOrder compressed(final JsonNode node, final String where, final int in, final int out)
    {
        if (!node.has("compressed") && !node.has("reuse_factor"))
        {
            return null;
        }
        final int rf = positiveInt(node, "reuse_factor", where);
        final String fileName = text(node, "compressed", where);
        final Path file = directory.resolve(fileName).normalize();
        if (!file.startsWith(directory.normalize()))
        {
            throw error(where + " field 'compressed'", "file '" + fileName + "' is outside the bundle");
        }
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        catch (final IOException ex)
        {
            throw error(where + " field 'compressed'", "cannot read file " + fileName + ": " + ex);
        }
        final String[] parts = text.isEmpty() ? new String[0] : text.split("\\s*,\\s*|\\s+", -1);
        final int[] entries = new int[parts.length];
        for (int k = 0; k < parts.length; k++)
        {
            if (!parts[k].matches("\\d{1,10}") || Long.parseLong(parts[k]) >= (long)in * out)
            {
                throw error(where + " field 'compressed'", "file " + fileName + ": entry #" + k + " '" + parts[k] +
                    "' is not a position 0.." + ((long)in * out - 1) + " (row * out + col)");
            }
            entries[k] = Integer.parseInt(parts[k]);
        }
        try
        {
            return new CompressedOrder(rf, entries);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(where + " field 'compressed'", "file " + fileName + ": " + ex.getMessage());
        }
    }

    private void checkObject(final JsonNode node, final String where)
    {
        if (node == null || !node.isObject())
        {
            throw error(where, "must be a JSON object");
        }
    }

    private void checkKeys(final JsonNode node, final Set<String> allowed, final String where)
    {
        final Iterator<String> it = node.fieldNames();
        while (it.hasNext())
        {
            final String key = it.next();
            if (!allowed.contains(key))
            {
                throw error(where + " field '" + key + "'", "unknown field (allowed: " +
                    String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private JsonNode required(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw error(where + " field '" + field + "'", "missing");
        }
        return value;
    }

    private String text(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = required(node, field, where);
        if (!value.isTextual() || value.textValue().isBlank())
        {
            throw error(where + " field '" + field + "'", "must be a non-empty string, got " + value);
        }
        return value.textValue();
    }

    private int positiveInt(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = required(node, field, where);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > 65536)
        {
            throw error(where + " field '" + field + "'", "must be an integer in 1..65536, got " + value);
        }
        return value.intValue();
    }

    private FixedPointType type(final JsonNode node, final String field, final String where)
    {
        final String text = text(node, field, where);
        try
        {
            return FixedPointType.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(where + " field '" + field + "'", ex.getMessage());
        }
    }

    private List<String> names(final JsonNode node, final String field, final String where, final int size)
    {
        final JsonNode value = required(node, field, where);
        if (!value.isArray() || value.size() != size)
        {
            throw error(where + " field '" + field + "'", "must be an array of " + size + " strings");
        }
        final List<String> names = new ArrayList<>(size);
        for (final JsonNode n : value)
        {
            if (!n.isTextual())
            {
                throw error(where + " field '" + field + "'", "must be an array of " + size + " strings");
            }
            names.add(n.textValue());
        }
        return names;
    }

    private ModelLoadException error(final String where, final String what)
    {
        return new ModelLoadException("model bundle " + directory + ": " + MODEL_FILE + ": " + where + ": " + what);
    }
}
