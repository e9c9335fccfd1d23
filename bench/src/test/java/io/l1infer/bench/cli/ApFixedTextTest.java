package io.l1infer.bench.cli;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.testsupport.SharedReference;
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

/**
 * ap_fixed's stream output: worked cases read off the C++ (kept with their reason), and seeded random values of
 * many types printed by the real ap_types headers compiled with g++ (when ../shared is there), byte for byte.
 */
class ApFixedTextTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 1414L);
    private static final String[] TYPES = {
        "ap_fixed<16,6>", "ap_fixed<17,2>", "ap_ufixed<8,0>", "ap_fixed<8,8>", "ap_fixed<24,12>", "ap_fixed<32,16>",
        "ap_fixed<32,1>", "ap_fixed<12,-2>", "ap_fixed<20,20>",
        "ap_fixed<32,32>", "ap_ufixed<31,31>", "ap_fixed<18,0>", "ap_ufixed<16,6>", "ap_fixed<30,24>",
    };
    private static final int VALUES_PER_TYPE = 600;

    @TempDir
    Path dir;

    @Test
    void workedCases()
    {
        final FixedPointType q16 = FixedPointType.parse("ap_fixed<16,6>");
        assertEquals("0", ApFixedText.format(q16, 0));
        assertEquals("1", ApFixedText.format(q16, 1024));
        assertEquals("-0.5", ApFixedText.format(q16, -512));
        assertEquals("-32", ApFixedText.format(q16, -32768));
        assertEquals("0.000976563", ApFixedText.format(q16, 1), "0.0009765625: the 7th digit 5 rounds up");
        assertEquals("31.999", ApFixedText.format(q16, 32767), "31.9990234375: 6 digits, trailing 0 dropped");
        final FixedPointType out = FixedPointType.parse("ap_fixed<17,2>");
        assertEquals("0.0527344", ApFixedText.format(out, 1728), "the thesis model's first C simulation line");
        assertEquals("3.05176e-05", ApFixedText.format(out, 1), "four zeros after the point: scientific");
        final FixedPointType integer = FixedPointType.parse("ap_fixed<32,32>");
        assertEquals("123456", ApFixedText.format(integer, 123456));
        assertEquals("1.23457e+06", ApFixedText.format(integer, 1234567), "7 significant digits: scientific");
        assertEquals("1000000", ApFixedText.format(integer, 1000000), "1 significant digit: printed in full");
        assertEquals("1e+07", ApFixedText.format(integer, 9999996), "the carry runs into the leading pad");
        assertEquals("-2.14748e+09", ApFixedText.format(integer, Integer.MIN_VALUE));
    }

    @Test
    void typesWithMoreIntegerBitsThanBitsAreRefused()
    {
        // ap_types' to_string reads the integer part from bit W-I < 0 and prints a wrong value (ap_ufixed<10,14>
        // raw 1023, i.e. 16368, prints as 2032 with g++ 12): a file that cannot be matched is not written.
        final IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> ApFixedText.checkPrintable(FixedPointType.parse("ap_ufixed<10,14>")));
        assertTrue(ex.getMessage().contains("ap_ufixed<10,14> has more integer bits than bits"), ex.getMessage());
        ApFixedText.checkPrintable(FixedPointType.parse("ap_fixed<32,32>"));
    }

    @Test
    void everyValueAsTheApTypesHeadersPrintIt() throws IOException, InterruptedException
    {
        final Path apTypes = SharedReference.require("reference/hls4ml-v1.3.0/ap_types",
            "ap_fixed stream output printed by g++ against hls4ml 1.3.0's ap_types");
        final SplittableRandom random = new SplittableRandom(SEED);
        final StringBuilder source = new StringBuilder()
            .append("#include <iostream>\n#include \"ap_fixed.h\"\n")
            .append("template <class T, int W> void run() {\n")
            .append("  long long n; std::cin >> n;\n")
            .append("  for (long long i = 0; i < n; i++) { long long r; std::cin >> r; T x = 0; ")
            .append("x.range(W - 1, 0) = r; std::cout << x << \" \"; }\n")
            .append("  std::cout << std::endl;\n}\nint main() {\n");
        final StringBuilder input = new StringBuilder();
        final List<String> expected = new ArrayList<>();
        for (final String name : TYPES)
        {
            final FixedPointType type = FixedPointType.parse(name);
            source.append("  run<").append(name).append(", ").append(type.width()).append(">();\n");
            input.append(VALUES_PER_TYPE);
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < VALUES_PER_TYPE; i++)
            {
                final long raw = i < 4 ? new long[]{ 0, type.minRaw(), type.maxRaw(), 1 }[i] :
                    i % 3 == 0 ? type.minRaw() + random.nextLong(type.maxRaw() - type.minRaw() + 1) :
                    (random.nextLong(2001) - 1000) >> (type.isSigned() ? 0 : 11);
                final long clamped = Math.max(type.minRaw(), Math.min(type.maxRaw(), raw));
                input.append(' ').append(clamped);
                line.append(ApFixedText.format(type, clamped)).append(' ');
            }
            input.append('\n');
            expected.add(line.toString());
        }
        source.append("  return 0;\n}\n");
        final Path cpp = dir.resolve("print.cpp");
        Files.writeString(cpp, source);
        final Path exe = dir.resolve("print");
        run(List.of("g++", "-O0", "-std=c++11", "-I" + apTypes, cpp.toString(), "-o", exe.toString()), null);
        // Types with I > W make ap_types warn on standard error; the values go to standard output.
        final List<String> actual = List.of(run(List.of(exe.toString()), input.toString()).split("\n", -1));
        for (int t = 0; t < TYPES.length; t++)
        {
            final String[] want = expected.get(t).split(" ");
            final String[] got = actual.get(t).split(" ");
            for (int i = 0; i < want.length; i++)
            {
                assertEquals(got[i], want[i], TYPES[t] + " value " + i + " (seed " + SEED + ")");
            }
            assertEquals(actual.get(t), expected.get(t), TYPES[t] + " (seed " + SEED + ")");
        }
    }

    private String run(final List<String> command, final String stdin) throws IOException, InterruptedException
    {
        final Path errors = Files.createTempFile(dir, "stderr", ".txt");
        final Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        if (stdin != null)
        {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
        }
        p.getOutputStream().close();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, p.exitValue(), command + ":\n" + output + Files.readString(errors));
        return output;
    }
}
