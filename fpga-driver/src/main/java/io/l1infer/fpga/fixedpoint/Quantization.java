package io.l1infer.fpga.fixedpoint;

/** The rounding modes of {@code ap_fixed} that l1infer reproduces; the others are rejected at load. */
public enum Quantization
{
    /** Truncate toward minus infinity (an arithmetic shift right); hls4ml's default. */
    AP_TRN,
    /** Round to nearest, ties toward plus infinity. */
    AP_RND,
    /** Round to nearest, ties to even (convergent rounding). */
    AP_RND_CONV;

    static Quantization parse(final String word, final String typeText)
    {
        for (final Quantization q : values())
        {
            if (q.name().equals(FixedPointType.upper(word)))
            {
                return q;
            }
        }
        throw new IllegalArgumentException("fixed-point type '" + typeText + "': unsupported quantization mode '" +
            word + "' (supported: AP_TRN, AP_RND, AP_RND_CONV)");
    }
}
