package io.l1infer.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project root and what the project ships, whatever directory a test runs in. */
public final class ProjectPaths
{
    private ProjectPaths()
    {
    }

    /**
     * The repository root: the nearest ancestor of the working directory holding {@code models/} and the parent pom.
     */
    public static Path root()
    {
        Path p = Path.of("").toAbsolutePath();
        while (p != null)
        {
            if (Files.isDirectory(p.resolve("models")) && Files.isRegularFile(p.resolve("pom.xml")) &&
                Files.isDirectory(p.resolve("fpga-driver")))
            {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the l1infer project root above " + Path.of("").toAbsolutePath());
    }

    /** The shipped default model bundle, {@code models/muon-pt-thesis}. */
    public static Path thesisModel()
    {
        return root().resolve("models/muon-pt-thesis");
    }

    /** The shipped real test data of the default model, {@code data/muon-pt-thesis}. */
    public static Path thesisData()
    {
        return root().resolve("data/muon-pt-thesis");
    }

    /** {@code data/muon-pt-thesis/expected-first1000.csv}: raw inputs and the hls4ml C simulation's raw output. */
    public static Path thesisExpectedCsv()
    {
        return thesisData().resolve("expected-first1000.csv");
    }

    /** {@code data/muon-pt-thesis/inputs.csv}: the 14,248 real feature vectors. */
    public static Path thesisInputsCsv()
    {
        return thesisData().resolve("inputs.csv");
    }
}
