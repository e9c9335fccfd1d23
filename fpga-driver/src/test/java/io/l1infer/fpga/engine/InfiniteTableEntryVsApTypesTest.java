package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.ApTypesOracleTest;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.testsupport.SharedReference;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Table entries at and past the float range (exp overflowing to inf, 1/0 as inf, huge finite floats) assigned to a
 * table type of every kind, mode, N and width, as {@code init_exp_table}/{@code init_invert_table} assign them:
 * g++ against hls4ml 1.3.0's ap_types against {@link ApFixedArithmetic#fromDouble}, which both engines' tables use.
 */
class InfiniteTableEntryVsApTypesTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261202L);
    private static final int TYPES = Integer.getInteger("l1infer.test.infinity.types", 120);
    /** float and double infinities, the largest floats and doubles, and large finite values either side. */
    private static final String[] CPP_VALUES = {"(float)INFINITY", "-(float)INFINITY", "(double)INFINITY",
        "-(double)INFINITY", "FLT_MAX", "-FLT_MAX", "DBL_MAX", "-DBL_MAX", "1.0e30f", "-1.0e30", "0x1p100",
        "-0x1p70"};
    private static final double[] VALUES = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Double.MAX_VALUE,
        -Double.MAX_VALUE, 1.0e30f, -1.0e30, 0x1p100, -0x1p70};

    @Test
    void infiniteAndHugeEntriesConvertAsApTypesDoes() throws Exception
    {
        final Path headers = SharedReference.require("reference/hls4ml-v1.3.0/ap_types",
            "InfiniteTableEntryVsApTypesTest");
        OracleProgram.requireCompiler("InfiniteTableEntryVsApTypesTest");
        final SplittableRandom r = new SplittableRandom(SEED);
        final List<FixedPointType> types = new ArrayList<>();
        final StringBuilder cpp = new StringBuilder("#include <cfloat>\n#include <cmath>\n#include <cstdio>\n" +
            "#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n");
        cpp.append("template <class T> static void p(T t) { printf(\"%llu\\n\", (unsigned long long)t.range()" +
            ".to_uint64()); }\n");
        cpp.append("template <class T> static void pi(T t) { printf(\"%llu\\n\", (unsigned long long)t" +
            ".to_uint64()); }\n");
        cpp.append("template <class T> static void all(bool integer) {\n");
        for (final String v : CPP_VALUES)
        {
            cpp.append("  { T t = ").append(v).append("; if (integer) pi(t); else p(t); }\n");
        }
        cpp.append("}\nint main() {\n");
        for (int k = 0; k < TYPES; k++)
        {
            final FixedPointType t = ApTypesOracleTest.randomType(r);
            types.add(t);
            cpp.append("  all<").append(t.toCppString()).append(" >(").append(t.isInteger()).append(");\n");
        }
        cpp.append("  return 0;\n}\n");
        final Path dir = Files.createTempDirectory("l1infer-infinity");
        Files.writeString(dir.resolve("inf.cpp"), cpp.toString(), StandardCharsets.US_ASCII);
        OracleProgram.execute(dir, List.of("g++", "-O1", "-std=c++14", "-w", "-DNDEBUG", "-I" + headers, "inf.cpp",
            "-o", "inf"), dir.resolve("build.log"));
        OracleProgram.execute(dir, List.of(dir.resolve("inf").toString()), dir.resolve("out.txt"));
        final List<String> lines = Files.readAllLines(dir.resolve("out.txt"));
        assertEquals(TYPES * VALUES.length, lines.size(), "output lines");
        final StringBuilder differ = new StringBuilder();
        int mismatches = 0;
        for (int k = 0; k < TYPES; k++)
        {
            final FixedPointType t = types.get(k);
            for (int v = 0; v < VALUES.length; v++)
            {
                // ap_int's to_uint64 sign-extends: compare the W-bit patterns
                final long expected = OracleProgram.pattern(
                    Long.parseUnsignedLong(lines.get(k * VALUES.length + v).trim()), t);
                final long actual = OracleProgram.pattern(ApFixedArithmetic.fromDouble(t, VALUES[v]), t);
                if (actual != expected)
                {
                    if (mismatches++ < 10)
                    {
                        differ.append("\n  ").append(t.toCppString()).append(" = ").append(CPP_VALUES[v])
                            .append(": ap_types ").append(Long.toHexString(expected)).append(", engine ")
                            .append(Long.toHexString(actual));
                    }
                }
            }
        }
        System.out.println("InfiniteTableEntryVsApTypesTest: " + TYPES * VALUES.length + " conversions of " + TYPES +
            " types, " + mismatches + " differ (seed " + SEED + ")");
        assertEquals(0, mismatches, mismatches + " differ (seed " + SEED + ", -Dl1infer.test.seed to repeat):" +
            differ);
    }
}
