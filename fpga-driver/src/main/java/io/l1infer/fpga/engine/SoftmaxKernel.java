package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;

/**
 * hls4ml's softmax in each implementation and template generation (see {@link SoftmaxLayer}): table indices are
 * the top bits of the raw pattern ({@code x(W-1, W-N)}, N = ceillog2(size)), sums follow {@code nnet::reduce}'s
 * balanced tree with one conversion per addition, each output is the exact product converted to {@code res_T}.
 * 1.x's {@code n_outer}/{@code n_inner} slices are gathered at stride {@code n_inner} as softmax_multidim does.
 */
final class SoftmaxKernel implements ActivationFunction
{
    private final SoftmaxImplementation implementation;
    private final boolean v1;
    private final int size;
    private final int slice;
    private final int nOuter;
    private final int nInner;
    private final FixedPointType input;
    private final FixedPointType result;
    private final FixedPointType expTableType;
    private final FixedPointType invTableType;
    private final FixedPointType accumType;
    private final FixedPointType invInputType;
    /** Stable: the type of the differences (1.x inp_norm_t; before, ap_fixed&lt;W,I,AP_RND,AP_SAT&gt;). */
    private final FixedPointType diffType;
    private final FixedPointType tableType;
    private final int expBits;
    private final int invBits;
    private final int expTableSize;
    private final int invTableSize;
    private final long[] expTable;
    private final long[] invTable;
    private final long tableOne;
    /** legacy's {@code 8 * table_size / 16} in C's unsigned arithmetic, added to each exp index. */
    private final long legacyExpOffset;
    private final long resultOne;
    private final long[] bufferIn;
    private final long[] bufferOut;
    private final long[] expRes;

    SoftmaxKernel(final SoftmaxLayer layer, final FixedPointType input)
    {
        this.implementation = layer.implementation();
        this.v1 = layer.generation() == TemplateGeneration.V1;
        this.size = layer.size();
        this.slice = layer.sliceSize();
        this.nOuter = layer.nOuter();
        this.nInner = layer.nInner();
        this.input = input;
        this.result = layer.resultType();
        this.expTableType = layer.expTable().type();
        this.invTableType = layer.invTable().type();
        this.accumType = layer.accumType();
        this.invInputType = layer.invInputType();
        this.tableType = layer.tableType();
        this.expTableSize = layer.expTable().size();
        this.invTableSize = layer.invTable().size();
        this.expBits = layer.expTable().addressBits();
        this.invBits = layer.invTable().addressBits();
        this.legacyExpOffset = layer.expTable().scaledSize(8, 16);
        this.bufferIn = new long[slice];
        this.bufferOut = new long[slice];
        this.expRes = new long[slice];
        this.resultOne = result.convert(1, ApFixedArithmetic.C_INT);
        final String name = layer.name();
        if (input.width() > 62)
        {
            throw new IllegalArgumentException(name + ": softmax input " + input + " wider than 62 bits is not " +
                "supported by the activation kernels yet");
        }
        switch (implementation)
        {
            case LATENCY:
            case STABLE:
            {
                final boolean stable = implementation == SoftmaxImplementation.STABLE;
                if (stable)
                {
                    diffType = v1 ? layer.normType() : FixedPointType.of(true, input.width(), input.integerBits(),
                        Quantization.AP_RND, Overflow.AP_SAT);
                }
                else
                {
                    diffType = null;
                }
                // The exp table is addressed by data_T before 1.x (the stable differences are converted back to
                // it) and by inp_norm_t in 1.x's stable form.
                final FixedPointType expIndexType = v1 && stable ? diffType : input;
                requirePowerOfTwo(name, "exp", expTableSize, expBits);
                requirePowerOfTwo(name, "inverse", invTableSize, invBits);
                requireBits(name, "exp", expIndexType, expBits);
                requireBits(name, "inverse", invInputType, invBits);
                ApFixedArithmetic.requireProductFits(name, accumType, invTableType);
                expTable = ActivationTables.softmaxExp(expIndexType, layer.expTable(), layer.expScale(), v1,
                    v1 && stable);
                invTable = ActivationTables.softmaxInvert(invInputType, layer.invTable());
                tableOne = 0;
                break;
            }
            case LEGACY:
                diffType = null;
                expTable = ActivationTables.legacyExp(layer.legacyExpTable());
                invTable = ActivationTables.legacyInvert(layer.legacyInvertTable());
                tableOne = tableType.convert(1, ApFixedArithmetic.C_INT);
                break;
            case ARGMAX:
                diffType = null;
                expTable = null;
                invTable = null;
                tableOne = 0;
                break;
            default:
                throw new IllegalStateException(implementation.name());
        }
    }

    private static void requirePowerOfTwo(final String name, final String table, final int size, final int bits)
    {
        if (size != 1 << bits)
        {
            throw new IllegalArgumentException(name + ": " + table + " table size " + size + " is not a power of two " +
                ">= 2: its " + bits + "-bit index can reach past the table (undefined in hls4ml's C++)");
        }
    }

    private static void requireBits(final String name, final String table, final FixedPointType type, final int bits)
    {
        if (bits > type.width())
        {
            throw new IllegalArgumentException(name + ": the " + table + " table needs " + bits +
                " address bits, more than the " + type.width() + " bits of " + type +
                " (hls4ml would slice outside the value)");
        }
    }

    @Override
    public FixedPointType outputType()
    {
        return result;
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        if (nOuter == 1 && nInner == 1)
        {
            runSlice(in, out);
            return;
        }
        for (int i = 0; i < nOuter; i++)
        {
            for (int k = 0; k < nInner; k++)
            {
                for (int j = 0; j < slice; j++)
                {
                    bufferIn[j] = in[i * slice * nInner + j * nInner + k];
                }
                runSlice(bufferIn, bufferOut);
                for (int j = 0; j < slice; j++)
                {
                    out[i * slice * nInner + j * nInner + k] = bufferOut[j];
                }
            }
        }
    }

    private void runSlice(final long[] data, final long[] res)
    {
        switch (implementation)
        {
            case LATENCY:
                latency(data, res, false);
                break;
            case STABLE:
                latency(data, res, true);
                break;
            case LEGACY:
                legacy(data, res);
                break;
            case ARGMAX:
                argmax(data, res);
                break;
            default:
                throw new IllegalStateException(implementation.name());
        }
    }

    private void latency(final long[] data, final long[] res, final boolean stable)
    {
        final int fin = input.fractionBits();
        long max = 0;
        if (stable)
        {
            // nnet::reduce with Op_max (a >= b ? a : b) is the maximum whatever the tree.
            max = data[0];
            for (int i = 1; i < slice; i++)
            {
                max = Math.max(max, data[i]);
            }
        }
        for (int i = 0; i < slice; i++)
        {
            final int index;
            if (!stable)
            {
                index = ApFixedArithmetic.topBits(data[i], input, expBits);
            }
            else if (v1)
            {
                index = ApFixedArithmetic.topBits(diffType.convert(max - data[i], fin), diffType, expBits);
            }
            else
            {
                final long d = diffType.convert(data[i] - max, fin);
                index = ApFixedArithmetic.topBits(input.convert(d, diffType), input, expBits);
            }
            // Before 1.x exp_res is exp_table_t (accumType equals it, the conversion is the identity).
            expRes[i] = accumType.convert(expTable[index], expTableType);
        }
        final long sum = reduceSum(expRes, 0, slice, accumType);
        final long invInput = invInputType.convert(sum, accumType);
        final long inv = invTable[ApFixedArithmetic.topBits(invInput, invInputType, invBits)];
        final int productF = accumType.fractionBits() + invTableType.fractionBits();
        for (int i = 0; i < slice; i++)
        {
            res[i] = result.convert(expRes[i] * inv, productF);
        }
    }

    /** {@code nnet::reduce<T, N, Op_add<T>>}: left half the largest power of two below N, each sum converted to T. */
    private static long reduceSum(final long[] x, final int from, final int n, final FixedPointType t)
    {
        if (n == 1)
        {
            return x[from];
        }
        if (n == 2)
        {
            return t.convert(x[from] + x[from + 1], t.fractionBits());
        }
        final int left = Integer.highestOneBit(n - 1);
        return t.convert(reduceSum(x, from, left, t) + reduceSum(x, from + left, n - left, t), t.fractionBits());
    }

    private void legacy(final long[] data, final long[] res)
    {
        final int fin = input.fractionBits();
        final int tf = tableType.fractionBits();
        for (int ii = 0; ii < slice; ii++)
        {
            long acc = 0;
            for (int jj = 0; jj < slice; jj++)
            {
                final long e;
                if (ii == jj)
                {
                    e = tableOne;
                }
                else
                {
                    final int round = ApFixedArithmetic.intOfScaledQuotientFast(data[jj] - data[ii], fin,
                        expTableSize, 16);
                    e = expTable[clamp((int)(round + legacyExpOffset), expTableSize)];
                }
                acc = tableType.convert(acc + e, tf);
            }
            expRes[ii] = acc;
        }
        for (int ii = 0; ii < slice; ii++)
        {
            final int index = ApFixedArithmetic.intOfScaledQuotientFast(expRes[ii], tf, invTableSize, 64);
            res[ii] = result.convert(invTable[clamp(index, invTableSize)], tableType);
        }
    }

    private static int clamp(final int index, final int tableSize)
    {
        if (index < 0)
        {
            return 0;
        }
        return Math.min(index, tableSize - 1);
    }

    private void argmax(final long[] data, final long[] res)
    {
        long max = data[0];
        int idx = 0;
        for (int i = 0; i < slice; i++)
        {
            res[i] = 0;
        }
        for (int i = 1; i < slice; i++)
        {
            if (data[i] > max)
            {
                max = data[i];
                idx = i;
            }
        }
        res[idx] = resultOne;
    }
}
