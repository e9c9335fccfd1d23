package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.math.BigInteger;

/**
 * The target of a conversion as the generated C sees it: signedness, width (1..64), fraction bits, Xilinx's
 * quantization and overflow mode numbers and saturation bits. An {@code ap_int<W>} target is
 * {@code ap_fixed<W,W,AP_TRN_ZERO,AP_WRAP>}: {@code to_ap_int_base} truncates toward zero, then the W bits wrap,
 * except from a source without integer bits (see {@link ExactConversionC#convert}).
 */
record ConversionTarget(
    boolean signed, int width, int fractionBits, int quantization, int overflow, int saturationBits, boolean apInt)
{
    ConversionTarget
    {
        if (width < 1 || width > 64)
        {
            throw new IllegalArgumentException("target width " + width + " outside 1..64");
        }
        if (saturationBits < 0 || saturationBits > width)
        {
            throw new IllegalArgumentException("saturation bits " + saturationBits + " outside 0.." + width);
        }
        if (overflow == ExactConversionC.WRAP_SM && !signed)
        {
            throw new IllegalArgumentException("ap_ufixed cannot use AP_WRAP_SM (Xilinx's ap_fixed exits on it)");
        }
    }

    static ConversionTarget of(final FixedPointType t)
    {
        if (isInteger(t))
        {
            return apInt(t.isSigned(), t.width());
        }
        return new ConversionTarget(t.isSigned(), t.width(), t.fractionBits(), mode(t.quantization().name(),
            ExactConversionC.QUANTIZATION), mode(t.overflow().name(), ExactConversionC.OVERFLOW), saturationBits(t),
            false);
    }

    /** The raw value {@code raw} of type {@code from} converted to {@code to} by the CPU side's rules. */
    static long convertRaw(final FixedPointType to, final long raw, final FixedPointType from)
    {
        return to.convert(raw, from);
    }

    static boolean isInteger(final FixedPointType t)
    {
        return t.isInteger();
    }

    static int saturationBits(final FixedPointType t)
    {
        return t.saturationBits();
    }

    static ConversionTarget apInt(final boolean signed, final int width)
    {
        return new ConversionTarget(signed, width, 0, ExactConversionC.TRN_ZERO, ExactConversionC.WRAP, 0, true);
    }

    static int mode(final String name, final String[] names)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(name))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown mode " + name);
    }

    BigInteger min()
    {
        return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
    }

    BigInteger max()
    {
        return BigInteger.ONE.shiftLeft(signed ? width - 1 : width).subtract(BigInteger.ONE);
    }
}
