package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;

/**
 * The reduced form of a type whose values end in known zero bits: raw &gt;&gt; z as values of
 * {@code ap_fixed<W-z, I>}. Consumers only use a held type's width, signedness and fraction bits.
 */
final class ReducedType
{
    private ReducedType()
    {
    }

    /** Zero low bits every value of a conversion's output has: a wrapping left shift by k leaves k zeros. */
    static int trailingZeros(final RawConversion conversion)
    {
        if (conversion.target.overflow() != Overflow.AP_WRAP || conversion.shift >= 0)
        {
            return 0;
        }
        final int k = -conversion.shift;
        return k < conversion.target.width() ? k : 0;
    }

    static FixedPointType reduce(final FixedPointType type, final int zeros)
    {
        if (zeros == 0)
        {
            return type;
        }
        return FixedPointType.of(type.isSigned(), type.width() - zeros, type.integerBits(), type.quantization(),
            type.overflow());
    }
}
