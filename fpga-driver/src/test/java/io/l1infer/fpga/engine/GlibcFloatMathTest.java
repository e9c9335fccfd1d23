package io.l1infer.fpga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GlibcFloatMath} against this machine's glibc expf, tanhf and expm1f, bit for bit. */
class GlibcFloatMathTest
{
    private static final long SEED = 0xF10A7L;
    private static final int RANDOM = 300_000;

    @Test
    void matchesGlibc(@TempDir final Path dir) throws Exception
    {
        OracleProgram.requireCompiler("glibc float math check");
        final Random rnd = new Random(SEED);
        final float[] x = new float[RANDOM + 3 * 8192];
        int n = 0;
        for (int i = 0; i < RANDOM; i++)
        {
            // Half any bit pattern of |x| < 128, half uniform in [-20, 20].
            x[n++] = i % 2 == 0 ? Float.intBitsToFloat(rnd.nextInt()) % 128.0f : (float)(rnd.nextDouble() * 40 - 20);
        }
        for (int ii = 0; ii < 8192; ii++)
        {
            x[n++] = ActivationTables.symmetricInput(ii, 8192, 8.0);
            x[n++] = ActivationTables.symmetricInput(ii, 8192, 4.0);
            x[n++] = ActivationTables.negativeInput(ii, 8192);
        }
        final StringBuilder in = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            in.append(Integer.toUnsignedString(Float.floatToRawIntBits(x[i]))).append('\n');
        }
        Files.writeString(dir.resolve("in.txt"), in.toString(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("m.cpp"), String.join("\n",
            "#include <cmath>", "#include <cstdio>", "#include <cstring>", "#include <math.h>",
            "int main(int c, char **v) { FILE *f = fopen(v[1], \"r\"); unsigned u;",
            "  while (fscanf(f, \"%u\", &u) == 1) { float x; memcpy(&x, &u, 4);",
            "    float a = expf(x), b = tanhf(x), e = expm1f(x); unsigned ua, ub, ue;",
            "    memcpy(&ua, &a, 4); memcpy(&ub, &b, 4); memcpy(&ue, &e, 4); printf(\"%u %u %u\\n\", ua, ub, ue); }",
            "  return 0; }", ""), StandardCharsets.US_ASCII);
        OracleProgram.execute(dir, List.of("g++", "-O1", "m.cpp", "-o", "m"), dir.resolve("compile.log"));
        OracleProgram.execute(dir, List.of(dir.resolve("m").toString(), "in.txt"), dir.resolve("out.txt"));
        final List<String> lines = Files.readAllLines(dir.resolve("out.txt"), StandardCharsets.US_ASCII);
        assertEquals(n, lines.size());
        int bad = 0;
        final StringBuilder first = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            final String[] w = lines.get(i).split(" ");
            final int[] java = {
                Float.floatToRawIntBits(GlibcFloatMath.expf(x[i])),
                Float.floatToRawIntBits(GlibcFloatMath.tanhf(x[i])),
                Float.floatToRawIntBits(GlibcFloatMath.expm1f(x[i]))};
            for (int k = 0; k < 3; k++)
            {
                if (java[k] != Integer.parseUnsignedInt(w[k]))
                {
                    if (bad++ < 10)
                    {
                        first.append(String.format(" %s(%a): java %a, glibc %a;", new String[] {"expf", "tanhf",
                            "expm1f"}[k], x[i], Float.intBitsToFloat(java[k]),
                            Float.intBitsToFloat(Integer.parseUnsignedInt(w[k]))));
                    }
                }
            }
        }
        System.out.println("glibc float math: " + n + " inputs x 3 functions, " + bad + " differences");
        assertEquals(0, bad, "seed " + SEED + ":" + first);
    }
}
