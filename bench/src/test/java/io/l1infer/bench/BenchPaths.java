package io.l1infer.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project root and its shipped model and data, whatever directory the test runs in. */
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

    public static Path thesisModel()
    {
        return root().resolve("models/muon-pt-thesis");
    }

    /** The shipped real test inputs: 14,248 events of 27 float features, with a header line. */
    public static Path realInputs()
    {
        return root().resolve("data/muon-pt-thesis/inputs.csv");
    }

    /** The hls4ml C simulation's raw inputs and output for the first 1000 real events. */
    public static Path expectedOutputs()
    {
        return root().resolve("data/muon-pt-thesis/expected-first1000.csv");
    }
}
