package io.l1infer.bench.jmh;

import io.l1infer.bench.ThesisReference;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading real feature files, and that the benchmark's quantized inputs are the reference's raw inputs. */
class FeatureTableTest
{
    @Test
    void realInputsQuantizeToTheReferenceRawInputs()
    {
        final ThesisReference reference = ThesisReference.load();
        final FeatureTable table = reference.features;
        assertEquals(27, table.width());
        assertEquals("n_Primitive", table.columns().get(0));
        assertTrue(table.events() >= 14_000, "events: " + table.events());
        final FixedPointType inType = reference.model.input().type();
        for (int e = 0; e < ThesisReference.EVENTS; e++)
        {
            for (int f = 0; f < 27; f++)
            {
                assertEquals(reference.rawInputs[e][f], inType.fromDouble(table.value(e, f)),
                    "event " + e + ", feature " + table.columns().get(f));
            }
        }
    }

    @Test
    void readsHeaderAndRowsAndSkipsBlankLines(@TempDir final Path dir) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("f.csv"), "a,b\n1.5,-2\n\n0.25,1e3\n");
        final FeatureTable table = FeatureTable.read(file, 2);
        assertEquals(List.of("a", "b"), table.columns());
        assertEquals(2, table.events());
        assertEquals(-2.0, table.value(0, 1));
        assertEquals(1000.0, table.value(1, 1));
    }

    @Test
    void namesFileLineAndColumnOfBadInput(@TempDir final Path dir) throws IOException
    {
        final Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3,x\n");
        assertEquals(bad + ":3: column 'b': not a number: 'x'",
            assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(bad, 2)).getMessage());

        final Path nan = Files.writeString(dir.resolve("nan.csv"), "a,b\nNaN,2\n");
        assertEquals(nan + ":2: column 'a': not finite: 'NaN'",
            assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(nan, 2)).getMessage());

        final Path narrow = Files.writeString(dir.resolve("narrow.csv"), "a,b\n1,2\n3\n");
        assertEquals(narrow + ":3: 1 columns, expected 2",
            assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(narrow, 2)).getMessage());

        final Path header = Files.writeString(dir.resolve("header.csv"), "a,b,c\n1,2,3\n");
        assertEquals(header + ":1: header has 3 columns, expected 2",
            assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(header, 2)).getMessage());

        final Path empty = Files.writeString(dir.resolve("empty.csv"), "a,b\n");
        assertEquals(empty + ": no events after the header",
            assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(empty, 2)).getMessage());
    }
}
