package io.l1infer.muon;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference files (the directory "shared" beside the checkout) from a test's working directory. */
final class SharedFiles
{
    static final String INPUTS_CSV = "data/muon-pt-thesis/inputs.csv";
    static final String EXPECTED_CSV = "data/muon-pt-thesis/expected-first1000.csv";
    static final String MODEL_JSON = "models/muon-pt-thesis/model.json";

    private SharedFiles()
    {
    }

    /** The shared file at {@code relative} under the first ancestor of the working directory that holds "shared". */
    static Path resolve(final String relative)
    {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null)
        {
            final Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared reference file " + relative + " not found in any ancestor of "
            + System.getProperty("user.dir") + " (expected ../shared/" + relative + " beside the checkout)");
    }
}
