package io.l1infer.fpga.model;

/**
 * The summation order of hls4ml's {@code nnet::dense_compressed}, which a saturating or rounding-and-saturating
 * accumulator makes visible: its COO entries in array order, each as the dense position {@code row * n_out + col},
 * and the reuse factor that groups them.
 *
 * <p>The template sets {@code acc[j] = (accum_t)bias[j]}; then for each reuse step {@code ir} in 0..R-1 it clears
 * {@code mult[]}, adds the products of entries {@code ir, ir + R, ir + 2R, ...} (each converted to {@code accum_t})
 * into {@code mult[col]} one by one, and adds every {@code mult[j]} into {@code acc[j]}; each {@code +=} converts
 * the exact sum back to {@code accum_t}.
 */
public record CompressedOrder(int reuseFactor, int[] entries)
{
    public CompressedOrder
    {
        if (reuseFactor < 1 || entries.length % reuseFactor != 0)
        {
            throw new IllegalArgumentException("dense_compressed: " + entries.length + " entries are not a " +
                "multiple of reuse factor " + reuseFactor);
        }
        entries = entries.clone();
    }

    @Override
    public int[] entries()
    {
        return entries.clone();
    }

    /** Check that every entry lies in a {@code in x out} layer; the message names the entry. */
    void check(final String layer, final int inputSize, final int outputSize)
    {
        for (int k = 0; k < entries.length; k++)
        {
            if (entries[k] < 0 || entries[k] >= inputSize * outputSize)
            {
                throw new IllegalArgumentException(layer + ": compressed entry #" + k + " position " + entries[k] +
                    " is outside " + inputSize + "x" + outputSize);
            }
        }
    }
}
