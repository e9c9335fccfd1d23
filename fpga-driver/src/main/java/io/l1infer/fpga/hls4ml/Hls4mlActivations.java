package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.EluLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.HardActivationLayer;
import io.l1infer.fpga.model.HardFunction;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.LookupFunction;
import io.l1infer.fpga.model.ParametrizedRelu;
import io.l1infer.fpga.model.ParametrizedReluLayer;
import io.l1infer.fpga.model.PReluLayer;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SeluLayer;
import io.l1infer.fpga.model.SignActivationLayer;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import io.l1infer.fpga.model.UnaryLutLayer;
import io.l1infer.fpga.model.Unsigned64Activations;

import java.util.List;
import java.util.Set;

/** Maps the calls of hls4ml's {@code nnet_activation.h} to activation layers, with each release's signatures. */
final class Hls4mlActivations
{
    /** Activation functions this mapping knows, for messages and dispatch. */
    static final Set<String> FUNCTIONS = Set.of("relu", "linear", "relu6", "relu1", "relu_max", "sigmoid", "tanh",
        "softplus", "softsign", "leaky_relu", "thresholded_relu", "elu", "selu", "prelu", "hard_sigmoid", "hard_tanh",
        "softmax", "softmax_multidim", "binary_tanh", "ternary_tanh", "unary_lut");

    private static final int DEFAULT_TABLE_SIZE = 1024;

    /** The functions that assign x itself to {@code res_T} for some x &gt;= 0. */
    private static final Set<String> ASSIGNS_INPUT = Set.of("relu", "linear", "relu6", "relu1", "relu_max",
        "leaky_relu", "thresholded_relu", "prelu", "elu");

    private final Hls4mlImporter importer;
    private final TemplateGenerations.Decision generation;

    Hls4mlActivations(final Hls4mlImporter importer, final TemplateGenerations.Decision generation)
    {
        this.importer = importer;
        this.generation = generation;
    }

    /** Template arguments a call of {@code function} has: one more for the 1.x {@code param_T} forms. */
    static boolean hasParameter(final String function)
    {
        return Set.of("leaky_relu", "thresholded_relu", "elu", "prelu").contains(function);
    }

    /**
     * {@code layer} as mapped from {@code call}, or the importer's refusal when it is an activation reading or
     * computing with a 64-bit unsigned type where the engines do not ({@link Unsigned64Activations}).
     */
    Layer checked(final Hls4mlCall call, final String name, final Layer layer, final FixedPointType inType)
    {
        if (layer instanceof ElementwiseLayer e)
        {
            try
            {
                Unsigned64Activations.check(e, inType);
            }
            catch (final IllegalArgumentException ex)
            {
                throw importer.fail(call.location(), name, ex.getMessage());
            }
        }
        return layer;
    }

    Layer layer(
        final Hls4mlCall call,
        final String name,
        final Hls4mlConfig config,
        final int size,
        final FixedPointType inType,
        final FixedPointType resultType)
    {
        final Site site = new Site(call, name, config, size, inType, resultType);
        final String function = call.simpleName();
        final List<String> targs = call.templateArguments();
        final List<String> args = call.arguments();
        final SourceLocation at = call.location();
        if (ASSIGNS_INPUT.contains(function) && resultType.isInteger() && inType.integerBits() < 0)
        {
            throw importer.fail(at, name, function + " assigns its " + inType + " input to the result type " +
                resultType + ": ap_types' to_ap_int_base leaves an ap_int uninitialised for a source with negative " +
                "integer bits (g++ -O1 and -O2 give different results), so no engine can match it; supported: an " +
                "ap_fixed result type, or an input type with at least 0 integer bits");
        }
        switch (function)
        {
            case "relu":
                return new ReluLayer(name, size, resultType);
            case "linear":
                return new LinearLayer(name, size, resultType);
            case "relu6":
                return new ReluMaxLayer(name, size, 6, resultType);
            case "relu1":
                return new ReluMaxLayer(name, size, 1, resultType);
            case "relu_max":
                return new ReluMaxLayer(name, size, importer.integer(targs.get(2), at, name), resultType);
            case "sigmoid":
            case "tanh":
            case "softplus":
            case "softsign":
                return new LookupActivationLayer(name, LookupFunction.valueOf(function.toUpperCase()), size,
                    table(config, name), resultType);
            case "leaky_relu":
            case "thresholded_relu":
                return new ParametrizedReluLayer(name, ParametrizedRelu.valueOf(function.toUpperCase()), size,
                    literal(args.get(1), at, name), parameterType(call, inType, name), resultType);
            case "elu":
                return elu(site);
            case "selu":
                return new SeluLayer(name, size, table(config, name), generation.generation(), resultType);
            case "prelu":
                return prelu(site);
            case "unary_lut":
                return unaryLut(site);
            case "binary_tanh":
            case "ternary_tanh":
                return new SignActivationLayer(name, function.equals("ternary_tanh"), generation.generation(), size,
                    resultType);
            case "hard_sigmoid":
            case "hard_tanh":
                return hard(site);
            case "softmax":
            case "softmax_multidim":
                return softmax(site);
            default:
                throw new IllegalStateException(function);
        }
    }

    private FixedPointType parameterType(final Hls4mlCall call, final FixedPointType inType, final String name)
    {
        // Early and 0.8: <data_T, res_T, CONFIG_T> with a data_T parameter; 1.x: <data_T, param_T, res_T, CONFIG_T>.
        final List<String> targs = call.templateArguments();
        return targs.size() == 4 ? importer.type(targs.get(1), call.location(), name) : inType;
    }

    private EluLayer elu(final Site site)
    {
        final Hls4mlCall call = site.call();
        final String name = site.name();
        final Hls4mlConfig config = site.config();
        final FixedPointType resultType = site.resultType();
        final ActivationTable table = table(config, name);
        if (call.arguments().size() == 2)
        {
            // elu(data, res) calls elu(data, 1.0, res): alpha as res_T before 1.x, as ap_uint<1> in 1.x.
            final FixedPointType one = generation.generation() == TemplateGeneration.V1 ?
                FixedPointType.parse("ap_ufixed<1,1>") : resultType;
            return new EluLayer(name, site.size(), 1.0, one, table, resultType);
        }
        final List<String> targs = call.templateArguments();
        final FixedPointType alphaType = targs.size() == 4 ?
            importer.type(targs.get(1), call.location(), name) : resultType;
        return new EluLayer(name, site.size(), literal(call.arguments().get(1), call.location(), name), alphaType,
            table, resultType);
    }

    private PReluLayer prelu(final Site site)
    {
        final String name = site.name();
        final FixedPointType alphaType = parameterType(site.call(), site.inType(), name);
        final long[] alphas =
            importer.weights(site.call().arguments().get(1), alphaType, site.size(), site.config(), name, "n_in");
        return new PReluLayer(name, site.size(), alphaType, alphas, site.resultType());
    }

    private HardActivationLayer hard(final Site site)
    {
        final String name = site.name();
        final Hls4mlConfig config = site.config();
        final HardFunction function = HardFunction.valueOf(site.call().simpleName().toUpperCase());
        final Hls4mlConfigField slope = config.field("slope");
        final Hls4mlConfigField shift = config.field("shift");
        if (slope == null && shift == null)
        {
            if (function == HardFunction.HARD_TANH || generation.generation() != TemplateGeneration.EARLY)
            {
                throw importer.fail(config.location(), name, config.name() + " declares no slope and shift " +
                    "(hls4ml 0.8 and later write both; the project is " + generation.generation() + ", " +
                    generation.reason() + ")");
            }
            return new HardActivationLayer(name, function, TemplateGeneration.EARLY, site.size(), 0.2, site.inType(),
                0.5, site.inType(), site.resultType());
        }
        if (slope == null || shift == null || slope.value().isEmpty() || shift.value().isEmpty())
        {
            throw importer.fail(config.location(), name, config.name() + " must define both slope and shift " +
                "values (const slope_t " + config.name() + "::slope = ...;)");
        }
        final TemplateGeneration g = generation.generation() == TemplateGeneration.EARLY ?
            TemplateGeneration.V0_8 : generation.generation();
        return new HardActivationLayer(name, function, g, site.size(),
            literal(slope.value(), slope.location(), name), importer.type(slope.valueType(), slope.location(), name),
            literal(shift.value(), shift.location(), name), importer.type(shift.valueType(), shift.location(), name),
            site.resultType());
    }

    private SoftmaxLayer softmax(final Site site)
    {
        final Hls4mlCall call = site.call();
        final String name = site.name();
        final Hls4mlConfig config = site.config();
        final Hls4mlConfigField impl = config.field("implementation");
        if (impl == null)
        {
            throw importer.fail(config.location(), name, config.name() + " declares no implementation");
        }
        final String value = impl.value().replace("nnet::softmax_implementation::", "").replace("nnet::", "");
        final SoftmaxImplementation implementation;
        try
        {
            implementation = SoftmaxImplementation.valueOf(value.toUpperCase());
        }
        catch (final IllegalArgumentException ex)
        {
            throw importer.fail(impl.location(), name, "softmax implementation '" + impl.value() +
                "' is not supported (supported: latency, stable, legacy, argmax)");
        }
        final FixedPointType expType = importer.typeField(config, "exp_table_t", name);
        final FixedPointType invType = importer.typeField(config, "inv_table_t", name);
        final FixedPointType legacyTable = tableType(config, name);
        final boolean v1Fields = config.field("exp_table_size") != null;
        try
        {
            if (!v1Fields)
            {
                final TemplateGeneration g = generation.generation() == TemplateGeneration.V1 ?
                    TemplateGeneration.V0_8 : generation.generation();
                return SoftmaxLayer.beforeV1(name, site.size(), implementation, g,
                    tableSize(config, "table_size", name), expType, invType, legacyTable, site.resultType());
            }
            final FixedPointType norm = implementation == SoftmaxImplementation.STABLE ?
                importer.typeField(config, "inp_norm_t", name) : null;
            final Hls4mlConfigField scale = config.field("exp_scale");
            final float expScale = scale == null ? 1.0f : (float)literal(scale.value(), scale.location(), name);
            final int nOuter = optionalInt(config, "n_outer", name, 1);
            final int nInner = optionalInt(config, "n_inner", name, 1);
            if ((nOuter > 1 || nInner > 1) != call.simpleName().equals("softmax_multidim"))
            {
                throw importer.fail(call.location(), name, call.function() + " with n_outer " + nOuter +
                    " and n_inner " + nInner + " (hls4ml calls softmax_multidim exactly when either is above 1)");
            }
            return new SoftmaxLayer(name, site.size(), implementation, TemplateGeneration.V1,
                new ActivationTable(expType, tableSize(config, "exp_table_size", name)),
                new ActivationTable(invType, tableSize(config, "inv_table_size", name)),
                importer.typeField(config, "accum_t", name), importer.typeField(config, "inv_inp_t", name),
                norm, expScale, legacyTable, nOuter, nInner, site.resultType());
        }
        catch (final IllegalArgumentException ex)
        {
            throw importer.fail(config.location(), name, ex.getMessage());
        }
    }

    private UnaryLutLayer unaryLut(final Site site)
    {
        final String name = site.name();
        final Hls4mlConfig config = site.config();
        if (generation.generation() != TemplateGeneration.V1)
        {
            throw importer.fail(site.call().location(), name, "unary_lut exists only in hls4ml 1.x's " +
                "nnet_activation.h, and this project is " + generation.generation() + " (" + generation.reason() + ")");
        }
        final FixedPointType tableType = importer.typeField(config, "table_t", name);
        final int tableSize = tableSize(config, "table_size", name);
        final long[] table = importer.weights(site.call().arguments().get(2), tableType, tableSize, config, name,
            "table_size");
        final UnaryLutLayer layer = new UnaryLutLayer(name, site.size(), tableType, table, site.resultType());
        layer.resultTable(site.inType());
        return layer;
    }

    /** The one table of elu, selu and the lookup activations: {@code table_t} and {@code table_size}. */
    private ActivationTable table(final Hls4mlConfig config, final String name)
    {
        return new ActivationTable(tableType(config, name), tableSize(config, "table_size", name));
    }

    private FixedPointType tableType(final Hls4mlConfig config, final String name)
    {
        return config.field("table_t") == null ? SoftmaxLayer.ACTIV_CONFIG_TABLE_T :
            importer.typeField(config, "table_t", name);
    }

    private int tableSize(final Hls4mlConfig config, final String field, final String name)
    {
        final int n = optionalInt(config, field, name, DEFAULT_TABLE_SIZE);
        if (n < 1)
        {
            throw importer.fail(config.location(), name, config.name() + " " + field + " " + n + " must be >= 1");
        }
        return n;
    }

    private int optionalInt(final Hls4mlConfig config, final String field, final String name, final int fallback)
    {
        final Hls4mlConfigField f = config.field(field);
        return f == null ? fallback : importer.integer(f.value(), f.location(), name);
    }

    /** One activation call with the layer's name, config and types: what every per-kind builder reads. */
    private record Site(
        Hls4mlCall call, String name, Hls4mlConfig config, int size, FixedPointType inType, FixedPointType resultType)
    {
    }

    /** A C floating literal as the compiler reads it (a double), e.g. {@code 0.3} or {@code 1.0f}. */
    private double literal(final String text, final SourceLocation at, final String name)
    {
        String t = text.strip();
        boolean isFloat = false;
        if (t.endsWith("f") || t.endsWith("F"))
        {
            t = t.substring(0, t.length() - 1);
            isFloat = true;
        }
        try
        {
            if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?"))
            {
                throw new NumberFormatException(t);
            }
            final double d = Double.parseDouble(t);
            return isFloat ? (float)d : d;
        }
        catch (final NumberFormatException ex)
        {
            throw importer.fail(at, name, "'" + text + "' is not a floating-point literal (supported: decimal " +
                "literals as hls4ml writes them)");
        }
    }
}
