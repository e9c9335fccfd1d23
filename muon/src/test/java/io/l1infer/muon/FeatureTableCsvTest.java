package io.l1infer.muon;

import io.l1infer.testsupport.ProjectPaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and error reporting of {@link FeatureTableCsv}. */
class FeatureTableCsvTest
{
    @TempDir
    Path dir;

    private Path write(final String text) throws IOException
    {
        final Path file = dir.resolve("t.csv");
        Files.writeString(file, text);
        return file;
    }

    private static String header()
    {
        return String.join(",", MuonFeatures.NAMES);
    }

    @Test
    void readsTheRealTable()
    {
        final double[] first = new double[MuonFeatures.FEATURE_COUNT];
        final int rows = FeatureTableCsv.forEachRow(ProjectPaths.thesisInputsCsv(), (row, line) ->
        {
            if (line == 2)
            {
                System.arraycopy(row, 0, first, 0, row.length);
            }
        });
        assertEquals(14_248, rows);
        assertEquals(3, first[0]);
        assertEquals(0.014404296874997, first[MuonFeatures.DELTA_PHI]);
    }

    @Test
    void aBadValueIsReportedWithFileLineAndColumnName() throws IOException
    {
        final String good = "2" + ",0".repeat(26);
        final String bad = "2" + ",0".repeat(12) + ",abc" + ",0".repeat(13);
        final Path file = write(header() + "\n" + good + "\n" + bad + "\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> FeatureTableCsv.forEachRow(file, (row, line) -> { }));
        assertEquals(file + ":3: column 14 (phiB_1) is not a number: 'abc'", ex.getMessage());
    }

    @Test
    void wrongColumnCountsAreReported() throws IOException
    {
        final Path shortRow = write(header() + "\n1,2,3\n");
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> FeatureTableCsv.forEachRow(shortRow, (row, line) -> { })).getMessage()
            .endsWith(":2: expected 27 comma-separated values"));
        final Path shortHeader = write("a,b\n");
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> FeatureTableCsv.forEachRow(shortHeader, (row, line) -> { })).getMessage()
            .endsWith(":1: header has 2 columns, expected 27"));
    }
}
