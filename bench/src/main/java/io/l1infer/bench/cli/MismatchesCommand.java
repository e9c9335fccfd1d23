package io.l1infer.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mismatches FILE}: print a shadow engine's mismatch log as a table, one event per block. */
@Command(name = "mismatches", mixinStandardHelpOptions = true,
    description = "Print the events of a shadow mismatch log (l1infer.shadow.mismatch.log) whose shadow answer " +
        "differed from the primary's.")
final class MismatchesCommand implements Callable<Integer>
{
    @Parameters(index = "0", description = "The mismatch log file.")
    Path file;

    @Override
    public Integer call() throws IOException
    {
        final List<String> lines = Files.readAllLines(file);
        int events = 0;
        for (int n = 0; n < lines.size(); n++)
        {
            final String line = lines.get(n);
            if (line.startsWith("#"))
            {
                if (n == 0)
                {
                    System.out.println(line.substring(2));
                }
                continue;
            }
            final String[] f = line.split(" ");
            if (f.length != 7 || !f[4].startsWith("inputs=") || !f[5].startsWith("primary=") ||
                !f[6].startsWith("shadow="))
            {
                System.err.println(file + ":" + (n + 1) + ": not a mismatch record: " + line);
                return L1inferBench.EXIT_FAILURE;
            }
            events++;
            System.out.printf("event %s (source %s), batch of %s, at %s ms since the epoch%n", f[2], f[1], f[3], f[0]);
            System.out.println("  primary " + f[5].substring("primary=".length()));
            System.out.println("  shadow  " + f[6].substring("shadow=".length()));
            System.out.println("  inputs  " + f[4].substring("inputs=".length()));
        }
        System.out.println(events + " mismatching events");
        return 0;
    }
}
