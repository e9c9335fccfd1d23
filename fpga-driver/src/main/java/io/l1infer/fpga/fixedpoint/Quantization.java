package io.l1infer.fpga.fixedpoint;

/**
 * The quantization (rounding) modes of {@code ap_fixed}, applied when a value has more fraction bits than its target.
 * Constants are appended, never reordered: tests draw the first three by ordinal.
 */
public enum Quantization
{
    /** Truncate toward minus infinity (an arithmetic shift right); hls4ml's default. */
    AP_TRN,
    /** Round to nearest, ties toward plus infinity. */
    AP_RND,
    /** Round to nearest, ties to even (convergent rounding). */
    AP_RND_CONV,
    /** Round to nearest, ties toward zero. */
    AP_RND_ZERO,
    /** Round to nearest, ties toward minus infinity. */
    AP_RND_MIN_INF,
    /** Round to nearest, ties away from zero. */
    AP_RND_INF,
    /** Truncate toward zero (a negative value with dropped bits moves up by one LSB). */
    AP_TRN_ZERO;

    static Quantization parse(final String word, final String typeText)
    {
        for (final Quantization q : values())
        {
            if (q.name().equals(FixedPointType.upper(word)))
            {
                return q;
            }
        }
        throw new IllegalArgumentException("fixed-point type '" + typeText + "': unknown quantization mode '" +
            word + "' (supported: AP_TRN, AP_TRN_ZERO, AP_RND, AP_RND_ZERO, AP_RND_MIN_INF, AP_RND_INF, AP_RND_CONV)");
    }
}
