package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * The C++ type of an exact value in hls4ml's arithmetic, e.g. {@code ap_fixed<W1+W2, I1+I2>} of a product: the
 * source of a conversion, whose width and signedness the Xilinx rules look at besides the value itself.
 */
record ExactType(boolean signed, int width, int fractionBits)
{
    /** Widest exact value the generated code holds (two 64-bit words). */
    static final int MAX_WIDTH = 128;

    ExactType
    {
        if (width < 1)
        {
            throw new IllegalArgumentException("exact intermediate of " + width + " bits");
        }
    }

    static ExactType of(final FixedPointType t)
    {
        return new ExactType(t.isSigned(), t.width(), t.fractionBits());
    }

    int integerBits()
    {
        return width - fractionBits;
    }

    /** {@code ap_fixed_base::RType::mult}: the exact product type. */
    ExactType times(final ExactType o)
    {
        return new ExactType(signed || o.signed, width + o.width, fractionBits + o.fractionBits);
    }

    /** {@code ap_fixed_base::RType::plus}: the exact sum type. */
    ExactType plus(final ExactType o)
    {
        final int i = Math.max(integerBits() + (o.signed && !signed ? 1 : 0),
            o.integerBits() + (signed && !o.signed ? 1 : 0)) + 1;
        final int f = Math.max(fractionBits, o.fractionBits);
        return new ExactType(signed || o.signed, i + f, f);
    }

    @Override
    public String toString()
    {
        return (signed ? "ap_fixed<" : "ap_ufixed<") + width + "," + integerBits() + ">";
    }
}
