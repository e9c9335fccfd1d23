package io.l1infer.fpga.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a model as a bundle directory: {@code model.json} plus hls4ml-style weight text files whose decimals are the
 * exact values of the raw integers, so reading them back gives the same bits.
 */
public final class ModelBundleWriter
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelBundleWriter()
    {
    }

    /** Write {@code model} into {@code directory} (created if needed; existing bundle files are replaced). */
    public static void write(final ModelBundle model, final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final ObjectNode root = JSON.createObjectNode();
            root.put("format", ModelBundle.FORMAT);
            root.put("name", model.name());
            if (!model.about().isEmpty())
            {
                root.put("about", model.about());
            }
            final ObjectNode input = root.putObject("input");
            input.put("size", model.input().size());
            input.put("type", model.input().type().toString());
            if (!model.input().features().isEmpty())
            {
                final ArrayNode features = input.putArray("features");
                model.input().features().forEach(features::add);
            }
            final ObjectNode output = root.putObject("output");
            output.put("size", model.output().size());
            output.put("type", model.output().type().toString());
            if (!model.output().names().isEmpty())
            {
                final ArrayNode names = output.putArray("names");
                model.output().names().forEach(names::add);
            }
            output.put("scale", model.output().scale());
            if (!model.output().unit().isEmpty())
            {
                output.put("unit", model.output().unit());
            }
            final ArrayNode layers = root.putArray("layers");
            int index = 0;
            for (final Layer layer : model.layers())
            {
                layers.add(layerNode(layer, index++, directory));
            }
            Files.writeString(directory.resolve(ModelBundleReader.MODEL_FILE),
                JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write model bundle to " + directory, ex);
        }
    }

    private static ObjectNode layerNode(final Layer layer, final int index, final Path dir) throws IOException
    {
        final ObjectNode node = JSON.createObjectNode();
        node.put("name", layer.name());
        node.put("kind", layer.kind());
        if (layer instanceof DenseLayer d)
        {
            node.put("in", d.inputSize());
            node.put("out", d.outputSize());
            node.put("weights", writeValues(dir, "w" + index + ".txt", d.weights(), d.weightType()));
            node.put("weight_t", d.weightType().toString());
            node.put("bias", writeValues(dir, "b" + index + ".txt", d.biases(), d.biasType()));
            node.put("bias_t", d.biasType().toString());
            node.put("accum_t", d.accumType().toString());
            if (d.compressed() != null)
            {
                final StringBuilder sb = new StringBuilder();
                for (final int e : d.compressed().entries())
                {
                    sb.append(sb.length() == 0 ? "" : ", ").append(e);
                }
                Files.writeString(dir.resolve("c" + index + ".txt"), sb.toString(), StandardCharsets.US_ASCII);
                node.put("compressed", "c" + index + ".txt");
                node.put("reuse_factor", d.compressed().reuseFactor());
            }
        }
        else if (layer instanceof BatchNormLayer bn)
        {
            node.put("size", bn.size());
            node.put("scale", writeValues(dir, "s" + index + ".txt", bn.scales(), bn.scaleType()));
            node.put("scale_t", bn.scaleType().toString());
            node.put("bias", writeValues(dir, "b" + index + ".txt", bn.biases(), bn.biasType()));
            node.put("bias_t", bn.biasType().toString());
        }
        else if (layer instanceof UnaryLutLayer u)
        {
            node.put("size", u.size());
            node.put("table", writeValues(dir, "t" + index + ".txt", u.table(), u.tableType()));
            node.put("table_t", u.tableType().toString());
            node.put("table_size", u.table().length);
        }
        else if (layer instanceof PReluLayer p)
        {
            node.put("size", p.size());
            node.put("alpha", writeValues(dir, "a" + index + ".txt", p.alphas(), p.alphaType()));
            node.put("alpha_t", p.alphaType().toString());
        }
        else
        {
            node.put("size", layer.outputSize());
            ActivationFields.write(layer, node);
        }
        node.put("result_t", layer.resultType().toString());
        return node;
    }

    private static String writeValues(
        final Path dir, final String name, final long[] raw, final FixedPointType type) throws IOException
    {
        final StringBuilder sb = new StringBuilder(raw.length * 12);
        for (int i = 0; i < raw.length; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            final String decimal = exactDecimal(raw[i], type);
            // The reader parses each value as a C double, as hls4ml's C simulation does: a raw value with more than
            // 53 significant bits (possible only in types wider than 53 bits) would not read back to the same bits.
            if (type.fromDouble(Double.parseDouble(decimal)) != raw[i])
            {
                throw new IllegalArgumentException("file " + name + ": value #" + i + " (raw " + raw[i] + " of " +
                    type + ") has more significant bits than a double holds, so a bundle cannot store it exactly");
            }
            sb.append(decimal);
        }
        Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.US_ASCII);
        return name;
    }

    /** The exact decimal of raw * 2^-F (always finite in base 10), which a double reads back onto the same grid. */
    static String exactDecimal(final long raw, final FixedPointType type)
    {
        final int f = type.fractionBits();
        final java.math.BigInteger value0 = type.rawValue(raw);
        final BigDecimal value = f >= 0 ?
            new BigDecimal(value0).divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(f))) :
            new BigDecimal(value0.shiftLeft(-f));
        return value.toPlainString();
    }
}
