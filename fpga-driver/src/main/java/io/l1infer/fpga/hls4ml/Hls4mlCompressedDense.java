package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.model.CompressedOrder;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.TemplateGeneration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps {@code nnet::dense_compressed} (hls4ml's COO weights: {@code {row_index, col_index, weight}} structs) onto a
 * {@link DenseLayer} that sums in the template's order.
 *
 * <p>The template sums each reuse step's products per column into {@code mult[]} and adds those to {@code acc}
 * ({@link CompressedOrder}); with an {@code AP_WRAP} accumulator without saturation bits every step is arithmetic
 * modulo 2^W on the accumulator grid (each product converted to {@code accum_t} once, as {@code dense_latency} does),
 * so any order gives the same sum and the layer keeps {@code dense_latency}'s; any other accumulator (saturating,
 * AP_WRAP_SM, saturation bits) carries the entry order and reuse factor.
 */
final class Hls4mlCompressedDense
{
    private static final Pattern STRUCT = Pattern.compile("struct\\s*(\\w+)?\\s*\\{(.*)}");
    private static final Pattern FIELD = Pattern.compile("(.+?)\\s*\\b(\\w+)");
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");
    private static final Pattern DECLTYPE_WEIGHT = Pattern.compile("decltype\\s*\\(\\s*y_T\\s*::\\s*weight\\s*\\)");

    private final Hls4mlImporter importer;
    private final Hls4mlProject project;

    Hls4mlCompressedDense(final Hls4mlImporter importer, final Hls4mlProject project)
    {
        this.importer = importer;
        this.project = project;
    }

    DenseLayer layer(
        final Hls4mlCall call,
        final String name,
        final Hls4mlConfig config,
        final int nIn,
        final int nOut,
        final FixedPointType resultType)
    {
        final FixedPointType accum = importer.typeField(config, "accum_t", name);
        final FixedPointType biasType = importer.typeField(config, "bias_t", name);
        final Hls4mlConfigField weightField = config.field("weight_t");
        if (weightField == null || weightField.kind() != Hls4mlConfigField.Kind.TYPEDEF)
        {
            throw importer.fail(config.location(), name, config.name() + " has no typedef weight_t (dense_compressed " +
                "needs the compressed struct type)");
        }
        final Struct struct = struct(weightField.value(), weightField.location(), name);
        final Hls4mlConfigField indexField = config.field("index_t");
        final FixedPointType indexType = indexField == null ? null :
            importer.type(indexField.value(), indexField.location(), name);
        if (indexType == null || !indexType.isInteger() || indexType.isSigned())
        {
            throw importer.fail(config.location(), name, config.name() + " needs typedef index_t, an ap_uint " +
                "(fill_mult compares each column with it)");
        }
        checkProduct(config, struct, name);
        final int rf = constant(config, "reuse_factor", name);
        final int nonzeros = constant(config, "n_nonzeros", name);
        if (rf < 1 || nonzeros % rf != 0)
        {
            throw importer.fail(config.location(), name, "n_nonzeros " + nonzeros + " is not a multiple of " +
                "reuse_factor " + rf + ": dense_compressed then reads past the weight array (hls4ml pads the " +
                "weights with zeros to a multiple; supported: n_nonzeros = k * reuse_factor)");
        }
        final String array = call.arguments().get(2);
        final Hls4mlWeights w = project.weights().get(array);
        if (w == null)
        {
            throw importer.fail(config.location(), name, "no weight values for array '" + array + "' (neither a " +
                "load_compressed_weights_from_txt of weights/" + array + ".txt nor weights/" + array + ".h)");
        }
        if (!resolve(w.typeName()).equals(resolve(weightField.value())))
        {
            throw importer.fail(w.location(), name, "array '" + array + "' is declared " + w.typeName() + " but " +
                config.name() + " weight_t is " + weightField.value());
        }
        final long declared = importer.integer(w.size(), w.location(), name);
        if (declared != nonzeros || w.values().size() != nonzeros)
        {
            throw importer.fail(w.location(), name, "weight count disagrees: " + w.location().file() + " has " +
                w.values().size() + " entries for '" + array + "' (declared size " + declared + ") but " +
                config.name() + " n_nonzeros = " + nonzeros);
        }
        final long[] weights = new long[nIn * nOut];
        final int[] entries = new int[nonzeros];
        final Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < nonzeros; k++)
        {
            final String[] parts = entry(w.values().get(k));
            if (parts.length != 3 || !INDEX.matcher(parts[0]).matches() || !INDEX.matcher(parts[1]).matches())
            {
                throw importer.fail(w.location(), name, "entry #" + k + " '" + w.values().get(k) + "' of '" + array +
                    "' is not 'row, col, weight' with decimal indices");
            }
            final long row = Long.parseLong(parts[0]);
            final long col = Long.parseLong(parts[1]);
            if (row >= nIn || col >= nOut || row > struct.row.maxRaw() || col > struct.col.maxRaw() ||
                col > indexType.maxRaw())
            {
                throw importer.fail(w.location(), name, "entry #" + k + " '" + w.values().get(k) + "' of '" + array +
                    "': row " + row + " or column " + col + " is outside n_in " + nIn + ", n_out " + nOut + " or its " +
                    "index type (row " + struct.row + ", col " + struct.col + ", index_t " + indexType + ")");
            }
            final long raw = struct.weight.fromDouble(importer.decimal(parts[2], w, k, name));
            final int at = (int)(row * nOut + col);
            if (raw != 0 && !seen.add(at))
            {
                throw importer.fail(w.location(), name, "entry #" + k + " '" + w.values().get(k) + "' of '" + array +
                    "' repeats row " + row + ", column " + col + " with a non-zero weight (supported: each " +
                    "position at most once, as hls4ml writes them; two products would each be converted)");
            }
            weights[at] = raw != 0 ? raw : weights[at];
            entries[k] = at;
        }
        final long[] biases = importer.weights(call.arguments().get(3), biasType, nOut, config, name, "n_out");
        // Modular sums on the accumulator grid: the order cannot be noticed, and dense_latency's order keeps the
        // layer on the fast kernels.
        final boolean orderFree = accum.overflow() == Overflow.AP_WRAP && accum.saturationBits() == 0;
        return new DenseLayer(name, nIn, nOut, struct.weight, weights, biasType, biases, accum, resultType,
            orderFree ? null : new CompressedOrder(rf, entries));
    }

    /** A plain dense call whose weight_t is the compressed struct (what hls4ml 0.5 and later write) is refused. */
    static void refuseStructWeights(
        final Hls4mlImporter importer, final Hls4mlProject project, final Hls4mlConfig config, final String name)
    {
        final Hls4mlConfigField f = config.field("weight_t");
        if (f != null && f.kind() == Hls4mlConfigField.Kind.TYPEDEF)
        {
            final Hls4mlCompressedDense c = new Hls4mlCompressedDense(importer, project);
            final Hls4mlTypedef def = project.typedefs().get(c.resolve(f.value()));
            if (def != null && def.text().startsWith("struct"))
            {
                throw importer.fail(f.location(), name, "weight_t " + f.value() + " is hls4ml's compressed struct, " +
                    "which nnet::dense cannot read (hls4ml 0.5 and later write this call for compressed layers and " +
                    "it does not compile: dense_latency multiplies by the struct); supported: nnet::dense_compressed");
            }
        }
    }

    /** hls4ml's {@code row, col, weight}: from a text file as "r c w", from a header initialiser as "{r, c, w}". */
    private static String[] entry(final String value)
    {
        final String v = value.strip();
        if (v.startsWith("{") && v.endsWith("}"))
        {
            final List<String> parts = new ArrayList<>();
            for (final String p : v.substring(1, v.length() - 1).split(",", -1))
            {
                parts.add(p.strip());
            }
            return parts.toArray(new String[0]);
        }
        return v.split("\\s+");
    }

    /**
     * The product alias of 0.8 and 1.x: the template calls {@code product<data_T, weight_t>::product(x, w.weight)},
     * so the alias must take the struct's weight field type (hls4ml's own {@code mult<x_T, y_T>} does not compile
     * there); the early release calls the free {@code product} on the weight field directly.
     */
    private void checkProduct(final Hls4mlConfig config, final Struct struct, final String name)
    {
        final TemplateGeneration generation = TemplateGenerations.of(project.firmware()).generation();
        final Hls4mlConfigField product = config.field("product");
        if (struct.weight.isInteger())
        {
            throw importer.fail(config.location(), name, "compressed weight field " + struct.weight + ": " +
                "ap_int/ap_uint weights select the binary or ternary products, which are not supported with " +
                "dense_compressed (supported: ap_fixed/ap_ufixed weight fields, the plain product)");
        }
        if (generation == TemplateGeneration.EARLY)
        {
            return;
        }
        final String value = product == null ? "" : CppText.normalize(product.value());
        final String prefix = "nnet::product::mult<";
        if (!value.startsWith(prefix) || !value.endsWith(">"))
        {
            throw importer.fail(product == null ? config.location() : product.location(), name, "product '" + value +
                "' is not supported with dense_compressed (supported: nnet::product::mult<x_T, " +
                "decltype(y_T::weight)> or mult<x_T, the weight field's type>)");
        }
        final List<String> args = CppText.splitTopLevel(value.substring(prefix.length(), value.length() - 1));
        final boolean ok = args.size() == 2 && args.get(0).strip().equals("x_T") &&
            (DECLTYPE_WEIGHT.matcher(args.get(1).strip()).matches() || !args.get(1).strip().equals("y_T") &&
                isType(args.get(1), struct.weight, product, name));
        if (!ok)
        {
            throw importer.fail(product.location(), name, "product '" + value + "' does not compile with the " +
                "compressed struct weight_t (dense_compressed passes the weight field, not the struct; supported: " +
                "nnet::product::mult<x_T, decltype(y_T::weight)> or mult<x_T, " + struct.weight + ">)");
        }
    }

    private boolean isType(
        final String text, final FixedPointType expected, final Hls4mlConfigField at, final String name)
    {
        return importer.type(text, at.location(), name).equals(expected);
    }

    private int constant(final Hls4mlConfig config, final String field, final String name)
    {
        final Hls4mlConfigField f = config.field(field);
        if (f == null)
        {
            throw importer.fail(config.location(), name, config.name() + " has no " + field);
        }
        return importer.integer(f.value(), f.location(), name);
    }

    private String resolve(final String typeName)
    {
        String t = CppText.normalize(typeName);
        final Set<String> seen = new HashSet<>();
        while (project.typedefs().containsKey(t) && seen.add(t))
        {
            final String next = project.typedefs().get(t).text();
            if (next.startsWith("struct"))
            {
                return t;
            }
            t = CppText.normalize(next);
        }
        return t;
    }

    /** The compressed struct hls4ml's CompressedTypeConverter writes into defines.h. */
    private Struct struct(final String typeName, final SourceLocation at, final String name)
    {
        final String resolved = resolve(typeName);
        final Hls4mlTypedef def = project.typedefs().get(resolved);
        final Matcher m = def == null ? null : STRUCT.matcher(def.text());
        if (m == null || !m.matches())
        {
            throw importer.fail(at, name, "dense_compressed weight_t '" + typeName + "' is not a struct typedef " +
                "{row_index; col_index; weight;} (hls4ml's compressed type)");
        }
        final List<String> names = new ArrayList<>();
        final List<FixedPointType> types = new ArrayList<>();
        for (final String field : m.group(2).split(";"))
        {
            if (field.isBlank())
            {
                continue;
            }
            final Matcher f = FIELD.matcher(field.strip());
            if (!f.matches())
            {
                throw importer.fail(def.location(), name, "cannot parse field '" + field.strip() + "' of " + resolved);
            }
            names.add(f.group(2));
            types.add(importer.type(f.group(1), def.location(), name));
        }
        if (!names.equals(List.of("row_index", "col_index", "weight")))
        {
            throw importer.fail(def.location(), name, resolved + " has fields " + names + " (supported: row_index, " +
                "col_index, weight, as hls4ml writes the compressed type)");
        }
        if (!types.get(0).isInteger() || types.get(0).isSigned() || !types.get(1).isInteger() ||
            types.get(1).isSigned())
        {
            throw importer.fail(def.location(), name, resolved + ": the indices must be ap_uint (found " +
                types.get(0) + ", " + types.get(1) + ")");
        }
        return new Struct(types.get(0), types.get(1), types.get(2));
    }

    private record Struct(FixedPointType row, FixedPointType col, FixedPointType weight)
    {
    }
}
