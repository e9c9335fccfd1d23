package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The plain, obviously correct emulation of hls4ml's arithmetic that the fast engine is tested against: one event
 * at a time, exact values as BigInteger with the format (fraction bits, integer bits, sign) the C++ expression has,
 * every conversion spelled out with BigDecimal rounding. Slow by design; shares no arithmetic code with
 * {@link FixedPointEmulator} or {@link FixedPointType#convert}, except for the activations of
 * {@code nnet_activation.h}, which both run through {@link ActivationFunctions} (checked against hls4ml's C++
 * directly by {@code ActivationOracleTest}).
 */
public final class ReferenceEmulator
{
    private final ModelBundle model;

    public ReferenceEmulator(final ModelBundle model)
    {
        this.model = model;
    }

    public ModelBundle model()
    {
        return model;
    }

    /** Run one event: raw inputs of the input type in, raw outputs of the output type out (types of <= 32 bits). */
    public int[] infer(final int[] rawInput)
    {
        final long[] wide = new long[rawInput.length];
        for (int i = 0; i < wide.length; i++)
        {
            wide[i] = rawInput[i];
        }
        final long[] out = infer(wide);
        final int[] narrow = new int[out.length];
        for (int i = 0; i < out.length; i++)
        {
            narrow[i] = Math.toIntExact(out[i]);
        }
        return narrow;
    }

    /** Run one event on raw values of any supported width. */
    public long[] infer(final long[] rawInput)
    {
        if (rawInput.length != model.input().size())
        {
            throw new IllegalArgumentException("expected " + model.input().size() + " inputs, got " + rawInput.length);
        }
        BigInteger[] x = new BigInteger[rawInput.length];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = model.input().type().rawValue(rawInput[i]);
        }
        FixedPointType xType = model.input().type();
        for (final Layer layer : model.layers())
        {
            x = run(layer, x, xType);
            xType = layer.resultType();
        }
        final long[] out = new long[x.length];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = raw(x[i], xType);
        }
        return out;
    }

    /** The raw value of {@code v}, a value of {@code t} (a 64-bit unsigned one as its bits). */
    private static long raw(final BigInteger v, final FixedPointType t)
    {
        return t.isUnsigned64() ? v.longValue() : v.longValueExact();
    }

    private static BigInteger[] run(final Layer layer, final BigInteger[] x, final FixedPointType xType)
    {
        if (layer instanceof ElementwiseLayer e)
        {
            // The activation kernels are checked against hls4ml's C++ directly (ActivationOracleTest), not here.
            final long[] in = new long[x.length];
            for (int k = 0; k < x.length; k++)
            {
                in[k] = raw(x[k], xType);
            }
            final long[] out = new long[e.outputSize()];
            ActivationFunctions.create(e, xType).run(in, out);
            final BigInteger[] y = new BigInteger[out.length];
            for (int k = 0; k < out.length; k++)
            {
                y[k] = e.resultType().rawValue(out[k]);
            }
            return y;
        }
        if (layer instanceof DenseLayer d)
        {
            return d.compressed() != null ? denseCompressed(d, x, xType) : dense(d, x, xType);
        }
        if (layer instanceof BatchNormLayer bn)
        {
            return batchNorm(bn, x, xType);
        }
        final Format from = Format.of(xType);
        final BigInteger[] y = new BigInteger[x.length];
        if (layer instanceof ReluLayer r)
        {
            for (int k = 0; k < x.length; k++)
            {
                y[k] = x[k].signum() > 0 ? convert(x[k], from, r.resultType()) : BigInteger.ZERO;
            }
            return y;
        }
        final LinearLayer l = (LinearLayer)layer;
        for (int k = 0; k < x.length; k++)
        {
            y[k] = convert(x[k], from, l.resultType());
        }
        return y;
    }

    /**
     * dense_latency: acc = (accum_t)bias; for i ascending acc = (accum_t)(acc + (accum_t)(x_i * w_ij)) where the
     * product has the exact type ap_fixed&lt;Wx+Ww, Ix+Iw&gt; and the sum ap_fixed&lt;W+1, I+1&gt;; res = (res_t)acc.
     */
    private static BigInteger[] dense(final DenseLayer d, final BigInteger[] x, final FixedPointType xType)
    {
        final FixedPointType acc = d.accumType();
        final Format product = new Format(xType.fractionBits() + d.weightType().fractionBits(),
            xType.integerBits() + d.weightType().integerBits(), xType.isSigned() || d.weightType().isSigned());
        final Format sum = new Format(acc.fractionBits(), acc.integerBits() + 1, acc.isSigned());
        final BigInteger[] y = new BigInteger[d.outputSize()];
        for (int j = 0; j < d.outputSize(); j++)
        {
            BigInteger a = convert(d.biasType().rawValue(d.biases()[j]), Format.of(d.biasType()), acc);
            for (int i = 0; i < d.inputSize(); i++)
            {
                final BigInteger p = convert(x[i].multiply(d.weightType().rawValue(d.weight(i, j))), product, acc);
                a = convert(a.add(p), sum, acc);
            }
            y[j] = convert(a, Format.of(acc), d.resultType());
        }
        return y;
    }

    /**
     * dense_compressed, its loops as written: acc[j] = (accum_t)bias[j]; for each reuse step ir, mult[] = 0, for
     * im ascending entry w = im * R + ir adds (accum_t)(x[row] * weight) into mult[col], then acc[j] += mult[j] for
     * every j; every += converts the exact sum to accum_t; res = (res_t)acc.
     */
    private static BigInteger[] denseCompressed(final DenseLayer d, final BigInteger[] x, final FixedPointType xType)
    {
        final FixedPointType acc = d.accumType();
        final Format product = new Format(xType.fractionBits() + d.weightType().fractionBits(),
            xType.integerBits() + d.weightType().integerBits(), xType.isSigned() || d.weightType().isSigned());
        final Format sum = new Format(acc.fractionBits(), acc.integerBits() + 1, acc.isSigned());
        final int n = d.outputSize();
        final int[] entries = d.compressed().entries();
        final int rf = d.compressed().reuseFactor();
        final long[] w = d.weights();
        final BigInteger[] a = new BigInteger[n];
        for (int j = 0; j < n; j++)
        {
            a[j] = convert(BigInteger.valueOf(d.biases()[j]), Format.of(d.biasType()), acc);
        }
        for (int ir = 0; ir < rf; ir++)
        {
            final BigInteger[] mult = new BigInteger[n];
            Arrays.fill(mult, BigInteger.ZERO);
            for (int im = 0; im < entries.length / rf; im++)
            {
                final int e = entries[im * rf + ir];
                final BigInteger p = convert(x[e / n].multiply(BigInteger.valueOf(w[e])), product, acc);
                mult[e % n] = convert(mult[e % n].add(p), sum, acc);
            }
            for (int j = 0; j < n; j++)
            {
                a[j] = convert(a[j].add(mult[j]), sum, acc);
            }
        }
        final BigInteger[] y = new BigInteger[n];
        for (int j = 0; j < n; j++)
        {
            y[j] = convert(a[j], Format.of(acc), d.resultType());
        }
        return y;
    }

    /** normalize: res = (res_t)(x * scale + bias), product and sum exact. */
    private static BigInteger[] batchNorm(final BatchNormLayer bn, final BigInteger[] x, final FixedPointType xType)
    {
        final long[] scales = bn.scales();
        final long[] biases = bn.biases();
        final int productFraction = xType.fractionBits() + bn.scaleType().fractionBits();
        final int productInteger = xType.integerBits() + bn.scaleType().integerBits();
        final int biasFraction = bn.biasType().fractionBits();
        final int common = Math.max(productFraction, biasFraction);
        final Format sum = new Format(common, Math.max(productInteger, bn.biasType().integerBits()) + 1,
            xType.isSigned() || bn.scaleType().isSigned() || bn.biasType().isSigned());
        final BigInteger[] y = new BigInteger[x.length];
        for (int k = 0; k < x.length; k++)
        {
            final BigInteger product = x[k].multiply(bn.scaleType().rawValue(scales[k]))
                .shiftLeft(common - productFraction);
            final BigInteger bias = bn.biasType().rawValue(biases[k]).shiftLeft(common - biasFraction);
            y[k] = convert(product.add(bias), sum, bn.resultType());
        }
        return y;
    }

    /** The fraction bits, integer bits and signedness of the C++ value being converted. */
    record Format(int fraction, int integer, boolean signed)
    {
        static Format of(final FixedPointType t)
        {
            return new Format(t.fractionBits(), t.integerBits(), t.isSigned());
        }
    }

    /**
     * The exact value raw * 2^-from.fraction put into {@code type} as ap_types' assignment does: for ap_int, the
     * integer part toward zero (-1 for a negative source with no integer bits) and the low W bits; otherwise
     * rounding Q, then overflow O.
     */
    static BigInteger convert(final BigInteger raw, final Format from, final FixedPointType type)
    {
        final BigInteger modulus = BigInteger.ONE.shiftLeft(type.width());
        if (type.isInteger())
        {
            final BigInteger whole;
            if (from.fraction() <= 0)
            {
                whole = raw.shiftLeft(-from.fraction());
            }
            else if (from.integer() == 0)
            {
                whole = raw.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO;
            }
            else
            {
                whole = new BigDecimal(raw).multiply(powerOfTwo(-from.fraction()))
                    .setScale(0, RoundingMode.DOWN).toBigIntegerExact();
            }
            return fromPattern(whole.mod(modulus), type);
        }
        // Exact value in units of the target LSB: raw * 2^(F - fromFraction).
        final BigDecimal scaled = new BigDecimal(raw).multiply(powerOfTwo(type.fractionBits() - from.fraction()));
        final BigInteger floor = scaled.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
        final BigDecimal half = new BigDecimal("0.5");
        final BigInteger q = switch (type.quantization())
        {
            case AP_TRN -> floor;
            case AP_TRN_ZERO -> scaled.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
            case AP_RND -> scaled.add(half).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case AP_RND_MIN_INF -> scaled.subtract(half).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
            case AP_RND_ZERO -> scaled.setScale(0, RoundingMode.HALF_DOWN).toBigIntegerExact();
            case AP_RND_INF -> scaled.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
            case AP_RND_CONV -> scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        };
        final BigInteger min = type.rawValue(type.minRaw());
        final BigInteger max = type.rawValue(type.maxRaw());
        if (q.compareTo(min) >= 0 && q.compareTo(max) <= 0)
        {
            final boolean symmetric = type.overflow() == Overflow.AP_SAT_SYM && type.isSigned() && from.signed() &&
                type.integerBits() <= from.integer();
            return symmetric && q.equals(min) ? symmetricMin(type, min, max) : q;
        }
        final boolean negative = q.signum() < 0;
        final int w = type.width();
        final int n = type.saturationBits();
        switch (type.overflow())
        {
            case AP_SAT:
                return negative ? min : max;
            case AP_SAT_ZERO:
                return BigInteger.ZERO;
            case AP_SAT_SYM:
                return negative ? (type.isSigned() ? symmetricMin(type, min, max) : BigInteger.ZERO) : max;
            case AP_WRAP:
            {
                BigInteger u = q.mod(modulus);
                if (n > 0)
                {
                    u = forceTop(u, negative, type);
                }
                return fromPattern(u, type);
            }
            default:
            {
                if (!type.isSigned())
                {
                    return negative ? BigInteger.ZERO : max;
                }
                BigInteger u = q.mod(modulus);
                final boolean ro = u.testBit(w - 1);
                if (n == 0)
                {
                    final boolean lD = floor.testBit(w);
                    if (lD != ro)
                    {
                        u = setBit(u.xor(modulus.subtract(BigInteger.ONE)), w - 1, lD);
                    }
                }
                else if (n == 1)
                {
                    if (negative != ro)
                    {
                        u = u.xor(modulus.subtract(BigInteger.ONE));
                    }
                    u = setBit(u, w - 1, negative);
                }
                else
                {
                    if (u.testBit(w - n) == negative)
                    {
                        u = u.xor(modulus.subtract(BigInteger.ONE));
                    }
                    u = forceTop(u, negative, type);
                }
                return fromPattern(u, type);
            }
        }
    }

    /** AP_SAT_SYM's negative bound: -max, except min (-1) for a 1-bit signed type (ap_types sets min's bit 0). */
    private static BigInteger symmetricMin(final FixedPointType type, final BigInteger min, final BigInteger max)
    {
        return type.width() == 1 ? min : max.negate();
    }

    private static BigInteger forceTop(final BigInteger pattern, final boolean negative, final FixedPointType type)
    {
        final int w = type.width();
        BigInteger u = pattern;
        if (!type.isSigned())
        {
            for (int b = w - type.saturationBits(); b < w; b++)
            {
                u = u.setBit(b);
            }
            return u;
        }
        for (int b = w - type.saturationBits(); b < w - 1; b++)
        {
            u = setBit(u, b, !negative);
        }
        return setBit(u, w - 1, negative);
    }

    private static BigInteger setBit(final BigInteger u, final int bit, final boolean value)
    {
        return value ? u.setBit(bit) : u.clearBit(bit);
    }

    private static BigInteger fromPattern(final BigInteger pattern, final FixedPointType type)
    {
        if (type.isSigned() && pattern.testBit(type.width() - 1))
        {
            return pattern.subtract(BigInteger.ONE.shiftLeft(type.width()));
        }
        return pattern;
    }

    private static BigDecimal powerOfTwo(final int exponent)
    {
        return exponent >= 0 ?
            new BigDecimal(BigInteger.ONE.shiftLeft(exponent)) :
            BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-exponent)));
    }
}
