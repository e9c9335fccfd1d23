package io.l1infer.bench.cli;

import io.l1infer.bench.latency.ResultLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the bench CLI in-process with standard output and errors captured (and echoed, for the test log). */
record CapturedRun(int exitCode, String out, String err)
{
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    static CapturedRun of(final String... args)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final int code;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            System.setOut(capture);
            code = L1inferBench.run(new PrintWriter(err, true), args);
        }
        finally
        {
            System.setOut(original);
        }
        final CapturedRun run = new CapturedRun(code, bytes.toString(StandardCharsets.UTF_8), err.toString());
        original.print(run.out);
        System.err.print(run.err);
        return run;
    }

    /** The RESULT lines, parsed, in order. */
    List<Map<String, String>> results()
    {
        final List<Map<String, String>> results = new ArrayList<>();
        for (final String line : out.split("\n"))
        {
            if (line.startsWith(ResultLine.PREFIX + " "))
            {
                results.add(ResultLine.parse(line));
            }
        }
        return results;
    }

    /** The first line starting with {@code prefix}, or null. */
    String line(final String prefix)
    {
        for (final String line : out.split("\n"))
        {
            if (line.startsWith(prefix))
            {
                return line;
            }
        }
        return null;
    }
}
