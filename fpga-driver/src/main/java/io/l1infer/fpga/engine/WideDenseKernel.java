package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Int128;
import io.l1infer.fpga.model.DenseLayer;

/**
 * hls4ml's {@code dense_latency} (and the thesis release's {@code dense}) for any types, in its order:
 * {@code acc[j] = (accum_t)bias[j]}; for i ascending {@code acc[j] = (accum_t)(acc[j] + (accum_t)(x[i] * w[i][j]))},
 * the product exact ({@code ap_fixed<Wx+Ww, Ix+Iw>}, up to 128 bits through Math.multiplyHigh) and the sum exact
 * ({@code ap_fixed<Wacc+1, Iacc+1>}); then {@code res[j] = (res_T)acc[j]}.
 *
 * <p>Zero inputs and pruned weights are skipped: a zero product converts to 0 in every mode and type, and
 * acc + 0 converts back to acc because acc is always in range and never the minimum of an AP_SAT_SYM type wider
 * than 1 bit (a 1-bit one keeps its minimum, see FixedPointType).
 */
final class WideDenseKernel implements WideLayerKernel
{
    private final int inputSize;
    private final int outputSize;
    private final int[] rowStart;
    private final int[] rowOutput;
    private final long[] rowWeight;
    private final long[] accBias;
    private final long[] accumulators;
    private final FixedPointType accumType;
    private final FixedPointType resultType;
    private final int productFraction;
    private final int productInteger;
    private final boolean productSigned;
    private final boolean inputUnsigned64;
    private final boolean weightUnsigned64;

    WideDenseKernel(final DenseLayer layer, final FixedPointType input)
    {
        inputSize = layer.inputSize();
        outputSize = layer.outputSize();
        accumType = layer.accumType();
        resultType = layer.resultType();
        final FixedPointType wt = layer.weightType();
        productFraction = input.fractionBits() + wt.fractionBits();
        productInteger = input.integerBits() + wt.integerBits();
        productSigned = input.isSigned() || wt.isSigned();
        inputUnsigned64 = input.isUnsigned64();
        weightUnsigned64 = wt.isUnsigned64();
        final String where = "layer '" + layer.name() + "'";
        accumType.checkConvertibleFrom(productInteger, where + " product to accum_t");
        accumType.checkConvertibleFrom(layer.biasType().integerBits(), where + " bias_t to accum_t");
        resultType.checkConvertibleFrom(accumType.integerBits(), where + " accum_t to result_t");

        final long[] raw = layer.weights();
        int nonZero = 0;
        for (final long w : raw)
        {
            nonZero += w != 0 ? 1 : 0;
        }
        // Input-major rows: updating every output's accumulator row by row keeps each output's products in
        // ascending input order, the order hls4ml accumulates in (it matters when accum_t saturates or rounds).
        rowStart = new int[inputSize + 1];
        rowOutput = new int[nonZero];
        rowWeight = new long[nonZero];
        int n = 0;
        for (int i = 0; i < inputSize; i++)
        {
            rowStart[i] = n;
            for (int j = 0; j < outputSize; j++)
            {
                final long w = raw[i * outputSize + j];
                if (w != 0)
                {
                    rowOutput[n] = j;
                    rowWeight[n] = w;
                    n++;
                }
            }
        }
        rowStart[inputSize] = n;
        final long[] biases = layer.biases();
        accBias = new long[outputSize];
        for (int j = 0; j < outputSize; j++)
        {
            accBias[j] = accumType.convert(biases[j], layer.biasType());
        }
        accumulators = new long[outputSize];
    }

    @Override
    public FixedPointType outputType()
    {
        return resultType;
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        final long[] acc = accumulators;
        System.arraycopy(accBias, 0, acc, 0, outputSize);
        for (int i = 0; i < inputSize; i++)
        {
            final long x = in[i];
            if (x == 0)
            {
                continue;
            }
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
            {
                final int j = rowOutput[k];
                acc[j] = sum(acc[j], product(x, rowWeight[k]));
            }
        }
        final FixedPointType resT = resultType;
        for (int j = 0; j < outputSize; j++)
        {
            out[j] = resT.convert(acc[j], accumType);
        }
    }

    /** {@code (accum_t)(x * w)}, the product exact. */
    long product(final long x, final long w)
    {
        // A 64-bit unsigned factor is read as unsigned (Int128.mulHigh), so the product stays exact.
        return accumType.convertWide(Int128.mulHigh(x, inputUnsigned64, w, weightUnsigned64), x * w, productFraction,
            productInteger, productSigned);
    }

    /** {@code (accum_t)(a + p)} of two accum_t values, the sum exact. */
    long sum(final long a, final long p)
    {
        final long sum = a + p;
        // An unsigned 64-bit accumulator's sum carries into the high word; a signed one's sign-extends.
        final long high = accumType.isUnsigned64() ? (Long.compareUnsigned(sum, a) < 0 ? 1 : 0) : Int128.addHigh(a, p);
        return accumType.convertWide(high, sum, accumType.fractionBits(), accumType.integerBits() + 1,
            accumType.isSigned());
    }

    /** {@code (res_T)acc}. */
    long result(final long acc)
    {
        return resultType.convert(acc, accumType);
    }

    /** {@code (accum_t)bias[j]}. */
    long bias(final int j)
    {
        return accBias[j];
    }
}
