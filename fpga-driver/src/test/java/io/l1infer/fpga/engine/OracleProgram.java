package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One C++ program over one hls4ml template generation's headers: each case is a config struct and a call of an
 * {@code nnet::} activation; the program reads raw inputs from a file and prints raw output bit patterns, one
 * line per event, which the test compares with the Java kernels.
 */
final class OracleProgram
{
    /** One activation call: C++ declarations (typedefs {@code in_t}, {@code out_t}, config {@code cfg}) and call. */
    record Case(
        String name,
        String declarations,
        String call,
        int size,
        FixedPointType in,
        FixedPointType out,
        ActivationFunction kernel,
        List<long[]> events)
    {
    }

    private final Path generation;
    private final Path apTypes;
    private final List<Case> cases = new ArrayList<>();

    OracleProgram(final Path generation, final Path apTypes)
    {
        this.generation = generation;
        this.apTypes = apTypes;
    }

    void add(final Case c)
    {
        cases.add(c);
    }

    List<Case> cases()
    {
        return cases;
    }

    /** Compile, run, and return per case the printed output patterns, one long[] per event. */
    List<List<long[]>> run(final Path dir) throws IOException, InterruptedException
    {
        final StringBuilder cpp = new StringBuilder();
        cpp.append("#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n#include \"hls_stream.h\"\n")
            .append("#include \"nnet_helpers.h\"\n#include \"nnet_activation.h\"\n")
            .append("#include <cstdio>\n#include <cmath>\n#include <map>\n#include <string>\n")
            // hls4ml's myproject_test.cpp defines the trace globals nnet_helpers.h declares extern.
            .append("namespace nnet { bool trace_enabled = false; std::map<std::string, void *> *trace_outputs = ")
            .append("NULL; size_t trace_type_size = sizeof(double); }\n");
        for (int k = 0; k < cases.size(); k++)
        {
            final Case c = cases.get(k);
            cpp.append("namespace case").append(k).append(" {\n").append(c.declarations()).append('\n')
                .append("void run(FILE *f) {\n  long n; if (fscanf(f, \"%ld\", &n) != 1) exit(3);\n")
                .append("  for (long e = 0; e < n; e++) {\n")
                .append("    in_t in[").append(c.size()).append("]; out_t out[").append(c.size()).append("];\n")
                .append("    for (int j = 0; j < ").append(c.size()).append("; j++) { long long r; ")
                .append("if (fscanf(f, \"%lld\", &r) != 1) exit(4); in[j] = ldexp((double)r, -")
                .append(c.in().fractionBits()).append("); }\n    ").append(c.call()).append('\n')
                .append("    for (int j = 0; j < ").append(c.size()).append("; j++) { ap_uint<out_t::width> b = ")
                .append("out[j].range(out_t::width - 1, 0); printf(\"%llu \", (unsigned long long)b.to_uint64()); }")
                .append("\n    printf(\"\\n\");\n  }\n}\n}\n");
        }
        cpp.append("int main(int argc, char **argv) {\n  FILE *f = fopen(argv[1], \"r\");\n");
        for (int k = 0; k < cases.size(); k++)
        {
            cpp.append("  case").append(k).append("::run(f);\n");
        }
        cpp.append("  return 0;\n}\n");
        final Path source = dir.resolve("oracle.cpp");
        Files.writeString(source, cpp.toString(), StandardCharsets.US_ASCII);

        final StringBuilder inputs = new StringBuilder();
        for (final Case c : cases)
        {
            inputs.append(c.events().size()).append('\n');
            for (final long[] event : c.events())
            {
                for (final long v : event)
                {
                    inputs.append(v).append(' ');
                }
                inputs.append('\n');
            }
        }
        final Path inputFile = dir.resolve("inputs.txt");
        Files.writeString(inputFile, inputs.toString(), StandardCharsets.US_ASCII);

        final Path binary = dir.resolve("oracle");
        exec(dir, List.of("g++", "-O1", "-std=c++17", "-w", "-I" + generation.resolve("nnet_utils"),
            "-I" + apTypes, source.toString(), "-o", binary.toString()), dir.resolve("compile.log"));
        final Path output = dir.resolve("output.txt");
        exec(dir, List.of(binary.toString(), inputFile.toString()), output);

        final List<String> lines = Files.readAllLines(output, StandardCharsets.US_ASCII);
        final List<List<long[]>> results = new ArrayList<>();
        int line = 0;
        for (final Case c : cases)
        {
            final List<long[]> rows = new ArrayList<>();
            for (int e = 0; e < c.events().size(); e++)
            {
                final String[] words = lines.get(line++).trim().split(" ");
                final long[] row = new long[words.length];
                for (int j = 0; j < words.length; j++)
                {
                    row[j] = Long.parseUnsignedLong(words[j]);
                }
                rows.add(row);
            }
            results.add(rows);
        }
        return results;
    }

    private static void exec(final Path dir, final List<String> command, final Path output)
        throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS))
        {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0)
        {
            final String log = Files.readString(output, StandardCharsets.US_ASCII);
            throw new IOException(command.get(0) + " failed (" + p.exitValue() + "): " +
                log.substring(0, Math.min(log.length(), 4000)));
        }
    }

    /** Skip (one line) when g++ is missing, unless under CI, where the oracle must run. */
    static void requireCompiler(final String what)
    {
        boolean found;
        try
        {
            found = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start().waitFor() == 0;
        }
        catch (final IOException | InterruptedException ex)
        {
            found = false;
        }
        if (!found && !io.l1infer.testsupport.SharedReference.underCi())
        {
            System.err.println("skipped: " + what + " needs g++ on the PATH");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(found || io.l1infer.testsupport.SharedReference.underCi(),
            "g++ not found");
    }

    /** Run a command in dir, its output to a file; fail with the output on a non-zero exit. */
    static void execute(final Path dir, final List<String> command, final Path output)
        throws IOException, InterruptedException
    {
        exec(dir, command, output);
    }

    /** A type's raw value as the bit pattern the program prints. */
    static long pattern(final long raw, final FixedPointType type)
    {
        return type.width() >= 64 ? raw : raw & ((1L << type.width()) - 1);
    }
}
