package io.l1infer.training;

import java.util.Arrays;

/**
 * Magnitude pruning, layer by layer: the {@code round(sparsity * n)} weights of smallest |master value| are masked
 * (ties broken by lower index first, so the result is deterministic). Pruned weights are zero, so they stay the
 * smallest and a rising schedule only ever adds to the mask.
 */
final class MagnitudePruner
{
    private MagnitudePruner()
    {
    }

    /**
     * Prune every dense layer to {@code sparsity}, except the output layer when {@code includeOutput} is false.
     */
    static void prune(final QuantizedMlp model, final double sparsity, final boolean includeOutput)
    {
        final int layers = includeOutput ? model.denseCount() : model.denseCount() - 1;
        for (int l = 0; l < layers; l++)
        {
            prune(model.dense(l), sparsity);
        }
    }

    static void prune(final DenseParameters d, final double sparsity)
    {
        final int n = d.weight.length;
        final int target = (int)Math.round(sparsity * n);
        // Sort indices by (|w|, index) through packed keys: |w| order within a float's precision is enough to rank.
        final long[] keys = new long[n];
        for (int k = 0; k < n; k++)
        {
            final long magnitude = Float.floatToIntBits((float)Math.abs(d.weight[k])) & 0x7fffffffL;
            keys[k] = (magnitude << 32) | k;
        }
        Arrays.sort(keys);
        for (int r = 0; r < n; r++)
        {
            final int k = (int)(keys[r] & 0xffffffffL);
            if (r < target)
            {
                d.mask[k] = 0;
                d.weight[k] = 0;
                d.weightMoment1[k] = 0;
                d.weightMoment2[k] = 0;
            }
        }
        d.quantize();
    }
}
