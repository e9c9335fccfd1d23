package io.l1infer.fpga.fixedpoint;

/** The overflow modes of {@code ap_fixed} that l1infer reproduces; the others are rejected at load. */
public enum Overflow
{
    /** Keep the low W bits (two's complement wrap-around); hls4ml's default. */
    AP_WRAP,
    /** Clamp to the type's minimum or maximum raw value. */
    AP_SAT;

    static Overflow parse(final String word, final String typeText)
    {
        for (final Overflow o : values())
        {
            if (o.name().equals(FixedPointType.upper(word)))
            {
                return o;
            }
        }
        throw new IllegalArgumentException("fixed-point type '" + typeText + "': unsupported overflow mode '" +
            word + "' (supported: AP_WRAP, AP_SAT)");
    }
}
