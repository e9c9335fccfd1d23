package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;

/**
 * A conversion from raw values with a known number of fraction bits to a target type, precomputed at load, with an
 * int-only form for the common AP_TRN + AP_WRAP case.
 */
final class RawConversion
{
    final FixedPointType target;
    final int fromFraction;
    /** True when the conversion is a shift and a wrap, exact in 32-bit arithmetic (see {@link #of}). */
    final boolean shiftAndWrap;
    /** Right shift (floor) when >= 0, else left shift by its negation. */
    final int shift;
    /** 32 - W: sign-extend the low W bits by shifting up and back (signed targets only). */
    final int wrapShift;
    final boolean signed;
    final int unsignedMask;

    private RawConversion(final int fromFraction, final FixedPointType target)
    {
        this.target = target;
        this.fromFraction = fromFraction;
        this.shift = fromFraction - target.fractionBits();
        this.wrapShift = 32 - target.width();
        this.signed = target.isSigned();
        this.unsignedMask = (int)target.maxRaw();
        // IntKernelTypes guarantees an ap_fixed target with N = 0, so AP_WRAP is a plain modulo 2^W here.
        // Truncation (or no rounding at all, for a left shift) then wrap needs only bits [shift, shift + W) of the
        // exact input (for a left shift, bits [0, W + shift)); a 32-bit value exact modulo 2^32 holds them when
        // shift + W <= 32.
        this.shiftAndWrap = (target.quantization() == Quantization.AP_TRN || shift <= 0) &&
            target.overflow() == Overflow.AP_WRAP && (shift <= 0 || shift + target.width() <= 32) && shift > -32;
    }

    static RawConversion of(final int fromFraction, final FixedPointType target)
    {
        return new RawConversion(fromFraction, target);
    }

    /**
     * Convert one value given exactly modulo 2^32 (int), valid only when {@link #shiftAndWrap}.
     */
    int applyShiftAndWrap(final int value)
    {
        final int shifted = shift >= 0 ? value >> shift : value << -shift;
        return signed ? (shifted << wrapShift) >> wrapShift : shifted & unsignedMask;
    }

    /** Convert one exact value (|value| &lt; 2^62) with any Q and O modes. */
    int applyExact(final long value)
    {
        return (int)target.convert(value, fromFraction);
    }
}
