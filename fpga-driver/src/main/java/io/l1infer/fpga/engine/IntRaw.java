package io.l1infer.fpga.engine;

/** Raw values of types of at most 32 bits narrowed from the model's {@code long[]} for the int kernels. */
final class IntRaw
{
    private IntRaw()
    {
    }

    /** The same values as {@code int}s; every value must fit (the int kernels are only built for such types). */
    static int[] narrow(final long[] raw)
    {
        final int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++)
        {
            if (raw[i] != (int)raw[i])
            {
                throw new IllegalArgumentException("raw value " + raw[i] + " does not fit 32 bits");
            }
            out[i] = (int)raw[i];
        }
        return out;
    }
}
