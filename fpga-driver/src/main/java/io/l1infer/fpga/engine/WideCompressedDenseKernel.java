package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.CompressedOrder;
import io.l1infer.fpga.model.DenseLayer;

import java.util.Arrays;

/**
 * hls4ml's {@code nnet::dense_compressed} for any types, in its order (see {@link CompressedOrder}): per output,
 * {@code acc = (accum_t)bias}, then for each reuse step {@code mult = 0}, {@code mult = (accum_t)(mult + (accum_t)(x *
 * w))} over that step's entries in array order, {@code acc = (accum_t)(acc + mult)}; then {@code (res_T)acc}. Each
 * step is {@link WideDenseKernel}'s exact product and sum.
 *
 * <p>Zero inputs, zero (padding) weights and steps without an entry for an output are skipped: each adds 0, which
 * converts back to the same value (see {@link WideDenseKernel}).
 */
final class WideCompressedDenseKernel implements WideLayerKernel
{
    private final WideDenseKernel arithmetic;
    private final int outputSize;
    /** Output j's steps are {@code outputSteps[j] .. outputSteps[j + 1]}. */
    private final int[] outputSteps;
    /** Step s's terms are {@code stepTerms[s] .. stepTerms[s + 1]}. */
    private final int[] stepTerms;
    private final int[] termInput;
    private final long[] termWeight;

    WideCompressedDenseKernel(final DenseLayer layer, final FixedPointType input)
    {
        arithmetic = new WideDenseKernel(layer, input);
        outputSize = layer.outputSize();
        final CompressedOrder order = layer.compressed();
        final int[] entries = order.entries();
        final int rf = order.reuseFactor();
        final long[] weights = layer.weights();
        final int perStep = entries.length / rf;
        int terms = 0;
        for (final int e : entries)
        {
            terms += weights[e] != 0 ? 1 : 0;
        }
        termInput = new int[terms];
        termWeight = new long[terms];
        final int[] steps = new int[outputSize * rf + 1];
        outputSteps = new int[outputSize + 1];
        int t = 0;
        int s = 0;
        for (int j = 0; j < outputSize; j++)
        {
            outputSteps[j] = s;
            for (int ir = 0; ir < rf; ir++)
            {
                final int first = t;
                for (int im = 0; im < perStep; im++)
                {
                    final int e = entries[im * rf + ir];
                    if (e % outputSize == j && weights[e] != 0)
                    {
                        termInput[t] = e / outputSize;
                        termWeight[t] = weights[e];
                        t++;
                    }
                }
                if (t > first)
                {
                    steps[s++] = first;
                }
            }
        }
        outputSteps[outputSize] = s;
        steps[s] = t;
        stepTerms = Arrays.copyOf(steps, s + 1);
    }

    @Override
    public FixedPointType outputType()
    {
        return arithmetic.outputType();
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        final WideDenseKernel k = arithmetic;
        for (int j = 0; j < outputSize; j++)
        {
            long acc = k.bias(j);
            for (int s = outputSteps[j], end = outputSteps[j + 1]; s < end; s++)
            {
                long mult = 0;
                for (int t = stepTerms[s], last = stepTerms[s + 1]; t < last; t++)
                {
                    final long x = in[termInput[t]];
                    if (x != 0)
                    {
                        mult = k.sum(mult, k.product(x, termWeight[t]));
                    }
                }
                acc = k.sum(acc, mult);
            }
            out[j] = k.result(acc);
        }
    }
}
