package io.l1infer.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project root and the shared reference data beside it, whatever directory the test runs in. */
public final class BenchPaths
{
    private BenchPaths()
    {
    }

    /** The repository root: the nearest ancestor holding {@code models/}, {@code bench/} and the parent pom. */
    public static Path root()
    {
        Path p = Path.of("").toAbsolutePath();
        while (p != null)
        {
            if (Files.isDirectory(p.resolve("models")) && Files.isRegularFile(p.resolve("pom.xml")) &&
                Files.isDirectory(p.resolve("bench")))
            {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the l1infer project root above " + Path.of("").toAbsolutePath());
    }

    /** {@code ../shared} beside the project: reference data for tests only. */
    public static Path shared()
    {
        final Path shared = root().resolve("../shared").normalize();
        if (!Files.isDirectory(shared))
        {
            throw new IllegalStateException("reference data missing: " + shared);
        }
        return shared;
    }

    public static Path thesisModel()
    {
        return root().resolve("models/muon-pt-thesis");
    }

    public static Path realInputs()
    {
        return shared().resolve("data/muon-pt-thesis/inputs.csv");
    }

    public static Path expectedOutputs()
    {
        return shared().resolve("data/muon-pt-thesis/expected-first1000.csv");
    }
}
