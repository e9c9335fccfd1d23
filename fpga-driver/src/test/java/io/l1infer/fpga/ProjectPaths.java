package io.l1infer.fpga;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project root and the shared reference data next to it, whatever directory the test runs in. */
public final class ProjectPaths
{
    private ProjectPaths()
    {
    }

    /** The repository root: the nearest ancestor holding {@code models/} and the parent pom. */
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

    /** The shipped default model bundle. */
    public static Path thesisModel()
    {
        return root().resolve("models/muon-pt-thesis");
    }
}
