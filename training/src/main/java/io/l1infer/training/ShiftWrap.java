package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * An AP_TRN + AP_WRAP conversion between two signed grids as 32-bit integer arithmetic: a floor shift, then
 * keeping the low W bits with sign extension. Exact when the bits it keeps lie below bit 32, which the
 * constructor checks.
 */
final class ShiftWrap
{
    /** Right shift (floor) when >= 0, left shift by its negation otherwise. */
    final int shift;
    private final int wrapShift;

    /**
     * @param fromFraction fraction bits of the values converted.
     * @param target       the signed AP_TRN/AP_WRAP type converted to.
     * @param what         names the conversion in the error message.
     * @throws IllegalArgumentException when 32-bit arithmetic cannot hold the bits the conversion keeps.
     */
    ShiftWrap(final int fromFraction, final FixedPointType target, final String what)
    {
        this.shift = fromFraction - target.fractionBits();
        this.wrapShift = 32 - target.width();
        if (shift > 0 ? shift + target.width() > 32 : -shift >= 32)
        {
            throw new IllegalArgumentException("conversion " + what + " to " + target + " shifts by " + shift +
                " bits: not exact in 32-bit arithmetic");
        }
    }

    /** Convert a value given exactly modulo 2^32. */
    int apply(final int value)
    {
        final int shifted = shift >= 0 ? value >> shift : value << -shift;
        return (shifted << wrapShift) >> wrapShift;
    }
}
