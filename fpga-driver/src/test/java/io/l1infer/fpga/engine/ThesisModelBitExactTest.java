package io.l1infer.fpga.engine;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.testsupport.SharedReference;
import io.l1infer.fpga.model.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every line of the hls4ml C simulation's expected outputs, reproduced by both engines and every batch size. */
class ThesisModelBitExactTest
{
    private static ModelBundle model;
    private static int[][] inputs;
    private static int[] expected;

    @BeforeAll
    static void load() throws IOException
    {
        model = ModelBundle.load(ProjectPaths.thesisModel());
        final List<String> lines = Files.readAllLines(
            ProjectPaths.thesisExpectedCsv());
        final List<int[]> in = new ArrayList<>();
        final List<Integer> out = new ArrayList<>();
        for (final String line : lines)
        {
            if (line.isBlank())
            {
                continue;
            }
            final String[] parts = line.split(",");
            assertEquals(28, parts.length, "line: " + line);
            final int[] row = new int[27];
            for (int i = 0; i < 27; i++)
            {
                row[i] = Integer.parseInt(parts[i].trim());
            }
            in.add(row);
            out.add(Integer.parseInt(parts[27].trim()));
        }
        inputs = in.toArray(new int[0][]);
        expected = out.stream().mapToInt(Integer::intValue).toArray();
        assertEquals(1000, inputs.length);
    }

    @Test
    void shippedBundleIsTheSharedOneUnchanged() throws IOException
    {
        final Path shipped = ProjectPaths.thesisModel();
        final Path shared = SharedReference.require("models/muon-pt-thesis", "shipped bundle equals the shared one");
        try (var files = Files.list(shared))
        {
            for (final Path f : (Iterable<Path>)files::iterator)
            {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(shipped.resolve(f.getFileName())),
                    "shipped copy differs: " + f.getFileName());
            }
        }
    }

    @Test
    void referenceEmulatorReproducesEveryLine()
    {
        final ReferenceEmulator reference = new ReferenceEmulator(model);
        for (int e = 0; e < inputs.length; e++)
        {
            assertEquals(expected[e], reference.infer(inputs[e])[0], "line " + (e + 1));
        }
    }

    @Test
    void fastEmulatorReproducesEveryLineAtEveryBatchSize()
    {
        for (final int batch : new int[] {1, 2, 3, 7, 16, 64, 65, 128, 129, 256, 1000})
        {
            for (final boolean simd : new boolean[] {true, false})
            {
                try (FixedPointEmulator engine = new FixedPointEmulator(model, batch, simd))
                {
                    checkAllLines(engine, batch);
                }
            }
        }
    }

    @Test
    void theSimdPathIsAvailableInTestJvms()
    {
        // The build passes --add-modules jdk.incubator.vector to test JVMs; without it the fast path is untested.
        assertTrue(VectorSupport.isAvailable(), "test JVM lacks " + VectorSupport.MODULE);
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 64))
        {
            assertTrue(engine.description().contains("SIMD"), engine.description());
        }
    }

    private static void checkAllLines(final FixedPointEmulator engine, final int batch)
    {
        {
            {
                final BatchBuffers buf = engine.buffers(0);
                for (int first = 0; first < inputs.length; first += batch)
                {
                    final int n = Math.min(batch, inputs.length - first);
                    for (int b = 0; b < n; b++)
                    {
                        for (int f = 0; f < 27; f++)
                        {
                            buf.putInput(b, f, inputs[first + b][f]);
                        }
                    }
                    engine.infer(0, n);
                    for (int b = 0; b < n; b++)
                    {
                        assertEquals(expected[first + b], buf.getOutput(b, 0),
                            engine.description() + ", batch size " + batch + ", line " + (first + b + 1));
                    }
                }
            }
        }
    }
}
