package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.testsupport.SharedReference;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded differential test of the generated conversions against Xilinx's real ap_types (hls4ml 1.3.0's copy,
 * compiled with g++): random source types of up to 128 bits, targets of up to 64 bits in every quantization and
 * overflow mode with saturation bits, ap_int / ap_uint targets, and values chosen to hit ties, the bounds and wrap,
 * each converted by g++-compiled C++, by the generated OpenCL C on PoCL and by the CPU engine's
 * {@link FixedPointType#convertWide}; every result must agree.
 */
class ExactConversionVsApTypesTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261201L);
    private static final int CASES = Integer.getInteger("l1infer.test.conversion.cases", 160);
    private static final int VALUES = 48;

    private record Case(ExactType source, ConversionTarget target, boolean apInt, BigInteger[] values)
    {
        String cppTarget()
        {
            if (apInt)
            {
                return (target.signed() ? "ap_int<" : "ap_uint<") + target.width() + ">";
            }
            return (target.signed() ? "ap_fixed<" : "ap_ufixed<") + target.width() + "," +
                (target.width() - target.fractionBits()) + "," + ExactConversionC.QUANTIZATION[target.quantization()] +
                "," + ExactConversionC.OVERFLOW[target.overflow()] + "," + target.saturationBits() + ">";
        }

        @Override
        public String toString()
        {
            return source + " -> " + cppTarget();
        }
    }

    @Test
    void everyModeAndWidthAgreesWithXilinxApTypes() throws Exception
    {
        final Path apTypes = SharedReference.require("reference/hls4ml-v1.3.0/ap_types",
            "ExactConversionVsApTypesTest");
        final OpenClDevice device = OpenClTestDevices.require();
        final SplittableRandom r = new SplittableRandom(SEED);
        final List<Case> cases = new ArrayList<>();
        for (int c = 0; c < CASES; c++)
        {
            cases.add(randomCase(r));
        }
        final long t0 = System.nanoTime();
        final long[] expected = runCpp(apTypes, cases);
        final long t1 = System.nanoTime();
        final long[] actual = runOpenCl(device, cases);
        System.out.printf("ExactConversionVsApTypesTest: %d conversions, g++ build and run %.1f s, OpenCL %.1f s%n",
            expected.length, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        int mismatches = 0;
        final StringBuilder first = new StringBuilder();
        for (int c = 0; c < cases.size(); c++)
        {
            final Case k = cases.get(c);
            final long mask = k.target.width() == 64 ? -1L : (1L << k.target.width()) - 1;
            int inCase = 0;
            for (int v = 0; v < VALUES; v++)
            {
                final int i = c * VALUES + v;
                if ((expected[i] & mask) != (actual[i] & mask))
                {
                    mismatches++;
                    if (inCase++ < 2 && first.length() < 6000)
                    {
                        first.append("\n  case ").append(c).append(' ').append(k).append(": source raw ")
                            .append(k.values[v]).append(" ap_types ").append(Long.toHexString(expected[i] & mask))
                            .append(" OpenCL ").append(Long.toHexString(actual[i] & mask));
                    }
                }
            }
        }
        assertEquals(0, mismatches, mismatches + " of " + expected.length + " conversions differ (seed " + SEED +
            ", -Dl1infer.test.seed to repeat):" + first);
        assertTrue(expected.length >= CASES * VALUES);
        final int[] compared = new int[1];
        final String cpu = cpuMismatches(cases, expected, compared);
        System.out.printf("ExactConversionVsApTypesTest: %d of them also on the CPU engine (FixedPointType)%n",
            compared[0]);
        final long[] u64 = unsigned64Counts(cases);
        System.out.printf("ExactConversionVsApTypesTest: %d with a 64-bit unsigned source, %d with a 64-bit unsigned " +
            "target, %d from an unsigned value of 2^127 or more%n", u64[0], u64[1], u64[2]);
        assertTrue(u64[0] > 0 && u64[1] > 0 && u64[2] > 0, "64-bit unsigned cases drawn (seed " + SEED + ")");
        assertEquals("", cpu, "CPU engine against ap_types (seed " + SEED + ")");
        assertTrue(compared[0] >= CASES * VALUES / 2, "compared only " + compared[0] + " on the CPU engine");
    }

    /**
     * The same conversions by the CPU engine's {@link FixedPointType#convertWide}, for every case (a 64-bit unsigned
     * target included; a source value as 128 bits, read unsigned for an unsigned source); the differing ones listed.
     */
    private static String cpuMismatches(final List<Case> cases, final long[] expected, final int[] compared)
    {
        final StringBuilder first = new StringBuilder();
        int mismatches = 0;
        for (int c = 0; c < cases.size(); c++)
        {
            final Case k = cases.get(c);
            final FixedPointType to = cpuType(k);
            final long mask = k.target.width() == 64 ? -1L : (1L << k.target.width()) - 1;
            for (int v = 0; v < VALUES; v++)
            {
                final BigInteger value = k.values[v];
                compared[0]++;
                final long actual = to.convertWide(value.shiftRight(64).longValue(), value.longValue(),
                    k.source.fractionBits(), k.source.integerBits(), k.source.signed());
                final long want = expected[c * VALUES + v];
                if ((actual & mask) != (want & mask) && mismatches++ < 8)
                {
                    first.append("\n  case ").append(c).append(' ').append(k).append(": source raw ").append(value)
                        .append(" ap_types ").append(Long.toHexString(want & mask)).append(" CPU ")
                        .append(Long.toHexString(actual & mask));
                }
            }
        }
        return mismatches == 0 ? "" : mismatches + " differ:" + first;
    }

    /** Conversions from a 64-bit unsigned source, into a 64-bit unsigned target, from unsigned values >= 2^127. */
    private static long[] unsigned64Counts(final List<Case> cases)
    {
        final long[] n = new long[3];
        for (final Case k : cases)
        {
            n[0] += !k.source.signed() && k.source.width() == 64 ? VALUES : 0;
            n[1] += !k.target.signed() && k.target.width() == 64 ? VALUES : 0;
            for (final BigInteger v : k.values)
            {
                n[2] += !k.source.signed() && v.bitLength() == 128 ? 1 : 0;
            }
        }
        return n;
    }

    /** The case's target as the CPU engine's type. */
    private static FixedPointType cpuType(final Case k)
    {
        final ConversionTarget t = k.target;
        if (k.apInt)
        {
            return FixedPointType.apInt(t.signed(), t.width());
        }
        return FixedPointType.of(t.signed(), t.width(), t.width() - t.fractionBits(),
            Quantization.valueOf(ExactConversionC.QUANTIZATION[t.quantization()]),
            Overflow.valueOf(ExactConversionC.OVERFLOW[t.overflow()]), t.saturationBits());
    }

    private static Case randomCase(final SplittableRandom r)
    {
        // every 8th case a 64-bit unsigned source (a declared ap_uint<64>/ap_ufixed<64,I>) and every 8th a 64-bit
        // unsigned target, besides the ones drawn at random; 128-bit unsigned sources are u64 x u64 products
        final boolean u64Source = r.nextInt(8) == 0;
        final boolean u64Target = r.nextInt(8) == 0;
        final boolean srcSigned = !u64Source && r.nextInt(4) != 0;
        final int srcWidth = u64Source ? 64 : switch (r.nextInt(6))
        {
            case 0 -> 1 + r.nextInt(8);
            case 1, 2 -> 1 + r.nextInt(64);
            case 3 -> 60 + r.nextInt(9);
            case 4 -> 65 + r.nextInt(64);
            default -> 120 + r.nextInt(9);
        };
        final boolean apInt = r.nextInt(5) == 0;
        final boolean tgtSigned = !u64Target && r.nextInt(4) != 0;
        final int tgtWidth = u64Target ? 64 : switch (r.nextInt(4))
        {
            case 0 -> 1 + r.nextInt(8);
            case 1 -> 56 + r.nextInt(9);
            default -> 1 + r.nextInt(64);
        };
        final int tgtFraction = apInt ? 0 : r.nextInt(-8, tgtWidth + 8);
        // the shift F2 - F: mostly small, sometimes far (past the source width, past 64 and 128 bits)
        final int sh = switch (r.nextInt(6))
        {
            case 0 -> r.nextInt(-140, 141);
            case 1 -> r.nextInt(-70, 71);
            default -> r.nextInt(-6, 7);
        };
        final ConversionTarget target;
        if (!apInt && r.nextInt(12) == 0)
        {
            // a 1-bit signed AP_SAT_SYM target: ap_types' -max is min (-1) there
            target = new ConversionTarget(true, 1, tgtFraction, r.nextInt(ExactConversionC.QUANTIZATION.length),
                java.util.Arrays.asList(ExactConversionC.OVERFLOW).indexOf("AP_SAT_SYM"), 0, false);
        }
        else if (apInt)
        {
            target = ConversionTarget.apInt(tgtSigned, tgtWidth);
        }
        else
        {
            int o = r.nextInt(ExactConversionC.OVERFLOW.length);
            if (o == ExactConversionC.WRAP_SM && !tgtSigned)
            {
                o = ExactConversionC.WRAP;
            }
            final int n = o == ExactConversionC.WRAP || o == ExactConversionC.WRAP_SM ?
                (r.nextBoolean() ? 0 : r.nextInt(1 + Math.min(tgtWidth, r.nextBoolean() ? 3 : 64))) : 0;
            target = new ConversionTarget(tgtSigned, tgtWidth, tgtFraction,
                r.nextInt(ExactConversionC.QUANTIZATION.length), o, n, false);
        }
        // ap_types asserts ("Attempting to read bit beyond MSB") when a rounding mode drops more bits than the source
        // has; only truncation is defined there.
        final boolean reads = target.quantization() != ExactConversionC.TRN &&
            !(target.quantization() == ExactConversionC.TRN_ZERO && !srcSigned);
        int shift = reads ? Math.min(sh, srcWidth) : sh;
        if (apInt && srcWidth - (tgtFraction + shift) < 0)
        {
            shift = srcWidth; // I = 0: the quirk the generator reproduces; I < 0 is undefined in ap_types
        }
        final ExactType source = new ExactType(srcSigned, srcWidth, tgtFraction + shift);
        final BigInteger[] values = new BigInteger[VALUES];
        for (int v = 0; v < VALUES; v++)
        {
            values[v] = randomValue(r, source, target, shift);
        }
        return new Case(source, target, apInt, values);
    }

    /** A raw source value: uniform bits, the target's bounds on the source grid +-2, ties, small, the extremes. */
    private static BigInteger randomValue(
        final SplittableRandom r, final ExactType source, final ConversionTarget target, final int sh)
    {
        final int w = source.width();
        final BigInteger lo = source.signed() ? BigInteger.ONE.shiftLeft(w - 1).negate() : BigInteger.ZERO;
        final BigInteger hi = BigInteger.ONE.shiftLeft(source.signed() ? w - 1 : w).subtract(BigInteger.ONE);
        final BigInteger v = switch (r.nextInt(8))
        {
            case 0 -> new BigInteger(w, new java.util.Random(r.nextLong())).add(lo);
            case 1 -> scaled(r.nextBoolean() ? target.max() : target.min(), sh)
                .add(BigInteger.valueOf(r.nextInt(-2, 3)));
            case 2 -> scaled(r.nextBoolean() ? target.max().add(BigInteger.ONE) : target.min().subtract(
                BigInteger.ONE), sh).add(BigInteger.valueOf(r.nextInt(-2, 3)));
            case 3 ->
            {
                // a tie: random upper bits, then 1000...0 below the target's last bit
                final BigInteger upper = new BigInteger(Math.max(1, w), new java.util.Random(r.nextLong())).add(lo);
                yield sh > 0 ? upper.shiftRight(sh).shiftLeft(sh).add(BigInteger.ONE.shiftLeft(sh - 1))
                    .add(BigInteger.valueOf(r.nextInt(3) - 1).multiply(BigInteger.valueOf(r.nextInt(2)))) : upper;
            }
            case 4 -> BigInteger.valueOf(r.nextInt(-3, 4));
            case 5 -> r.nextBoolean() ? lo : hi;
            default -> new BigInteger(w, new java.util.Random(r.nextLong())).add(lo);
        };
        return v.max(lo).min(hi);
    }

    private static BigInteger scaled(final BigInteger targetRaw, final int sh)
    {
        return sh >= 0 ? targetRaw.shiftLeft(sh) : targetRaw.shiftRight(-sh);
    }

    private static long[] runCpp(final Path apTypes, final List<Case> cases) throws IOException, InterruptedException
    {
        final Path dir = Files.createTempDirectory("l1infer-aptypes");
        final StringBuilder cpp = new StringBuilder(1 << 20);
        cpp.append("#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n#include <cstdio>\n")
            .append("template <int W2, int I2, bool S2, class DST, int W>\n")
            .append("void run(const unsigned long long* v, int n) {\n")
            .append("  for (int k = 0; k < n; k++) {\n")
            .append("    ap_fixed_base<W2, I2, S2> x;\n    ap_uint<W2> bits;\n")
            .append("    if (W2 <= 64) { bits = v[2 * k + 1]; } else {\n")
            .append("      ap_uint<128> t = v[2 * k]; t <<= 64; t |= ap_uint<128>(v[2 * k + 1]); bits = t; }\n")
            .append("    x.range(W2 - 1, 0) = bits;\n    DST y = x;\n")
            .append("    ap_uint<W> out; out = y.range(W - 1, 0);\n")
            .append("    printf(\"%llu\\n\", (unsigned long long)out.to_uint64());\n  }\n}\n");
        for (int c = 0; c < cases.size(); c++)
        {
            cpp.append("static const unsigned long long v").append(c).append("[] = {");
            for (final BigInteger v : cases.get(c).values)
            {
                cpp.append(words(v)[0]).append("ull, ").append(words(v)[1]).append("ull, ");
            }
            cpp.append("};\n");
        }
        cpp.append("int main() {\n");
        for (int c = 0; c < cases.size(); c++)
        {
            final Case k = cases.get(c);
            cpp.append("  run<").append(k.source.width()).append(", ").append(k.source.integerBits()).append(", ")
                .append(k.source.signed()).append(", ").append(k.cppTarget()).append(", ").append(k.target.width())
                .append(">(v").append(c).append(", ").append(VALUES).append(");\n");
        }
        cpp.append("  return 0;\n}\n");
        final Path source = dir.resolve("conversions.cpp");
        Files.writeString(source, cpp);
        final Path binary = dir.resolve("conversions");
        exec(dir, List.of("g++", "-O0", "-std=c++17", "-w", "-I" + apTypes, source.toString(), "-o",
            binary.toString()), dir.resolve("g++.log"));
        final Path out = dir.resolve("out.txt");
        exec(dir, List.of(binary.toString()), out);
        final List<String> lines = Files.readAllLines(out, StandardCharsets.US_ASCII);
        assertEquals(cases.size() * VALUES, lines.size(), "output lines of " + binary);
        final long[] result = new long[lines.size()];
        for (int i = 0; i < result.length; i++)
        {
            result[i] = Long.parseUnsignedLong(lines.get(i).trim());
        }
        return result;
    }

    private static void exec(final Path dir, final List<String> command, final Path output)
        throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), command + " timed out");
        assertEquals(0, p.exitValue(), () -> command + " failed: " + readQuietly(output));
    }

    private static String readQuietly(final Path p)
    {
        try
        {
            final String s = Files.readString(p);
            return s.length() > 4000 ? s.substring(0, 4000) : s;
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    /** The two's-complement 128 bits of v as unsigned decimal words {hi, lo}. */
    private static String[] words(final BigInteger v)
    {
        final BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        final BigInteger bits = v.mod(two64.shiftLeft(64));
        return new String[] {bits.shiftRight(64).toString(), bits.mod(two64).toString()};
    }

    private static long[] runOpenCl(final OpenClDevice device, final List<Case> cases)
    {
        final StringBuilder src = new StringBuilder(1 << 20);
        src.append(FixedPointCExpressions.PRELUDE);
        src.append("__kernel void conversions(__global const ulong *in, __global ulong *out)\n{\n")
            .append("    const size_t i = get_global_id(0);\n    const ulong hi = in[2 * i];\n")
            .append("    const ulong lo = in[2 * i + 1];\n    long r;\n    switch (i / ").append(VALUES).append(
                ")\n    {\n");
        for (int c = 0; c < cases.size(); c++)
        {
            final Case k = cases.get(c);
            src.append("        case ").append(c).append(": r = ")
                .append(ExactConversionC.convert("hi", "lo", k.source, k.target)).append("; break;\n");
        }
        src.append("        default: r = 0; break;\n    }\n    out[i] = as_ulong(r);\n}\n");
        final int n = cases.size() * VALUES;
        final long[] input = new long[2 * n];
        for (int c = 0; c < cases.size(); c++)
        {
            for (int v = 0; v < VALUES; v++)
            {
                final BigInteger bits = cases.get(c).values[v];
                input[2 * (c * VALUES + v)] = bits.shiftRight(64).longValue();
                input[2 * (c * VALUES + v) + 1] = bits.longValue();
            }
        }
        final long[] output = new long[n];
        try (OpenClProgram program = OpenClProgram.fromSource(device, src.toString(), ""))
        {
            runKernel(program, input, output);
        }
        return output;
    }

    @SuppressWarnings("deprecation")
    static void runKernel(final OpenClProgram program, final long[] input, final long[] output)
    {
        final int[] err = new int[1];
        final cl_command_queue queue = CL.clCreateCommandQueue(program.context(), program.device().deviceId(), 0, err);
        OpenClStatus.check(err[0], "clCreateCommandQueue");
        final cl_kernel kernel = CL.clCreateKernel(program.program(), "conversions", err);
        OpenClStatus.check(err[0], "clCreateKernel");
        final cl_mem in = CL.clCreateBuffer(program.context(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR,
            (long)Sizeof.cl_ulong * input.length, Pointer.to(input), err);
        OpenClStatus.check(err[0], "clCreateBuffer(in)");
        final cl_mem out = CL.clCreateBuffer(program.context(), CL.CL_MEM_WRITE_ONLY,
            (long)Sizeof.cl_ulong * output.length, null, err);
        OpenClStatus.check(err[0], "clCreateBuffer(out)");
        try
        {
            CL.clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(in));
            CL.clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(out));
            OpenClStatus.check(CL.clEnqueueNDRangeKernel(queue, kernel, 1, null, new long[] {output.length}, null, 0,
                null, null), "clEnqueueNDRangeKernel");
            OpenClStatus.check(CL.clEnqueueReadBuffer(queue, out, CL.CL_TRUE, 0, (long)Sizeof.cl_ulong * output.length,
                Pointer.to(output), 0, null, null), "clEnqueueReadBuffer");
        }
        finally
        {
            CL.clReleaseMemObject(in);
            CL.clReleaseMemObject(out);
            CL.clReleaseKernel(kernel);
            CL.clReleaseCommandQueue(queue);
        }
    }
}
