package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * The shift that puts an exact product of a dense layer on its accumulator grid, and the check that the
 * accumulation floor(x*w / 2^s) modulo 2^W_acc is exact in 32-bit integers (as the engine's fast path requires).
 */
final class DenseArithmetic
{
    private DenseArithmetic()
    {
    }

    /**
     * s = F_x + F_w - F_acc. With a right shift the accumulator bits s .. s + W_acc - 1 of each product must lie
     * below bit 32; a left shift is exact modulo 2^32 when shorter than 32.
     *
     * @throws IllegalArgumentException naming {@code where} when 32-bit arithmetic is not exact.
     */
    static int productShift(
        final FixedPointType x, final FixedPointType weight, final FixedPointType accum, final String where)
    {
        final int s = x.fractionBits() + weight.fractionBits() - accum.fractionBits();
        if (s > 0 ? s + accum.width() > 32 : -s >= 32)
        {
            throw new IllegalArgumentException(where + ": input " + x + " times weight " + weight +
                " onto accumulator " + accum + " shifts by " + s +
                " bits, not exact in 32-bit arithmetic (needs s + W_acc <= 32)");
        }
        return s;
    }
}
