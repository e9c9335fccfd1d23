package io.l1infer.fpga;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * Floats to and from raw fixed-point values as hls4ml's C simulation test bench converts them: a text value is read
 * with {@code atof} into a {@code float} (a C double rounded to float), the float is assigned to the input type
 * (ap_fixed's constructor: exact value, then the type's quantization and overflow), and an output is read back as
 * a float of its exact value.
 */
public final class CsimFloats
{
    private CsimFloats()
    {
    }

    /**
     * Read one value as the test bench does: {@code atof} gives the correctly rounded double, which is stored in a
     * {@code std::vector<float>} (rounded again, to nearest even, exactly as this cast does).
     *
     * @throws NumberFormatException when the text is not a number.
     */
    public static float parse(final String text)
    {
        return (float)Double.parseDouble(text);
    }

    /**
     * The raw value of {@code value} in {@code type}, as {@code type x = value;} in C simulation.
     *
     * @throws IllegalArgumentException for NaN or infinity, which have no fixed-point value.
     */
    public static long toRaw(final FixedPointType type, final float value)
    {
        // float -> double is exact, and fromDouble is ap_fixed's constructor from a double.
        return type.fromDouble(value);
    }

    /** The float nearest the value of {@code raw} in {@code type} (exact whenever the value has 24 bits or fewer). */
    public static float toFloat(final FixedPointType type, final long raw)
    {
        // The double is exact for raw values of up to 53 bits, so the float is rounded once.
        return (float)type.toDouble(raw);
    }
}
