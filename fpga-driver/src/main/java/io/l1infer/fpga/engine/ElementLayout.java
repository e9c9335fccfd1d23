package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * How raw values of a fixed-point type sit in accelerator memory: little-endian in 1, 2, 4 or 8 bytes (the next
 * power of two that holds W bits, as Vitis HLS lays out {@code ap_fixed} arrays on an m_axi port), sign-extended
 * for ap_fixed and zero-extended for ap_ufixed.
 */
public final class ElementLayout
{
    private ElementLayout()
    {
    }

    /** Bytes one raw value of {@code type} occupies. */
    public static int bytesPerElement(final FixedPointType type)
    {
        final int w = type.width();
        return w <= 8 ? 1 : w <= 16 ? 2 : w <= 32 ? 4 : 8;
    }
}
