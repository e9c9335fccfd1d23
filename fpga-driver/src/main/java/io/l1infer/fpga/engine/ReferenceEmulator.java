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

/**
 * The plain, obviously correct emulation of hls4ml's arithmetic that the fast engine is tested against: one event
 * at a time, exact values as BigInteger, every conversion spelled out with BigDecimal rounding. Slow by design;
 * shares no arithmetic code with {@link FixedPointEmulator} or {@link FixedPointType#convert}, except for the
 * activations of {@code nnet_activation.h}, which both run through {@link ActivationFunctions} (checked against
 * hls4ml's C++ directly by {@code ActivationOracleTest}).
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

    /** Run one event: raw inputs of the input type in, raw outputs of the output type out. */
    public int[] infer(final int[] rawInput)
    {
        if (rawInput.length != model.input().size())
        {
            throw new IllegalArgumentException("expected " + model.input().size() + " inputs, got " + rawInput.length);
        }
        BigInteger[] x = new BigInteger[rawInput.length];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = BigInteger.valueOf(rawInput[i]);
        }
        FixedPointType xType = model.input().type();
        for (final Layer layer : model.layers())
        {
            x = run(layer, x, xType);
            xType = layer.resultType();
        }
        final int[] out = new int[x.length];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = x[i].intValueExact();
        }
        return out;
    }

    private static BigInteger[] run(final Layer layer, final BigInteger[] x, final FixedPointType xType)
    {
        if (layer instanceof ElementwiseLayer e)
        {
            // The activation kernels are checked against hls4ml's C++ directly (ActivationOracleTest), not here.
            final long[] in = new long[x.length];
            for (int k = 0; k < x.length; k++)
            {
                in[k] = x[k].longValueExact();
            }
            final long[] out = new long[e.outputSize()];
            ActivationFunctions.create(e, xType).run(in, out);
            final BigInteger[] y = new BigInteger[out.length];
            for (int k = 0; k < out.length; k++)
            {
                y[k] = BigInteger.valueOf(out[k]);
            }
            return y;
        }
        if (layer instanceof DenseLayer d)
        {
            return dense(d, x, xType);
        }
        if (layer instanceof BatchNormLayer bn)
        {
            return batchNorm(bn, x, xType);
        }
        if (layer instanceof ReluLayer r)
        {
            final BigInteger[] y = new BigInteger[x.length];
            for (int k = 0; k < x.length; k++)
            {
                y[k] = x[k].signum() > 0 ? convert(x[k], xType.fractionBits(), r.resultType()) : BigInteger.ZERO;
            }
            return y;
        }
        final LinearLayer l = (LinearLayer)layer;
        final BigInteger[] y = new BigInteger[x.length];
        for (int k = 0; k < x.length; k++)
        {
            y[k] = convert(x[k], xType.fractionBits(), l.resultType());
        }
        return y;
    }

    private static BigInteger[] dense(final DenseLayer d, final BigInteger[] x, final FixedPointType xType)
    {
        final FixedPointType acc = d.accumType();
        final int productFraction = xType.fractionBits() + d.weightType().fractionBits();
        final BigInteger[] y = new BigInteger[d.outputSize()];
        for (int j = 0; j < d.outputSize(); j++)
        {
            BigInteger a = convert(BigInteger.valueOf(d.biases()[j]), d.biasType().fractionBits(), acc);
            for (int i = 0; i < d.inputSize(); i++)
            {
                final BigInteger product = x[i].multiply(BigInteger.valueOf(d.weight(i, j)));
                final BigInteger p = convert(product, productFraction, acc);
                a = convert(a.add(p), acc.fractionBits(), acc);
            }
            y[j] = convert(a, acc.fractionBits(), d.resultType());
        }
        return y;
    }

    private static BigInteger[] batchNorm(final BatchNormLayer bn, final BigInteger[] x, final FixedPointType xType)
    {
        final long[] scales = bn.scales();
        final long[] biases = bn.biases();
        final int productFraction = xType.fractionBits() + bn.scaleType().fractionBits();
        final int biasFraction = bn.biasType().fractionBits();
        final int common = Math.max(productFraction, biasFraction);
        final BigInteger[] y = new BigInteger[x.length];
        for (int k = 0; k < x.length; k++)
        {
            final BigInteger product = x[k].multiply(BigInteger.valueOf(scales[k])).shiftLeft(common - productFraction);
            final BigInteger bias = BigInteger.valueOf(biases[k]).shiftLeft(common - biasFraction);
            y[k] = convert(product.add(bias), common, bn.resultType());
        }
        return y;
    }

    /**
     * The exact value raw * 2^-fromFraction put on the grid of {@code type}: rounding first (Q), then overflow (O).
     */
    static BigInteger convert(final BigInteger raw, final int fromFraction, final FixedPointType type)
    {
        // Exact value in units of the target LSB: raw * 2^(F - fromFraction).
        final BigDecimal scaled = new BigDecimal(raw).multiply(powerOfTwo(type.fractionBits() - fromFraction));
        final BigInteger q = switch (type.quantization())
        {
            case AP_TRN -> scaled.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case AP_RND -> scaled.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case AP_RND_CONV -> scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        };
        final BigInteger min = BigInteger.valueOf(type.minRaw());
        final BigInteger max = BigInteger.valueOf(type.maxRaw());
        if (type.overflow() == Overflow.AP_SAT)
        {
            return q.min(max).max(min);
        }
        final BigInteger modulus = BigInteger.ONE.shiftLeft(type.width());
        BigInteger wrapped = q.mod(modulus);
        if (wrapped.compareTo(max) > 0)
        {
            wrapped = wrapped.subtract(modulus);
        }
        return wrapped;
    }

    private static BigDecimal powerOfTwo(final int exponent)
    {
        return exponent >= 0 ?
            new BigDecimal(BigInteger.ONE.shiftLeft(exponent)) :
            BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-exponent)));
    }
}
