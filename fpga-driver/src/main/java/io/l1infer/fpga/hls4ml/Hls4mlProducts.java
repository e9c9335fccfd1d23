package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.model.TemplateGeneration;

/**
 * Which product a dense layer's C++ uses ({@code nnet::product::*} in 0.8 and 1.x, the early release's overloads of
 * the free {@code product}), and the weights that make the plain exact product compute it.
 *
 * <p>{@code weight_binary} returns {@code w == 0 ? -a : a} and {@code weight_ternary} {@code 0}, {@code -a} or
 * {@code a}, each as {@code decltype(-a)} (ap_fixed&lt;W+1, I+1&gt;): the exact value of {@code a * w'} with w' in
 * {-1, 0, +1}, so the layer becomes a plain dense layer with {@code ap_int<2>} weights w'. The engine's exact product
 * type then has one integer bit more than {@code decltype(-a)}, which only the conversions that read the source's
 * integer bits can notice (AP_SAT_SYM and ap_int accumulators, refused where they would).
 */
final class Hls4mlProducts
{
    /** The weight type the binary and ternary products are imported with: values -1, 0 and +1. */
    static final FixedPointType SIGN = FixedPointType.apInt(true, 2);

    /** The products this importer maps. */
    enum Kind
    {
        MULT,
        WEIGHT_BINARY,
        WEIGHT_TERNARY
    }

    private static final FixedPointType BIT = FixedPointType.apInt(false, 1);

    private Hls4mlProducts()
    {
    }

    /**
     * The product of a dense layer, or a refusal naming the config's field.
     *
     * @param data the layer's input type ({@code data_T}), weight its {@code weight_t}, accum its {@code accum_t}.
     */
    static Kind dense(
        final Hls4mlImporter importer,
        final TemplateGeneration generation,
        final Hls4mlConfig config,
        final String name,
        final FixedPointType data,
        final FixedPointType weight,
        final FixedPointType accum)
    {
        final Hls4mlConfigField product = config.field("product");
        final SourceLocation at = product == null ? config.location() : product.location();
        if (data.equals(BIT) && weight.equals(BIT))
        {
            throw importer.fail(at, name, "ap_uint<1> data and ap_uint<1> weights (XNOR, both_binary): the result " +
                "is cast as 2 * acc - n_in, which is not supported (supported: binary weights with wider data)");
        }
        if (generation == TemplateGeneration.EARLY)
        {
            if (weight.equals(BIT) || weight.equals(SIGN))
            {
                throw importer.fail(config.location(), name, "weight_t " + weight + " selects the early release's " +
                    (weight.equals(BIT) ? "binary" : "ternary") + " product overload, which converts -a back to " +
                    "data_T; not supported (supported in early projects: the plain product)");
            }
            if (data.equals(BIT))
            {
                throw importer.fail(config.location(), name, "ap_uint<1> data with " + weight + " weights has no " +
                    "product overload in the early release (it does not compile)");
            }
            return Kind.MULT;
        }
        final String value = product == null ? "nnet::product::mult<x_T,y_T>" : CppText.normalize(product.value());
        final Kind kind;
        if (value.startsWith("nnet::product::mult<"))
        {
            return Kind.MULT;
        }
        else if (value.startsWith("nnet::product::weight_binary<"))
        {
            kind = Kind.WEIGHT_BINARY;
        }
        else if (value.startsWith("nnet::product::weight_ternary<"))
        {
            kind = Kind.WEIGHT_TERNARY;
        }
        else
        {
            throw importer.fail(at, name, "product '" + value + "' is not supported (supported: " +
                "nnet::product::mult, the plain product, weight_binary and weight_ternary; not both_binary, " +
                "data_binary or weight_exponential)");
        }
        final int negatedIntegerBits = data.integerBits() + 1;
        if (accum.overflow() == Overflow.AP_SAT_SYM && accum.integerBits() == negatedIntegerBits + 1)
        {
            throw importer.fail(at, name, value + " returns decltype(-a) = " + negatedIntegerBits + " integer bits, " +
                "and the AP_SAT_SYM accumulator " + accum + " with one integer bit more would be computed from a " +
                "wider product type; not supported (supported: other accumulators)");
        }
        if (accum.isInteger() && negatedIntegerBits <= 0)
        {
            throw importer.fail(at, name, value + " into the ap_int accumulator " + accum + " from data with " +
                data.integerBits() + " integer bits is not supported");
        }
        return kind;
    }

    /** The weights w' in {-1, 0, +1} (raw values of {@link #SIGN}) that the product computes as a plain product. */
    static long[] signs(final Kind kind, final long[] raw, final FixedPointType weight)
    {
        final long[] w = new long[raw.length];
        for (int i = 0; i < raw.length; i++)
        {
            if (kind == Kind.WEIGHT_BINARY)
            {
                w[i] = raw[i] == 0 ? -1 : 1;
            }
            else
            {
                w[i] = raw[i] == 0 ? 0 : isMinusOne(raw[i], weight) ? -1 : 1;
            }
        }
        return w;
    }

    /** True when the raw value is exactly -1 in the weight type (its value, as {@code w == -1} compares). */
    private static boolean isMinusOne(final long raw, final FixedPointType weight)
    {
        final int f = weight.fractionBits();
        return f >= 0 && f < 63 && raw == -(1L << f);
    }
}
