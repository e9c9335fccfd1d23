package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.DenseLayer;

import static io.l1infer.fpga.engine.LayerKernel.TILE;

/**
 * hls4ml's {@code dense_latency} over a tile of events, with pruned (zero) weights removed and, when the
 * accumulator truncates and wraps, 32-bit arithmetic wherever it is provably exact.
 *
 * <p>Weights are kept input-major (compressed rows by input i), so accumulation for every output j runs in
 * ascending i as hls4ml does, which matters for saturating accumulators.
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

    private final int inputSize;
    private final int outputSize;
    private final int mode;
    private final int shift;
    private final int splitBits;
    private final int[] rowStart;
    private final int[] column;
    private final int[] weight;
    private final int[] weightHigh;
    private final int[] weightLow;
    private final int[] accBias;
    private final int accWrapShift;
    private final boolean accSigned;
    private final int accMask;
    private final FixedPointType accumType;
    private final int productFraction;
    private final RawConversion toResult;

    DenseKernel(final DenseLayer layer, final FixedPointType inputType)
    {
        this.inputSize = layer.inputSize();
        this.outputSize = layer.outputSize();
        this.accumType = layer.accumType();
        this.productFraction = inputType.fractionBits() + layer.weightType().fractionBits();
        this.shift = productFraction - accumType.fractionBits();

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

        int nonZero = 0;
        final int[] raw = layer.weights();
        for (final int w : raw)
        {
            nonZero += w != 0 ? 1 : 0;
        }
        rowStart = new int[inputSize + 1];
        column = new int[nonZero];
        weight = new int[nonZero];
        weightHigh = new int[nonZero];
        weightLow = new int[nonZero];
        int n = 0;
        for (int i = 0; i < inputSize; i++)
        {
            rowStart[i] = n;
            for (int j = 0; j < outputSize; j++)
            {
                final int w = raw[i * outputSize + j];
                if (w != 0)
                {
                    column[n] = j;
                    weight[n] = w;
                    weightHigh[n] = w >> splitBits;
                    weightLow[n] = w & ((1 << splitBits) - 1);
                    n++;
                }
            }
        }
        rowStart[inputSize] = n;

        accBias = new int[outputSize];
        final int[] biases = layer.biases();
        for (int j = 0; j < outputSize; j++)
        {
            accBias[j] = (int)accumType.convert(biases[j], layer.biasType().fractionBits());
        }
        accWrapShift = 32 - accWidth;
        accSigned = accumType.isSigned();
        accMask = (int)accumType.maxRaw();
        toResult = RawConversion.of(accumType.fractionBits(), layer.resultType());
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
    public void run(final int[] in, final int[] out, final int n, final KernelScratch scratch)
    {
        if (mode == MODE_EXACT)
        {
            runExact(in, out, n, scratch.longAccumulators);
            return;
        }
        final int[] acc = scratch.intAccumulators;
        for (int j = 0; j < outputSize; j++)
        {
            final int bias = accBias[j];
            final int base = j * TILE;
            for (int b = 0; b < n; b++)
            {
                acc[base + b] = bias;
            }
        }
        switch (mode)
        {
            case MODE_SHIFT_LEFT -> accumulateShiftLeft(in, acc, n);
            case MODE_SHIFT_RIGHT -> accumulateShiftRight(in, acc, n);
            case MODE_SPLIT -> accumulateSplit(in, acc, n);
            default -> accumulateLong(in, acc, n);
        }
        finish(acc, out, n);
    }

    private void accumulateShiftLeft(final int[] in, final int[] acc, final int n)
    {
        // A left shift by 32 or more leaves nothing in the low 32 >= W_acc bits.
        if (-shift >= 32)
        {
            return;
        }
        final int s = -shift;
        for (int i = 0; i < inputSize; i++)
        {
            final int xBase = i * TILE;
            if (n == 1 && in[xBase] == 0)
            {
                continue;
            }
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
            {
                final int w = weight[k];
                final int aBase = column[k] * TILE;
                for (int b = 0; b < n; b++)
                {
                    acc[aBase + b] += (in[xBase + b] * w) << s;
                }
            }
        }
    }

    private void accumulateShiftRight(final int[] in, final int[] acc, final int n)
    {
        final int s = shift;
        for (int i = 0; i < inputSize; i++)
        {
            final int xBase = i * TILE;
            if (n == 1 && in[xBase] == 0)
            {
                continue;
            }
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
            {
                final int w = weight[k];
                final int aBase = column[k] * TILE;
                for (int b = 0; b < n; b++)
                {
                    acc[aBase + b] += (in[xBase + b] * w) >> s;
                }
            }
        }
    }

    private void accumulateSplit(final int[] in, final int[] acc, final int n)
    {
        final int k0 = splitBits;
        final int s = shift - splitBits;
        for (int i = 0; i < inputSize; i++)
        {
            final int xBase = i * TILE;
            if (n == 1 && in[xBase] == 0)
            {
                continue;
            }
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
            {
                final int wh = weightHigh[k];
                final int wl = weightLow[k];
                final int aBase = column[k] * TILE;
                for (int b = 0; b < n; b++)
                {
                    final int x = in[xBase + b];
                    acc[aBase + b] += (x * wh + ((x * wl) >> k0)) >> s;
                }
            }
        }
    }

    private void accumulateLong(final int[] in, final int[] acc, final int n)
    {
        // |x*w| <= 2^62, so a shift of 63 already yields floor = 0 or -1; Java would take 64 as 0.
        final int s = Math.min(shift, 63);
        for (int i = 0; i < inputSize; i++)
        {
            final int xBase = i * TILE;
            if (n == 1 && in[xBase] == 0)
            {
                continue;
            }
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
            {
                final long w = weight[k];
                final int aBase = column[k] * TILE;
                for (int b = 0; b < n; b++)
                {
                    acc[aBase + b] += (int)((in[xBase + b] * w) >> s);
                }
            }
        }
    }

    /** Wrap each accumulator to W_acc bits (deferred: wrapping is a ring homomorphism), then convert. */
    private void finish(final int[] acc, final int[] out, final int n)
    {
        final int ws = accWrapShift;
        for (int j = 0; j < outputSize; j++)
        {
            final int base = j * TILE;
            if (accSigned)
            {
                for (int b = 0; b < n; b++)
                {
                    out[base + b] = (acc[base + b] << ws) >> ws;
                }
            }
            else
            {
                for (int b = 0; b < n; b++)
                {
                    out[base + b] = acc[base + b] & accMask;
                }
            }
            toResult.applyInPlace(out, base, n);
        }
    }

    private void runExact(final int[] in, final int[] out, final int n, final long[] acc)
    {
        final FixedPointType accT = accumType;
        final int fp = productFraction;
        for (int j = 0; j < outputSize; j++)
        {
            final long bias = accBias[j];
            final int base = j * TILE;
            for (int b = 0; b < n; b++)
            {
                acc[base + b] = bias;
            }
        }
        // Zero products convert to zero in every mode and adding zero to an in-range value changes nothing,
        // so skipping pruned weights and zero inputs is exact here too.
        for (int i = 0; i < inputSize; i++)
        {
            final int xBase = i * TILE;
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++)
            {
                final long w = weight[k];
                final int aBase = column[k] * TILE;
                for (int b = 0; b < n; b++)
                {
                    final int x = in[xBase + b];
                    if (x != 0)
                    {
                        final long p = accT.convert(x * w, fp);
                        acc[aBase + b] = accT.applyOverflow(acc[aBase + b] + p);
                    }
                }
            }
        }
        for (int j = 0; j < outputSize; j++)
        {
            final int base = j * TILE;
            for (int b = 0; b < n; b++)
            {
                out[base + b] = toResult.applyExact(acc[base + b]);
            }
        }
    }
}
