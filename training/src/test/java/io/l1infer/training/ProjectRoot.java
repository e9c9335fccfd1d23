package io.l1infer.training;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root (the nearest ancestor with the parent pom and models/) from a test's directory. */
final class ProjectRoot
{
    private ProjectRoot()
    {
    }

    static Path get()
    {
        Path p = Path.of("").toAbsolutePath();
        while (p != null)
        {
            if (Files.isDirectory(p.resolve("models")) && Files.isRegularFile(p.resolve("pom.xml")) &&
                Files.isDirectory(p.resolve("training")))
            {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the l1infer project root above " + Path.of("").toAbsolutePath());
    }

    /** The shipped trained bundle. */
    static Path talkModel()
    {
        return get().resolve("models/muon-pt-talk");
    }
}
