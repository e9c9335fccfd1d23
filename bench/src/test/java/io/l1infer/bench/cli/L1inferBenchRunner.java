package io.l1infer.bench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs a bench command in the test's JVM and returns what it printed, checking its exit code. */
public final class L1inferBenchRunner
{
    private L1inferBenchRunner()
    {
    }

    /** Run {@code args}, assert the exit code, return standard output (echoed to the real one too). */
    public static synchronized String run(final int expectedExit, final String... args)
    {
        final PrintStream old = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final int exit;
        try
        {
            exit = L1inferBench.run(args);
        }
        finally
        {
            System.setOut(old);
        }
        final String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(expectedExit, exit, out);
        return out;
    }
}
