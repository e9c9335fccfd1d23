package io.l1infer.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rule for tests that use reference material from {@code ../shared}: they run when it is there, skip with one
 * line on standard error when it is not, and fail when {@code CI=true} and it is missing.
 */
public final class SharedReference
{
    private SharedReference()
    {
    }

    /** {@code ../shared} beside the project root, normalised; it may not exist. */
    public static Path directory()
    {
        return ProjectPaths.root().resolve("../shared").normalize();
    }

    /** True when the tests run under CI ({@code CI=true} in the environment). */
    public static boolean underCi()
    {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The file or directory {@code relative} under {@code ../shared}; when it is missing, the calling test is skipped
     * with one line saying what and why, or fails under {@code CI=true}.
     *
     * @param relative path under {@code ../shared}, e.g. {@code reference/hls4ml-v1.3.0}.
     * @param what     the test or purpose that needs it, for the skip line.
     */
    public static Path require(final String relative, final String what)
    {
        final Path path = directory().resolve(relative).normalize();
        if (Files.exists(path))
        {
            return path;
        }
        final String message = what + ": reference material " + path + " is missing (../shared beside the checkout)";
        if (underCi())
        {
            Assertions.fail(message + "; CI=true requires it");
        }
        System.err.println("SKIPPED " + message);
        Assumptions.abort(message);
        return path;
    }
}
