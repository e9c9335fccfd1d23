package io.l1infer.fpga.hls4ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles projects written by {@link Hls4mlProjectWriter} with g++ against one hls4ml release's
 * {@code nnet_utils} and {@code ap_types} and runs their C simulation on raw inputs. Several projects share one
 * g++ run: each project's unchanged sources are included into a namespace of one translation unit (its include
 * guards and macros undefined before the next), since parsing ap_types dominates the compile time.
 */
final class GppHarness
{
    private static final Pattern DEFINE = Pattern.compile("(?m)^\\s*#\\s*define\\s+(\\w+)");

    private GppHarness()
    {
    }

    /** True when a g++ is on the PATH. */
    static boolean available()
    {
        try
        {
            final Process p = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        catch (final IOException | InterruptedException ex)
        {
            return false;
        }
    }

    /** Compile one project with its own test main {@code l1infer_test.cpp} and run it on {@code input} lines. */
    static List<String> runSingle(final Path project, final Path release, final List<String> input,
        final boolean floats)
    {
        final Path exe = project.resolve("l1infer_test");
        compile(List.of("g++", "-O1", "-std=c++14", "-w", "-I" + project.resolve("firmware"),
            "-I" + release.resolve("ap_types"), "-I" + release, project.resolve("l1infer_test.cpp").toString(),
            project.resolve("firmware/myproject.cpp").toString(), "-o", exe.toString()), project);
        return execute(List.of(exe.toString(), floats ? "float" : "raw"), project.resolve("firmware"),
            String.join("\n", input) + "\n");
    }

    /**
     * Compile {@code projects} into one program and run project k on {@code inputs.get(k)} (raw integer lines);
     * returns each project's raw output lines.
     */
    static List<List<String>> runAll(
        final List<Path> projects, final Path release, final List<List<String>> inputs, final Path work)
    {
        try
        {
            Files.createDirectories(work);
            final StringBuilder cpp = new StringBuilder();
            for (final String header : List.of("<cstdio>", "<cstdlib>", "<map>", "<string>", "<iostream>",
                "<unistd.h>", "\"ap_fixed.h\"", "\"ap_int.h\"", "\"hls_stream.h\"", "\"nnet_utils/nnet_types.h\"",
                "\"nnet_utils/nnet_code_gen.h\"", "\"nnet_utils/nnet_helpers.h\"", "\"nnet_utils/nnet_activation.h\"",
                "\"nnet_utils/nnet_activation_stream.h\"", "\"nnet_utils/nnet_batchnorm.h\"",
                "\"nnet_utils/nnet_batchnorm_stream.h\"", "\"nnet_utils/nnet_dense.h\"",
                "\"nnet_utils/nnet_dense_compressed.h\"", "\"nnet_utils/nnet_dense_stream.h\""))
            {
                cpp.append("#include ").append(header).append('\n');
            }
            cpp.append("#include <array>\n#include <tuple>\n\nnamespace nnet {\nbool trace_enabled = false;\n" +
                "std::map<std::string, void *> *trace_outputs = NULL;\nsize_t trace_type_size = " +
                    "sizeof(double);\n}\n\n");
            for (int k = 0; k < projects.size(); k++)
            {
                final Path p = projects.get(k).toAbsolutePath();
                for (final String macro : macros(p))
                {
                    cpp.append("#undef ").append(macro).append('\n');
                }
                cpp.append("namespace p").append(k).append(" {\n#include \"").append(p.resolve(
                    "firmware/myproject.cpp"))
                    .append("\"\n#include \"").append(p.resolve("l1infer_run.h")).append("\"\n}\n");
                Files.write(work.resolve("in" + k + ".txt"), inputs.get(k), StandardCharsets.US_ASCII);
            }
            cpp.append("\nint main(int argc, char **argv) {\n    char path[4096];\n    int rc = 0;\n");
            for (int k = 0; k < projects.size(); k++)
            {
                final Path p = projects.get(k).toAbsolutePath();
                cpp.append("    {\n        FILE *in = fopen(\"").append(work.toAbsolutePath().resolve("in" + k +
                    ".txt"))
                    .append("\", \"r\");\n        FILE *out = fopen(\"")
                    .append(work.toAbsolutePath().resolve("out" + k + ".txt"))
                    .append("\", \"w\");\n        if (chdir(\"").append(p.resolve("firmware"))
                    .append("\") != 0) return 3;\n        rc |= p").append(k)
                    .append("::l1infer_run(in, out, false);\n        fclose(in);\n        fclose(out);\n    }\n");
            }
            cpp.append("    (void)path;\n    return rc;\n}\n");
            final Path source = work.resolve("all.cpp");
            Files.writeString(source, cpp.toString(), StandardCharsets.US_ASCII);
            final Path exe = work.resolve("all");
            // -DNDEBUG: ap_private's get_bit asserts when a type with I < 0 converts to a wider saturating type
            // (ap_fixed_base.h reads a bit above the source's MSB); without the assertion it reads the stored
            // sign extension, which is the value's bit, as synthesised hardware computes it.
            compile(List.of("g++", "-O1", "-std=c++14", "-w", "-DNDEBUG", "-I" + release.resolve("ap_types"),
                "-I" + release, source.toString(), "-o", exe.toString()), work);
            execute(List.of(exe.toString()), work, "");
            final List<List<String>> outputs = new ArrayList<>();
            for (int k = 0; k < projects.size(); k++)
            {
                outputs.add(Files.readAllLines(work.resolve("out" + k + ".txt")));
            }
            return outputs;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every macro a project's own files define (guards, sizes), to undefine before the next project's. */
    private static Set<String> macros(final Path project) throws IOException
    {
        final Set<String> macros = new LinkedHashSet<>();
        try (var files = Files.walk(project.resolve("firmware")))
        {
            for (final Path f : (Iterable<Path>)files::iterator)
            {
                if (f.toString().endsWith(".h"))
                {
                    final Matcher m = DEFINE.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
                    while (m.find())
                    {
                        macros.add(m.group(1));
                    }
                }
            }
        }
        return macros;
    }

    private static void compile(final List<String> command, final Path dir)
    {
        final List<String> out = execute(command, dir, "");
        if (!out.isEmpty() && out.stream().anyMatch(l -> l.contains("error")))
        {
            throw new IllegalStateException("g++ failed: " + String.join("\n", out));
        }
    }

    private static List<String> execute(final List<String> command, final Path dir, final String stdin)
    {
        try
        {
            final Path log = Files.createTempFile(dir, "run", ".log");
            final Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false)
                .redirectError(log.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            final String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!p.waitFor(600, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " timed out");
            }
            final String err = Files.readString(log);
            if (p.exitValue() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" +
                    err + stdout);
            }
            final List<String> lines = new ArrayList<>();
            for (final String l : stdout.split("\n"))
            {
                if (!l.isEmpty())
                {
                    lines.add(l);
                }
            }
            return lines;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
