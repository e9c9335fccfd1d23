package io.l1infer.training;

/** Weighted least-squares monotone fit by pool-adjacent-violators (isotonic regression). */
final class MonotoneFit
{
    private MonotoneFit()
    {
    }

    /**
     * The non-increasing sequence closest to {@code values[0..n-1]} in weighted least squares.
     *
     * @return a new array of length n.
     */
    static double[] nonIncreasing(final double[] values, final double[] weights, final int n)
    {
        // Blocks on a stack: mean, weight and length; merge while a block's mean exceeds the previous block's.
        final double[] blockMean = new double[n];
        final double[] blockWeight = new double[n];
        final int[] blockLength = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++)
        {
            double m = values[i];
            double w = weights[i];
            int len = 1;
            while (blocks > 0 && blockMean[blocks - 1] < m)
            {
                blocks--;
                final double total = blockWeight[blocks] + w;
                m = (blockMean[blocks] * blockWeight[blocks] + m * w) / total;
                w = total;
                len += blockLength[blocks];
            }
            blockMean[blocks] = m;
            blockWeight[blocks] = w;
            blockLength[blocks] = len;
            blocks++;
        }
        final double[] fit = new double[n];
        int i = 0;
        for (int b = 0; b < blocks; b++)
        {
            for (int k = 0; k < blockLength[b]; k++)
            {
                fit[i++] = blockMean[b];
            }
        }
        return fit;
    }
}
