package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.DenseLayer;

/**
 * hls4ml's {@code dense_latency} for one event, with pruned (zero) weights removed and, when the accumulator
 * truncates and wraps, 32-bit arithmetic wherever it is provably exact.
 *
 * <p>With AP_TRN + AP_WRAP on accum_t every step is "floor the product to the accumulator grid, add, wrap", and
 * wrapping is a ring homomorphism (arithmetic modulo 2^W_acc), so the wrap is deferred to the end and only bits
 * s .. s + W_acc - 1 of each exact product matter (s = product fraction bits - accumulator fraction bits).
 */
final class DenseKernel implements LayerKernel
{
    /** acc += (x*w) << -s: a left shift keeps the low bits exact modulo 2^32. */
    static final int MODE_SHIFT_LEFT = 0;
    /** acc += (x*w) >> s with an int product: exact when s + W_acc <= 32. */
    static final int MODE_SHIFT_RIGHT = 1;
    /** acc += (x*wh + ((x*wl) >> k)) >> (s-k): two exact int products, see {@link #splitBitsFor}. */
    static final int MODE_SPLIT = 2;
    /** acc += (int)(((long)x*w) >> s): 64-bit product. */
    static final int MODE_LONG = 3;
    /** Saturating or rounding accumulator: every step converted exactly in 64 bits, as hls4ml does. */
    static final int MODE_EXACT = 4;

    final int inputSize;
    final int outputSize;
    final int mode;
    final int shift;
    final int splitBits;
    final int[] columnStart;
    final int[] inputIndex;
    final int[] weight;
    final int[] weightHigh;
    final int[] weightLow;
    /**
     * For the SIMD paths: the weights of the shift modes as one multiply-then-arithmetic-shift-right by
     * {@link #vectorShift}. A left shift is folded into the weight: (x*w) << k and x*(w << k) agree modulo 2^32,
     * and a shift of 32 or more leaves nothing in the low 32 >= W_acc bits, so such weights become 0.
     */
    final int[] vectorWeight;
    final int vectorShift;
    /** The same weights by input row, for the single-event path (it skips zero inputs). */
    private final int[] rowStart;
    private final int[] rowOutput;
    private final int[] rowWeight;
    private final int[] rowWeightHigh;
    private final int[] rowWeightLow;
    /** Per-output accumulators of the single-event path. */
    private final int[] accumulators;
    private final long[] exactAccumulators;
    final int[] accBias;
    final int accWrapShift;
    final boolean accSigned;
    final int accMask;
    final RawConversion toResult;
    private final FixedPointType resultType;
    private final FixedPointType accumType;
    private final int productFraction;

    /**
     * @param inputType the type the input values are held in (possibly reduced, see {@link LayerKernel}).
     */
    DenseKernel(final DenseLayer layer, final FixedPointType inputType)
    {
        this.inputSize = layer.inputSize();
        this.outputSize = layer.outputSize();
        this.accumType = layer.accumType();
        this.productFraction = inputType.fractionBits() + layer.weightType().fractionBits();
        this.shift = productFraction - accumType.fractionBits();

        // Built only for IntKernelTypes models: ap_fixed of <= 32 bits with N = 0, so AP_TRN + AP_WRAP is exactly
        // "floor, then keep the low W bits", the ring homomorphism the deferred wrap relies on.
        final boolean wrapAccumulator =
            accumType.quantization() == Quantization.AP_TRN && accumType.overflow() == Overflow.AP_WRAP;
        final int accWidth = accumType.width();
        final int k = splitBitsFor(shift, accWidth, inputType);
        if (!wrapAccumulator)
        {
            mode = MODE_EXACT;
        }
        else if (shift <= 0)
        {
            mode = MODE_SHIFT_LEFT;
        }
        else if (shift + accWidth <= 32)
        {
            mode = MODE_SHIFT_RIGHT;
        }
        else if (k >= 0)
        {
            mode = MODE_SPLIT;
        }
        else
        {
            mode = MODE_LONG;
        }
        this.splitBits = Math.max(k, 0);

        // Compressed columns: for each output j its non-zero weights in ascending input order, the order
        // hls4ml accumulates in (it matters for saturating accumulators).
        int nonZero = 0;
        final long[] raw = layer.weights();
        for (final long w : raw)
        {
            nonZero += w != 0 ? 1 : 0;
        }
        columnStart = new int[outputSize + 1];
        inputIndex = new int[nonZero];
        weight = new int[nonZero];
        weightHigh = new int[nonZero];
        weightLow = new int[nonZero];
        int n = 0;
        for (int j = 0; j < outputSize; j++)
        {
            columnStart[j] = n;
            for (int i = 0; i < inputSize; i++)
            {
                final int w = (int)raw[i * outputSize + j];
                if (w != 0)
                {
                    inputIndex[n] = i;
                    weight[n] = w;
                    weightHigh[n] = w >> splitBits;
                    weightLow[n] = w & ((1 << splitBits) - 1);
                    n++;
                }
            }
        }
        columnStart[outputSize] = n;
        vectorWeight = new int[nonZero];
        for (int e = 0; e < nonZero; e++)
        {
            vectorWeight[e] = mode != MODE_SHIFT_LEFT ? weight[e] : (-shift >= 32 ? 0 : weight[e] << -shift);
        }
        vectorShift = mode == MODE_SHIFT_LEFT ? 0 : shift;

        rowStart = new int[inputSize + 1];
        rowOutput = new int[nonZero];
        rowWeight = new int[nonZero];
        rowWeightHigh = new int[nonZero];
        rowWeightLow = new int[nonZero];
        n = 0;
        for (int i = 0; i < inputSize; i++)
        {
            rowStart[i] = n;
            for (int j = 0; j < outputSize; j++)
            {
                final int w = (int)raw[i * outputSize + j];
                if (w != 0)
                {
                    rowOutput[n] = j;
                    rowWeight[n] = w;
                    rowWeightHigh[n] = w >> splitBits;
                    rowWeightLow[n] = w & ((1 << splitBits) - 1);
                    n++;
                }
            }
        }
        rowStart[inputSize] = n;
        accumulators = new int[outputSize];
        exactAccumulators = new long[outputSize];

        accBias = new int[outputSize];
        final long[] biases = layer.biases();
        for (int j = 0; j < outputSize; j++)
        {
            accBias[j] = (int)accumType.convert(biases[j], layer.biasType().fractionBits());
        }
        accWrapShift = 32 - accWidth;
        accSigned = accumType.isSigned();
        accMask = (int)accumType.maxRaw();
        resultType = layer.resultType();
        toResult = RawConversion.of(accumType.fractionBits(), resultType);
    }

    /**
     * The split k for MODE_SPLIT, or -1 when none exists. With w = wh*2^k + wl (0 &lt;= wl &lt; 2^k):
     * floor(x*w / 2^s) = floor((x*wh + floor(x*wl / 2^k)) / 2^(s-k)) exactly. x*wl is exact in an int when
     * |x| &lt; 2^m and k &lt;= 31 - m; x*wh is only needed modulo 2^32; the final right shift by s-k keeps the
     * W_acc bits needed exact when (s - k) + W_acc &lt;= 32. So any k in [s + W_acc - 32, min(s, 31 - m)] works.
     */
    static int splitBitsFor(final int s, final int accWidth, final FixedPointType inputType)
    {
        final int magnitudeBits = inputType.isSigned() ? inputType.width() - 1 : inputType.width();
        final int lo = Math.max(0, s + accWidth - 32);
        final int hi = Math.min(s, 31 - magnitudeBits);
        return s > 0 && lo <= hi ? lo : -1;
    }

    int mode()
    {
        return mode;
    }

    @Override
    public FixedPointType outputType()
    {
        return resultType;
    }

    @Override
    public boolean hasVectorForm()
    {
        return (mode == MODE_SHIFT_LEFT || mode == MODE_SHIFT_RIGHT || mode == MODE_SPLIT) && toResult.shiftAndWrap;
    }

    /**
     * One event, input by input: a zero input adds nothing (exact to skip, and inputs and ReLU outputs are often
     * zero), and each input's row of weights updates independent accumulators.
     */
    @Override
    public void run(final int[] in, final int[] out)
    {
        if (mode == MODE_EXACT)
        {
            runExact(in, out);
            return;
        }
        final int[] acc = accumulators;
        System.arraycopy(accBias, 0, acc, 0, outputSize);
        switch (mode)
        {
            case MODE_SHIFT_RIGHT -> accumulateShiftRight(in, acc);
            case MODE_SHIFT_LEFT -> accumulateShiftLeft(in, acc);
            case MODE_SPLIT -> accumulateSplit(in, acc);
            default -> accumulateLong(in, acc);
        }
        final int ws = accWrapShift;
        final RawConversion r = toResult;
        for (int j = 0; j < outputSize; j++)
        {
            final int a = accSigned ? (acc[j] << ws) >> ws : acc[j] & accMask;
            out[j] = r.shiftAndWrap ? r.applyShiftAndWrap(a) : r.applyExact(a);
        }
    }

    private void accumulateShiftRight(final int[] in, final int[] acc)
    {
        final int s = shift;
        for (int i = 0; i < inputSize; i++)
        {
            final int x = in[i];
            if (x != 0)
            {
                for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
                {
                    acc[rowOutput[k]] += (x * rowWeight[k]) >> s;
                }
            }
        }
    }

    private void accumulateShiftLeft(final int[] in, final int[] acc)
    {
        if (-shift >= 32)
        {
            return; // a left shift by 32 or more leaves nothing in the low 32 >= W_acc bits
        }
        final int s = -shift;
        for (int i = 0; i < inputSize; i++)
        {
            final int x = in[i];
            if (x != 0)
            {
                for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
                {
                    acc[rowOutput[k]] += (x * rowWeight[k]) << s;
                }
            }
        }
    }

    private void accumulateSplit(final int[] in, final int[] acc)
    {
        final int k0 = splitBits;
        final int s = shift - splitBits;
        for (int i = 0; i < inputSize; i++)
        {
            final int x = in[i];
            if (x != 0)
            {
                for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
                {
                    acc[rowOutput[k]] += (x * rowWeightHigh[k] + ((x * rowWeightLow[k]) >> k0)) >> s;
                }
            }
        }
    }

    private void accumulateLong(final int[] in, final int[] acc)
    {
        // |x*w| <= 2^62, so a shift of 63 already yields floor = 0 or -1; Java would take 64 as 0.
        final int s = Math.min(shift, 63);
        for (int i = 0; i < inputSize; i++)
        {
            final long x = in[i];
            if (x != 0)
            {
                for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
                {
                    acc[rowOutput[k]] += (int)((x * rowWeight[k]) >> s);
                }
            }
        }
    }

    private void runExact(final int[] in, final int[] out)
    {
        final FixedPointType accT = accumType;
        final long[] acc = exactAccumulators;
        for (int j = 0; j < outputSize; j++)
        {
            acc[j] = accBias[j];
        }
        // Inputs in ascending order, so every accumulator sees its products in hls4ml's order (it matters when
        // the accumulator saturates); a zero product converts to zero in every mode and adding zero to an
        // in-range value changes nothing, so skipping zero inputs and pruned weights is exact.
        for (int i = 0; i < inputSize; i++)
        {
            final long x = in[i];
            if (x != 0)
            {
                for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
                {
                    final int j = rowOutput[k];
                    acc[j] = accT.applyOverflow(acc[j] + accT.convert(x * rowWeight[k], productFraction));
                }
            }
        }
        for (int j = 0; j < outputSize; j++)
        {
            out[j] = toResult.applyExact(acc[j]);
        }
    }
}
