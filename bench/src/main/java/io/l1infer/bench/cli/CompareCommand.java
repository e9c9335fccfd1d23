package io.l1infer.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code compare A B}: two raw result files (one event per line, comma- or space-separated raw integers, as
 * {@code infer --raw} writes them or a C simulation prints them) compared event by event.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare two raw result files event by event (infer --raw output, a firmware's C simulation, a " +
        "hardware run); exit 0 when identical, 3 when any event differs.")
final class CompareCommand implements Callable<Integer>
{
    /** Exit code when the files differ in any event. */
    static final int EXIT_DIFFERENT = 3;

    @Parameters(index = "0", description = "The first result file.")
    Path first;

    @Parameters(index = "1", description = "The second result file.")
    Path second;

    @Option(names = "--show", defaultValue = "20", description = "How many differing events to print (default 20).")
    int show;

    @Override
    public Integer call() throws IOException
    {
        final List<String> a = Files.readAllLines(first);
        final List<String> b = Files.readAllLines(second);
        if (a.size() != b.size())
        {
            System.out.println("event counts differ: " + first + " has " + a.size() + " lines, " + second + " has " +
                b.size() + "; comparing the first " + Math.min(a.size(), b.size()));
        }
        final int n = Math.min(a.size(), b.size());
        int differing = 0;
        for (int i = 0; i < n; i++)
        {
            final long[] x = parse(first, i, a.get(i));
            final long[] y = parse(second, i, b.get(i));
            if (x == null || y == null)
            {
                return L1inferBench.EXIT_FAILURE;
            }
            if (!java.util.Arrays.equals(x, y))
            {
                if (differing++ < show)
                {
                    System.out.println("event " + (i + 1) + ": " + a.get(i).trim() + "  vs  " + b.get(i).trim());
                }
            }
        }
        System.out.println("COMPARE events=" + n + " identical=" + (n - differing) + " differing=" + differing);
        return differing == 0 && a.size() == b.size() ? 0 : EXIT_DIFFERENT;
    }

    private static long[] parse(final Path file, final int index, final String line)
    {
        if (line.isBlank())
        {
            return new long[0];
        }
        final String[] fields = line.trim().split("[,\\s]+");
        final long[] values = new long[fields.length];
        for (int i = 0; i < fields.length; i++)
        {
            try
            {
                values[i] = Long.parseLong(fields[i]);
            }
            catch (final NumberFormatException ex)
            {
                System.err.println(file + ":" + (index + 1) + " column " + (i + 1) + ": not a raw integer: '" +
                    fields[i] + "'");
                return null;
            }
        }
        return values;
    }
}
