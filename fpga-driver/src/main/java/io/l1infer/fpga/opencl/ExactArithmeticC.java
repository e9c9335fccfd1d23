package io.l1infer.fpga.opencl;

/**
 * OpenCL C helpers for exact products and sums wider than 64 bits: the 128-bit product of two raw values with
 * {@code mul_hi}, the high word of a 65-bit sum, and floor(x * w / 2^s) modulo 2^64 for wrapping accumulators.
 * Raw values are held in a {@code long}, a 64-bit unsigned one as its bits: its products add the other factor to the
 * high word ({@link DenseC}, {@link BatchNormC}), and only the product of two such values needs the unsigned
 * 128-bit reading of {@code l1x_shift_lo}; all wrap-around is on {@code ulong}.
 */
final class ExactArithmeticC
{
    static final String PRELUDE = """
        /* high word of the exact 128-bit product x * w (the low word is as_ulong(x) * as_ulong(w)) */
        static inline ulong l1x_mul_hi(const long x, const long w) { return as_ulong(mul_hi(x, w)); }
        /* floor(x * w / 2^s) modulo 2^64, s > 0 */
        static inline ulong l1x_mul_shift(const long x, const long w, const int s)
        {
            const ulong lo = as_ulong(x) * as_ulong(w);
            const ulong hi = as_ulong(mul_hi(x, w));
            return s < 64 ? (lo >> s) | (hi << (64 - s)) :
                (s < 128 ? as_ulong(as_long(hi) >> (s - 64)) : as_ulong(as_long(hi) >> 63));
        }
        /* low word of (hi:lo) >> s, s > 0: arithmetic for a signed value, logical for an unsigned one */
        static inline ulong l1x_shift_lo(const ulong hi, const ulong lo, const int s, const int is_unsigned)
        {
            return s < 64 ? (lo >> s) | (hi << (64 - s)) : (s < 128 ? (is_unsigned ? hi >> (s - 64) :
                as_ulong(as_long(hi) >> (s - 64))) : (is_unsigned ? 0UL : as_ulong(as_long(hi) >> 63)));
        }
        /* high word of the exact sum a + b of two longs (the low word is as_ulong(a) + as_ulong(b)) */
        static inline ulong l1x_add_hi(const long a, const long b)
        {
            const ulong lo = as_ulong(a) + as_ulong(b);
            return as_ulong((a >> 63) + (b >> 63)) + (ulong)(lo < as_ulong(a));
        }
        /* high word of (hi:lo) * 2^k, 0 < k < 128 */
        static inline ulong l1x_shl_hi(const ulong hi, const ulong lo, const int k)
        {
            return k < 64 ? (hi << k) | (lo >> (64 - k)) : lo << (k - 64);
        }
        /* low word of (hi:lo) * 2^k, 0 < k < 128 */
        static inline ulong l1x_shl_lo(const ulong lo, const int k) { return k < 64 ? lo << k : 0UL; }
        """;

    private ExactArithmeticC()
    {
    }
}
