package io.l1infer.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model random} takes --seed and --out from the seeded-bundle mixin: one seed, one bundle. */
class ModelRandomCommandTest
{
    @TempDir
    Path temp;

    @Test
    void theSameSeedWritesTheSameBundle() throws IOException
    {
        final String first = randomBundle("a", "5");
        assertEquals(first, randomBundle("b", "5"));
        assertNotEquals(first, randomBundle("c", "6"));
    }

    @Test
    void seedAndOutAreRequired()
    {
        final CapturedRun noSeed = CapturedRun.of("model", "random", "--out", temp.resolve("x").toString());
        assertEquals(2, noSeed.exitCode());
        assertTrue(noSeed.err().contains("--seed"), noSeed.err());
        final CapturedRun noOut = CapturedRun.of("model", "random", "--seed", "1");
        assertEquals(2, noOut.exitCode());
        assertTrue(noOut.err().contains("--out"), noOut.err());
    }

    private String randomBundle(final String name, final String seed) throws IOException
    {
        final Path out = temp.resolve(name);
        final CapturedRun run = CapturedRun.of("model", "random", "--arch", "4,3,1", "--seed", seed, "--out",
            out.toString());
        assertEquals(0, run.exitCode(), run.err());
        final StringBuilder files = new StringBuilder();
        try (Stream<Path> all = Files.list(out))
        {
            for (final Path file : all.sorted().toList())
            {
                files.append(file.getFileName()).append('\n').append(Files.readString(file));
            }
        }
        return files.toString();
    }
}
