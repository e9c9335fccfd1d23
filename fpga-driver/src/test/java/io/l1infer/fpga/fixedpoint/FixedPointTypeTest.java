package io.l1infer.fpga.fixedpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedPointTypeTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 7L);

    @Test
    void parsesDefaultsAndModes()
    {
        final FixedPointType t = FixedPointType.parse("ap_fixed<16,6>");
        assertTrue(t.isSigned());
        assertEquals(16, t.width());
        assertEquals(10, t.fractionBits());
        assertEquals(Quantization.AP_TRN, t.quantization());
        assertEquals(Overflow.AP_WRAP, t.overflow());
        assertEquals(-32768, t.minRaw());
        assertEquals(32767, t.maxRaw());

        final FixedPointType u = FixedPointType.parse(" ap_ufixed< 8 , 3 , AP_RND_CONV , AP_SAT > ");
        assertFalse(u.isSigned());
        assertEquals(0, u.minRaw());
        assertEquals(255, u.maxRaw());
        assertEquals(Quantization.AP_RND_CONV, u.quantization());
        assertEquals(Overflow.AP_SAT, u.overflow());
        assertEquals("ap_ufixed<8,3,AP_RND_CONV,AP_SAT>", u.toString());
        assertEquals(u, FixedPointType.parse(u.toString()));
        assertEquals(FixedPointType.parse("ap_fixed<8,3,AP_RND>"), FixedPointType.parse(
            "ap_fixed<8,3,AP_RND,AP_WRAP,0>"));
        // Negative F and F > W are legal.
        assertEquals(-2, FixedPointType.parse("ap_fixed<4,6>").fractionBits());
        assertEquals(12, FixedPointType.parse("ap_fixed<8,-4>").fractionBits());
    }

    @Test
    void parsesEverythingHls4mlWrites()
    {
        final FixedPointType n = FixedPointType.parse("ap_fixed<18,8,AP_RND_ZERO,AP_WRAP_SM,3>");
        assertEquals(Quantization.AP_RND_ZERO, n.quantization());
        assertEquals(Overflow.AP_WRAP_SM, n.overflow());
        assertEquals(3, n.saturationBits());
        assertEquals(n, FixedPointType.parse(n.toString()));
        assertEquals("ap_fixed<18,8,AP_RND_ZERO,AP_WRAP_SM,3>", n.toCppString());
        final FixedPointType i = FixedPointType.parse("ap_int<8>");
        assertTrue(i.isInteger() && i.isSigned());
        assertEquals(0, i.fractionBits());
        assertEquals("ap_int<8>", i.toString());
        final FixedPointType u = FixedPointType.parse(" ap_uint< 1 > ");
        assertTrue(u.isInteger() && !u.isSigned());
        assertEquals(1, u.maxRaw());
        assertFalse(FixedPointType.parse("ap_fixed<8,8>").equals(FixedPointType.parse("ap_int<8>")));
        assertEquals(Long.MIN_VALUE, FixedPointType.parse("ap_fixed<64,10>").minRaw());
        assertEquals(Long.MAX_VALUE, FixedPointType.parse("ap_uint<63>").maxRaw());
        // ap_int takes the integer part toward zero, ap_fixed<W,W> floors: -2.5 gives -2 and -3.
        assertEquals(-2, i.convert(-5, FixedPointType.parse("ap_fixed<8,7>")));
        assertEquals(-3, FixedPointType.parse("ap_fixed<8,8>").convert(-5, FixedPointType.parse("ap_fixed<8,7>")));
        assertEquals("fixed-point type 'ap_ufixed<65,6>': width W=65 outside supported 1..64 for ap_ufixed",
            assertThrows(IllegalArgumentException.class, () -> FixedPointType.parse("ap_ufixed<65,6>")).getMessage());
        // 64-bit unsigned: the raw value is the unsigned reading of the long's bits
        final FixedPointType u64 = FixedPointType.parse("ap_uint<64>");
        assertEquals(-1L, u64.maxRaw());
        assertTrue(u64.isUnsigned64() && u64.containsRaw(-1L) && u64.containsRaw(0));
        assertEquals(0, u64.rawHigh(-1L));
        assertEquals("18446744073709551615", u64.rawValue(-1L).toString());
        assertEquals(0x1p64, u64.toDouble(-1L));
        assertEquals(0x1p63, u64.toDouble(Long.MIN_VALUE));
        assertEquals(Long.MIN_VALUE, u64.fromDouble(0x1p63));
        // ap_int<8> from 2^64 - 1: its low 8 bits; ap_fixed<16,6,AP_TRN,AP_SAT> saturates to its max
        assertEquals(-1, FixedPointType.parse("ap_int<8>").convert(-1L, u64));
        assertEquals(32767, FixedPointType.parse("ap_fixed<16,6,AP_TRN,AP_SAT>").convert(-1L, u64));
        // and back: ap_fixed<8,8> -1 into ap_ufixed<64,64,AP_TRN,AP_WRAP> wraps to 2^64 - 1, with AP_SAT to 0
        assertEquals(-1L, FixedPointType.parse("ap_ufixed<64,64>").convert(-1, FixedPointType.parse("ap_fixed<8,8>")));
        assertEquals(0L, FixedPointType.parse("ap_ufixed<64,64,AP_TRN,AP_SAT>")
            .convert(-1, FixedPointType.parse("ap_fixed<8,8>")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ap_fixed<16>", "ap_int<16,2>", "ap_fixed<16,6,AP_RND_HALF>",
        "ap_fixed<16,6,AP_TRN,AP_CLAMP>", "ap_fixed<65,6>", "ap_ufixed<65,6>", "ap_uint<65>", "ap_int<0>",
            "ap_fixed<0,0>",
        "ap_fixed<16,6,AP_TRN,AP_WRAP,17>", "ap_fixed<16,6,AP_TRN,AP_WRAP,x>", "ap_ufixed<8,2,AP_TRN,AP_WRAP_SM>",
        "fixed<16,6>", "ap_fixed<16,-170>", ""})
    void rejectsWithTheReason(final String text)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> FixedPointType.parse(text));
        assertTrue(ex.getMessage().contains("'" + text + "'") || text.isEmpty(), ex.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        // the examples of notes/fixed-point.md
        "'ap_fixed<16,6>', -0.0009775, -2",
        "'ap_fixed<16,6>', 32.5, -32256",
        "'ap_fixed<16,6>', 40.0, -24576",
        "'ap_fixed<16,6>', 0.014404296874997, 14",
        "'ap_fixed<16,6,AP_TRN,AP_SAT>', 40.0, 32767",
        "'ap_fixed<16,6,AP_TRN,AP_SAT>', -40.0, -32768",
        "'ap_ufixed<8,4,AP_TRN,AP_SAT>', -1.0, 0",
        "'ap_ufixed<8,4>', -1.0, 240",
        "'ap_fixed<8,4,AP_RND>', 0.03125, 1",
        "'ap_fixed<8,4,AP_RND>', -0.03125, 0",
        "'ap_fixed<8,4,AP_RND_CONV>', 0.03125, 0",
        "'ap_fixed<8,4,AP_RND_CONV>', 0.09375, 2",
        "'ap_fixed<8,4,AP_RND_CONV>', -0.09375, -2",
        "'ap_fixed<4,6>', 5.0, 1",
        "'ap_fixed<16,6>', 1e300, 0",
        "'ap_fixed<16,6,AP_TRN,AP_SAT>', -1e300, -32768",
    })
    void convertsDoublesLikeTheCSimulation(final String type, final double value, final long raw)
    {
        assertEquals(raw, FixedPointType.parse(type).fromDouble(value));
    }

    @Test
    void notesExampleWrapThirtyOnePointFivePlusOne()
    {
        final FixedPointType t = FixedPointType.apFixed(16, 6);
        final long a = t.fromDouble(31.5);
        final long sum = t.convert(a + t.fromDouble(1.0), t.fractionBits());
        assertEquals(-31.5, t.toDouble(sum));
    }

    @Test
    void fromDoubleMatchesExactDecimalRounding()
    {
        final SplittableRandom r = new SplittableRandom(SEED);
        for (int k = 0; k < 200_000; k++)
        {
            final FixedPointType t = randomType(r);
            final double x = (r.nextDouble() * 2 - 1) * Math.scalb(1.0, r.nextInt(-8, 20)) +
                (r.nextBoolean() ? Math.scalb(r.nextInt(-100, 100) + 0.5, -t.fractionBits()) : 0);
            assertEquals(referenceFromDouble(t, x), t.fromDouble(x), "seed " + SEED + " type " + t + " x " + x);
        }
    }

    @Test
    void convertMatchesExactDecimalRounding()
    {
        final SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int k = 0; k < 200_000; k++)
        {
            final FixedPointType t = randomType(r);
            final int from = r.nextInt(-8, 50);
            final long raw = r.nextLong(-(1L << 40), 1L << 40) >> r.nextInt(0, 40);
            assertEquals(referenceConvert(t, raw, from), t.convert(raw, from),
                "seed " + SEED + " type " + t + " raw " + raw + " from F=" + from);
        }
    }

    private static FixedPointType randomType(final SplittableRandom r)
    {
        final boolean signed = r.nextBoolean();
        final int w = 1 + r.nextInt(signed ? 32 : 31);
        final int f = r.nextInt(-6, 40);
        return FixedPointType.of(
            signed, w, w - f, Quantization.values()[r.nextInt(3)], Overflow.values()[r.nextInt(2)]);
    }

    private static long referenceFromDouble(final FixedPointType t, final double x)
    {
        return referenceRound(t, new BigDecimal(x).multiply(pow2(t.fractionBits())));
    }

    private static long referenceConvert(final FixedPointType t, final long raw, final int from)
    {
        return referenceRound(t, new BigDecimal(raw).multiply(pow2(t.fractionBits() - from)));
    }

    private static BigDecimal pow2(final int e)
    {
        return e >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(e)) :
            BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-e)));
    }

    private static long referenceRound(final FixedPointType t, final BigDecimal scaled)
    {
        final java.math.BigInteger q = switch (t.quantization())
        {
            case AP_TRN -> scaled.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case AP_RND -> scaled.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case AP_RND_CONV -> scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            default -> throw new IllegalStateException("randomType draws AP_TRN, AP_RND, AP_RND_CONV only");
        };
        final java.math.BigInteger min = java.math.BigInteger.valueOf(t.minRaw());
        final java.math.BigInteger max = java.math.BigInteger.valueOf(t.maxRaw());
        if (t.overflow() == Overflow.AP_SAT)
        {
            return q.min(max).max(min).longValueExact();
        }
        final java.math.BigInteger m = java.math.BigInteger.ONE.shiftLeft(t.width());
        java.math.BigInteger w = q.mod(m);
        if (w.compareTo(max) > 0)
        {
            w = w.subtract(m);
        }
        return w.longValueExact();
    }
}
