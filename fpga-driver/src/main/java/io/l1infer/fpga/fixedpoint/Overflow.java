package io.l1infer.fpga.fixedpoint;

/**
 * The overflow modes of {@code ap_fixed}, applied when a value lies outside its target's range; with saturation
 * bits N &gt; 0, AP_WRAP and AP_WRAP_SM also force the N most significant bits (see {@link FixedPointType}).
 * Constants are appended, never reordered: tests draw the first two by ordinal.
 */
public enum Overflow
{
    /** Keep the low W bits (two's complement wrap-around); hls4ml's default. */
    AP_WRAP,
    /** Clamp to the type's minimum or maximum raw value. */
    AP_SAT,
    /** Any overflow gives zero. */
    AP_SAT_ZERO,
    /** Clamp to plus or minus the maximum (signed types never hold the minimum raw value). */
    AP_SAT_SYM,
    /** Sign-magnitude wrap (signed types only: ap_types stops the C simulation for ap_ufixed with it). */
    AP_WRAP_SM;

    static Overflow parse(final String word, final String typeText)
    {
        for (final Overflow o : values())
        {
            if (o.name().equals(FixedPointType.upper(word)))
            {
                return o;
            }
        }
        throw new IllegalArgumentException("fixed-point type '" + typeText + "': unknown overflow mode '" +
            word + "' (supported: AP_WRAP, AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP_SM)");
    }
}
