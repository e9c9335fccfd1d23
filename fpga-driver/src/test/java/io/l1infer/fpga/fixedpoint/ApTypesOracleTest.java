package io.l1infer.fpga.fixedpoint;

import io.l1infer.testsupport.SharedReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link FixedPointType} against the real Xilinx ap_types headers of hls4ml 1.3.0: a generated C++ program converts
 * seeded random values between seeded random types (every Q and O mode, saturation bits, ap_int/ap_uint, widths
 * 1..64, integer bits below 0 and above W) and the test compares every result bit for bit. Conversions covered:
 * double to type, type A to type B, the exact product A*B (up to 128 bits) to B, the exact sum A+A to B.
 */
public class ApTypesOracleTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261201L);
    private static final int PAIRS = Integer.getInteger("l1infer.test.oracle.pairs", 64);
    private static final int PER_OP = 16;

    /** One expected result and what produced it, for the failure message. */
    private record Case(String what, FixedPointType target, long expected)
    {
    }

    @Test
    void everyConversionMatchesTheApTypesHeaders(@TempDir final Path dir) throws Exception
    {
        // Other headers with -Dl1infer.test.oracle.aptypes (the conversion code of hls4ml 0.8.1's and the thesis
        // firmware's ap_types is the same as 1.3.0's: only files 1.3.0 adds differ).
        final String headers = System.getProperty("l1infer.test.oracle.aptypes", "reference/hls4ml-v1.3.0/ap_types");
        final Path apTypes = SharedReference.require(headers, "ApTypesOracleTest");
        final SplittableRandom r = new SplittableRandom(SEED);
        final StringBuilder cpp = new StringBuilder(1 << 20);
        cpp.append("#include <cstdio>\n#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n")
            .append("template <class X> static X fx(unsigned long long raw) { X x; x.setBits(raw); return x; }\n")
            .append("template <class X> static X in(unsigned long long raw) { X x = (ap_uint<64>)raw; return x; }\n")
            .append("template <class T> static void outf(const T& t) { ap_uint<T::width> u = t.range(T::width - 1, 0);")
            .append(" printf(\"%llu\\n\", (unsigned long long)u.to_uint64()); }\n")
            .append("template <class T> static void outi(const T& t) ")
            .append("{ printf(\"%llu\\n\", (unsigned long long)t.to_uint64()); }\n");
        final List<Case> cases = new ArrayList<>();
        for (int p = 0; p < PAIRS; p++)
        {
            appendPair(cpp, cases, p, r);
        }
        cpp.append("int main() {\n  setvbuf(stdout, 0, _IONBF, 0);\n");
        for (int p = 0; p < PAIRS; p++)
        {
            cpp.append("  pair").append(p).append("();\n");
        }
        cpp.append("  return 0;\n}\n");
        final Path source = dir.resolve("oracle.cpp");
        Files.writeString(source, cpp, StandardCharsets.US_ASCII);
        final String keep = System.getProperty("l1infer.test.oracle.keep");
        if (keep != null)
        {
            Files.writeString(Path.of(keep), cpp, StandardCharsets.US_ASCII);
        }

        final Path binary = dir.resolve("oracle");
        // NDEBUG: ap_types asserts when a rounding conversion drops more bits than the source has (it reads the
        // bit only to discard it); without assertions the header computes the result it intends, which we model.
        final String compile = run(dir, List.of("g++", "-std=c++17", "-O0", "-w", "-DNDEBUG", "-I" + apTypes,
            source.toString(), "-o", binary.toString()));
        final List<String> lines = List.of(run(dir, List.of(binary.toString())).split("\n"));
        assertEquals(cases.size(), lines.size(), "seed " + SEED + ": results from the C++ program; " + compile);
        final List<String> mismatches = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++)
        {
            final Case c = cases.get(k);
            final long mask = c.target.width() == 64 ? -1L : (1L << c.target.width()) - 1;
            final long cppBits = Long.parseUnsignedLong(lines.get(k).trim()) & mask;
            if ((c.expected & mask) != cppBits)
            {
                mismatches.add(c.what + " -> " + c.target.toCppString() + ": ap_types bits " +
                    Long.toUnsignedString(cppBits) + ", FixedPointType raw " + c.expected);
            }
        }
        assertTrue(mismatches.isEmpty(), "seed " + SEED + ": " + mismatches.size() + " of " + cases.size() +
            " conversions differ from ap_types, first: " + String.join("\n  ",
            mismatches.subList(0, Math.min(20, mismatches.size()))));
        assertTrue(cases.size() >= PAIRS * PER_OP * 3, "too few cases: " + cases.size());
        System.out.println("ApTypesOracleTest: " + cases.size() + " conversions equal to " + headers +
            " (seed " + SEED + ")");
    }

    private static void appendPair(
        final StringBuilder cpp, final List<Case> cases, final int p, final SplittableRandom r)
    {
        final FixedPointType t = randomType(r);
        final FixedPointType a = randomType(r);
        final FixedPointType b = randomType(r);
        cpp.append("typedef ").append(cpp(t)).append(" T").append(p).append(";\n")
            .append("typedef ").append(cpp(a)).append(" A").append(p).append(";\n")
            .append("typedef ").append(cpp(b)).append(" B").append(p).append(";\n")
            .append("static void pair").append(p).append("() {\n");
        final String out = t.isInteger() ? "outi" : "outf";
        final String mkA = (a.isInteger() ? "in<A" : "fx<A") + p + ">";
        final String mkB = (b.isInteger() ? "in<B" : "fx<B") + p + ">";
        // Loops over constant arrays: one template instantiation per conversion, whatever the number of values.
        final StringBuilder doubles = new StringBuilder();
        for (int k = 0; k < PER_OP; k++)
        {
            final double d = randomDouble(r, t);
            cases.add(new Case("double " + d + " (" + Double.toHexString(d) + ")", t, t.fromDouble(d)));
            doubles.append(k == 0 ? "" : ", ").append(Double.toHexString(d));
        }
        cpp.append("  static const double d[] = {").append(doubles).append("};\n")
            .append("  for (int k = 0; k < ").append(PER_OP).append("; k++) { T").append(p)
            .append(" t = d[k]; ").append(out).append("(t); }\n");
        final boolean intFromNegative = t.isInteger() && a.integerBits() < 0;
        final boolean intFromNegativeProduct = t.isInteger() && a.integerBits() + b.integerBits() < 0;
        final boolean intFromNegativeSum = t.isInteger() && a.integerBits() + 1 < 0;
        final StringBuilder xs = new StringBuilder();
        final StringBuilder ys = new StringBuilder();
        final StringBuilder zs = new StringBuilder();
        for (int k = 0; k < PER_OP; k++)
        {
            final long x = randomRaw(r, a, t);
            final long y = randomRaw(r, b, t);
            final long z = randomRaw(r, a, t);
            xs.append(k == 0 ? "" : ", ").append(ull(x));
            ys.append(k == 0 ? "" : ", ").append(ull(y));
            zs.append(k == 0 ? "" : ", ").append(ull(z));
            // ap_types reads an uninitialised value converting I < 0 into ap_int; FixedPointType refuses it.
            if (!intFromNegative)
            {
                cases.add(new Case(a.toCppString() + " raw " + x, t, t.convert(x, a)));
            }
            if (!intFromNegativeProduct)
            {
                cases.add(new Case(a.toCppString() + " raw " + x + " * " + b.toCppString() + " raw " + y, t,
                    t.convertWide(Math.multiplyHigh(x, y), x * y, a.fractionBits() + b.fractionBits(),
                        a.integerBits() + b.integerBits(), a.isSigned() || b.isSigned())));
            }
            if (!intFromNegativeSum)
            {
                cases.add(new Case(a.toCppString() + " raw " + x + " + raw " + z, t, t.convertWide(
                    Int128.addHigh(x, z), x + z, a.fractionBits(), a.integerBits() + 1, a.isSigned())));
            }
        }
        cpp.append("  static const unsigned long long x[] = {").append(xs).append("};\n")
            .append("  static const unsigned long long y[] = {").append(ys).append("};\n")
            .append("  static const unsigned long long z[] = {").append(zs).append("};\n")
            .append("  for (int k = 0; k < ").append(PER_OP).append("; k++) {\n");
        if (!intFromNegative)
        {
            cpp.append("    { T").append(p).append(" t = ").append(mkA).append("(x[k]); ").append(out)
                .append("(t); }\n");
        }
        if (!intFromNegativeProduct)
        {
            cpp.append("    { T").append(p).append(" t = ").append(mkA).append("(x[k]) * ").append(mkB)
                .append("(y[k]); ").append(out).append("(t); }\n");
        }
        if (!intFromNegativeSum)
        {
            cpp.append("    { T").append(p).append(" t = ").append(mkA).append("(x[k]) + ").append(mkA)
                .append("(z[k]); ").append(out).append("(t); }\n");
        }
        cpp.append("  }\n}\n");
    }

    private static String cpp(final FixedPointType t)
    {
        return t.toCppString();
    }

    private static String ull(final long x)
    {
        return Long.toUnsignedString(x) + "ULL";
    }

    /** Every kind, mode and N; widths biased to the edges 1, 2, 31..33, 63, 64; I from -8 to W+8. */
    public static FixedPointType randomType(final SplittableRandom r)
    {
        final boolean signed = r.nextInt(3) != 0;
        final int[] edges = {1, 2, 7, 8, 16, 31, 32, 33, 48, 63, 64};
        int w = r.nextInt(3) == 0 ? edges[r.nextInt(edges.length)] : 1 + r.nextInt(64);
        if (!signed && w == 64)
        {
            w = 63;
        }
        if (r.nextInt(6) == 0)
        {
            return FixedPointType.apInt(signed, w);
        }
        final int f = r.nextInt(-8, w + 9);
        final Quantization q = Quantization.values()[r.nextInt(Quantization.values().length)];
        Overflow o = Overflow.values()[r.nextInt(Overflow.values().length)];
        if (!signed && o == Overflow.AP_WRAP_SM)
        {
            o = Overflow.AP_WRAP; // not a valid type (ap_types exits)
        }
        final boolean withN = (o == Overflow.AP_WRAP || o == Overflow.AP_WRAP_SM) ? r.nextBoolean() : r.nextInt(8) == 0;
        final int n = withN ? r.nextInt(0, w + 1) : 0;
        return FixedPointType.of(signed, w, w - f, q, o, n);
    }

    /** Edges (min, max, 0, +-1), rounding ties and values just around the target's range, else uniform. */
    static long randomRaw(final SplittableRandom r, final FixedPointType a, final FixedPointType t)
    {
        final int shift = a.fractionBits() - t.fractionBits();
        final long candidate;
        switch (r.nextInt(9))
        {
            case 0 -> candidate = a.minRaw();
            case 1 -> candidate = a.maxRaw();
            case 2 -> candidate = r.nextInt(-2, 3);
            case 3, 4 ->
            {
                // A tie (or one LSB off) at the target's grid.
                if (shift >= 1 && shift <= 62)
                {
                    final long k = r.nextLong(-(1L << Math.min(20, 62 - shift)), 1L << Math.min(20, 62 - shift));
                    candidate = (k << shift) + (1L << (shift - 1)) + r.nextInt(-1, 2);
                }
                else
                {
                    candidate = uniform(r, a);
                }
            }
            case 5, 6 ->
            {
                // The target's max or min (or a neighbour) on the source grid: the wrap and saturation boundary.
                final long edge = r.nextBoolean() ? t.maxRaw() : t.minRaw();
                final long scaled = shift >= 0 ? (shift < 62 && Math.abs(edge) < (1L << (62 - shift)) ?
                    edge << shift : uniform(r, a)) : (-shift < 64 ? edge >> -shift : 0);
                candidate = scaled + r.nextInt(-2, 3) * (shift > 0 && shift < 62 ? 1L << (shift - 1) : 1L);
            }
            default -> candidate = uniform(r, a);
        }
        return a.containsRaw(candidate) ? candidate : uniform(r, a);
    }

    private static long uniform(final SplittableRandom r, final FixedPointType a)
    {
        final long bits = r.nextLong();
        final int w = a.width();
        if (w == 64)
        {
            return bits;
        }
        return a.isSigned() ? (bits << (64 - w)) >> (64 - w) : bits & ((1L << w) - 1);
    }

    /** Ties and boundaries on the target's grid, tiny negatives, large values, random magnitudes. */
    static double randomDouble(final SplittableRandom r, final FixedPointType t)
    {
        final int f = t.fractionBits();
        switch (r.nextInt(7))
        {
            case 0:
                return Math.scalb(r.nextLong(-(1L << 40), 1L << 40) + 0.5, -f);
            case 1:
                return Math.scalb((double)(r.nextBoolean() ? t.maxRaw() : t.minRaw()) + r.nextInt(-2, 3) * 0.5, -f);
            case 2:
                return -r.nextDouble() * 0.3;
            case 3:
                return (r.nextDouble() * 2 - 1) * 1e25;
            case 4:
                return r.nextInt(-1000, 1000) + r.nextInt(4) * 0.25;
            default:
                return (r.nextDouble() * 2 - 1) * Math.scalb(1.0, r.nextInt(-f - 6, t.integerBits() + 6));
        }
    }

    private static String run(final Path dir, final List<String> command) throws IOException, InterruptedException
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            if (command.get(0).equals("g++") && !SharedReference.underCi())
            {
                System.err.println("SKIPPED ApTypesOracleTest: g++ not found (" + ex.getMessage() + ")");
                Assumptions.abort("g++ not found");
            }
            throw ex;
        }
        final byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail(command.get(0) + " timed out");
        }
        final String text = new String(output, StandardCharsets.US_ASCII);
        if (process.exitValue() != 0)
        {
            fail(String.join(" ", command) + " exited " + process.exitValue() + ", output ends:\n" +
                text.substring(Math.max(0, text.length() - 3000)));
        }
        return text;
    }
}
