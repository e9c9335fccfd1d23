package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SeluLayer;
import io.l1infer.fpga.model.ParametrizedRelu;
import io.l1infer.fpga.model.ParametrizedReluLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gives one differential model in three 64-bit unsigned types ({@code ap_uint<64>}, {@code ap_ufixed<64,I>} in
 * every mode) where the engines compute them: dense accum_t, result_t, weight_t and bias_t, batchnorm scale_t,
 * bias_t and result_t, relu and linear result_t, the result_t of relu_max, thresholded_relu, selu and the lookup
 * activations and the table_t of the latter, hence the model output; never as an activation's input.
 */
final class DifferentialUnsigned64
{
    private DifferentialUnsigned64()
    {
    }

    static ModelBundle apply(final ModelBundle model, final SplittableRandom r)
    {
        if (r.nextInt(3) != 0)
        {
            return model;
        }
        final List<Layer> in = model.layers();
        final List<Layer> layers = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < in.size(); i++)
        {
            final Layer layer = in.get(i);
            final FixedPointType before = layers.isEmpty() ? model.input().type() :
                layers.get(layers.size() - 1).resultType();
            // the next layer reads this one's result: an activation must not get a 64-bit unsigned input
            final boolean resultFree = i + 1 == in.size() || !(in.get(i + 1) instanceof ElementwiseLayer);
            final Layer out;
            if (layer instanceof DenseLayer d)
            {
                final boolean signWeights = d.weightType().isInteger() && d.weightType().width() <= 2;
                final boolean w64 = !signWeights && r.nextInt(3) == 0;
                final boolean b64 = r.nextInt(4) == 0;
                final FixedPointType wt = w64 ? type(r, 0, 3) : d.weightType();
                final FixedPointType bt = b64 ? type(r, 0, 4) : d.biasType();
                final FixedPointType acc = r.nextInt(2) == 0 ? type(r, 8, 24) : d.accumType();
                final FixedPointType res = resultFree && r.nextInt(2) == 0 ? type(r, 4, 20) : d.resultType();
                out = new DenseLayer(d.name(), d.inputSize(), d.outputSize(), wt,
                    w64 ? raws(r, d.weights(), 0.3, wt) : d.weights(), bt,
                    b64 ? raws(r, d.biases(), 0.2, bt) : d.biases(),
                    acc, res);
            }
            else if (layer instanceof BatchNormLayer bn)
            {
                // x * scale + bias must stay within the engines' 126 exact bits: 64-bit scales only for narrow x
                final boolean s64 = before.width() <= 32 && r.nextInt(2) == 0;
                final boolean b64 = !s64 && r.nextInt(3) == 0;
                final FixedPointType st = s64 ? type(r, 0, 3) : bn.scaleType();
                final FixedPointType bt = b64 ? type(r, 0, 4) : bn.biasType();
                final FixedPointType res = resultFree && r.nextInt(2) == 0 ? type(r, 2, 12) : bn.resultType();
                out = exactBits(before, st, bt) > 120 ? bn : new BatchNormLayer(bn.name(), bn.size(), st,
                    s64 ? raws(r, bn.scales(), 0.05, st) : bn.scales(), bt,
                    b64 ? raws(r, bn.biases(), 0.1, bt) : bn.biases(), res);
            }
            else if (layer instanceof ReluLayer relu && resultFree && r.nextInt(2) == 0)
            {
                out = new ReluLayer(relu.name(), relu.size(), type(r, 2, 12));
            }
            else if (layer instanceof LinearLayer lin && resultFree && r.nextInt(2) == 0)
            {
                out = new LinearLayer(lin.name(), lin.size(), type(r, 2, 12));
            }
            else if (layer instanceof ElementwiseLayer a && r.nextInt(2) == 0)
            {
                out = activation(r, a, before, resultFree);
            }
            else
            {
                out = layer;
            }
            changed |= out != layer;
            layers.add(out);
        }
        if (!changed)
        {
            return model;
        }
        final ModelOutput o = model.output();
        return ModelBundle.of(model.name(), model.about(), model.input(), new ModelOutput(o.size(),
            layers.get(layers.size() - 1).resultType(), o.names(), o.scale(), o.unit()), layers);
    }

    /**
     * The activations whose result only receives conversions, with a 64-bit unsigned result_t (ap_uint only from an
     * input with I &gt;= 0, where to_ap_int_base is defined), and a lookup's table_t one time in two.
     */
    private static Layer activation(
        final SplittableRandom r, final ElementwiseLayer a, final FixedPointType before, final boolean resultFree)
    {
        final FixedPointType res = resultFree ? type(r, 1, 10, before.integerBits() >= 0) : a.resultType();
        if (a instanceof LookupActivationLayer l)
        {
            final FixedPointType tableType = r.nextBoolean() ? type(r, 1, 4, true) : l.table().type();
            final ActivationTable table = new ActivationTable(tableType, l.table().size());
            return new LookupActivationLayer(l.name(), l.function(), l.size(), table, res);
        }
        if (a instanceof ReluMaxLayer m)
        {
            return new ReluMaxLayer(m.name(), m.size(), m.maxInt(), res);
        }
        if (a instanceof ParametrizedReluLayer t && t.function() == ParametrizedRelu.THRESHOLDED_RELU)
        {
            return new ParametrizedReluLayer(t.name(), t.function(), t.size(), t.parameter(), t.parameterType(), res);
        }
        if (a instanceof SeluLayer s)
        {
            return new SeluLayer(s.name(), s.size(), s.table(), s.generation(), res);
        }
        return a;
    }

    /**
     * The bits of the exact x * scale + bias on the common grid, as the CPU engine bounds them (at most 126) and, give
     * or take one, the OpenCL generator's sum type (at most 128): the generator keeps it at 120.
     */
    private static int exactBits(final FixedPointType in, final FixedPointType scale, final FixedPointType bias)
    {
        final int productFraction = in.fractionBits() + scale.fractionBits();
        final int common = Math.max(productFraction, bias.fractionBits());
        return Math.max(magnitude(in) + magnitude(scale) + common - productFraction,
            magnitude(bias) + common - bias.fractionBits()) + 2;
    }

    private static int magnitude(final FixedPointType t)
    {
        return t.isSigned() ? t.width() - 1 : t.width();
    }

    /** True when {@code model} has a 64-bit unsigned type anywhere. */
    static boolean has(final ModelBundle model)
    {
        for (final Layer layer : model.layers())
        {
            if (layer.resultType().isUnsigned64())
            {
                return true;
            }
            if (layer instanceof DenseLayer d &&
                (d.weightType().isUnsigned64() || d.biasType().isUnsigned64() || d.accumType().isUnsigned64()))
            {
                return true;
            }
            if (layer instanceof BatchNormLayer bn && (bn.scaleType().isUnsigned64() || bn.biasType().isUnsigned64()))
            {
                return true;
            }
            if (layer instanceof LookupActivationLayer l && l.table().type().isUnsigned64())
            {
                return true;
            }
        }
        return false;
    }

    /** {@code ap_uint<64>} one time in six, else {@code ap_ufixed<64,I>}, I in [minI, maxI], modes at random. */
    private static FixedPointType type(final SplittableRandom r, final int minI, final int maxI)
    {
        return type(r, minI, maxI, true);
    }

    private static FixedPointType type(
        final SplittableRandom r, final int minI, final int maxI, final boolean integerAllowed)
    {
        if (integerAllowed && r.nextInt(6) == 0)
        {
            return FixedPointType.apInt(false, 64);
        }
        final boolean modes = r.nextBoolean();
        final Quantization q = modes ? Quantization.values()[r.nextInt(Quantization.values().length)] :
            Quantization.AP_TRN;
        // AP_WRAP two times in three: a saturating unsigned type turns every negative value into 0, and a chain of
        // them leaves few distinct outputs to compare
        final Overflow drawn = modes && r.nextInt(3) == 0 ? Overflow.values()[r.nextInt(Overflow.values().length)] :
            Overflow.AP_WRAP;
        final Overflow o = drawn == Overflow.AP_WRAP_SM ? Overflow.AP_WRAP : drawn;
        final int n = o == Overflow.AP_WRAP && r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
        return FixedPointType.of(false, 64, minI + r.nextInt(maxI - minI + 1), q, o, n);
    }

    /**
     * As many raw values as {@code like} holds, zero where it is (pruning kept) or at random: one time in four uniform
     * 64-bit patterns (2^63 or more half of those), else shifted right by 1 to 63 (magnitudes log-uniform), cut to 53
     * significant bits so that the decimal the writer prints is exactly a double; below 2^63 for {@code ap_uint<64>},
     * whose values a weights header holds as integer literals, which g++ types as {@code __int128} from 2^63 on
     * (ambiguous for ap_uint's constructors).
     */
    private static long[] raws(final SplittableRandom r, final long[] like, final double zeros, final FixedPointType t)
    {
        final long[] v = new long[like.length];
        for (int i = 0; i < v.length; i++)
        {
            if (like[i] == 0 || r.nextDouble() < zeros)
            {
                continue;
            }
            final long bits = r.nextLong() >>> (r.nextInt(4) == 0 ? (t.isInteger() ? 1 : 0) : 1 + r.nextInt(63));
            final int drop = Math.max(0, 64 - Long.numberOfLeadingZeros(bits) - 53);
            v[i] = bits & (-1L << drop);
        }
        return v;
    }
}
