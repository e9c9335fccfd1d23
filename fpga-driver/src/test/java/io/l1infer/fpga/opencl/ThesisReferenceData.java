package io.l1infer.fpga.opencl;

import io.l1infer.testsupport.ProjectPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hls4ml C simulation's first 1000 thesis events: 27 raw ap_fixed&lt;16,6&gt; inputs and the raw
 * ap_fixed&lt;17,2&gt; output per line of {@code data/muon-pt-thesis/expected-first1000.csv}.
 */
final class ThesisReferenceData
{
    final int[][] inputs;
    final int[] expected;

    private ThesisReferenceData(final int[][] inputs, final int[] expected)
    {
        this.inputs = inputs;
        this.expected = expected;
    }

    static ThesisReferenceData load()
    {
        final Path file = ProjectPaths.thesisExpectedCsv();
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        final List<int[]> in = new ArrayList<>();
        final List<Integer> out = new ArrayList<>();
        int lineNumber = 0;
        for (final String line : lines)
        {
            lineNumber++;
            if (line.isBlank())
            {
                continue;
            }
            final String[] parts = line.split(",");
            if (parts.length != 28)
            {
                throw new IllegalStateException(file + " line " + lineNumber + ": expected 28 fields, got " +
                    parts.length);
            }
            final int[] row = new int[27];
            for (int i = 0; i < 27; i++)
            {
                row[i] = Integer.parseInt(parts[i].trim());
            }
            in.add(row);
            out.add(Integer.parseInt(parts[27].trim()));
        }
        return new ThesisReferenceData(in.toArray(new int[0][]), out.stream().mapToInt(Integer::intValue).toArray());
    }

    int size()
    {
        return expected.length;
    }
}
