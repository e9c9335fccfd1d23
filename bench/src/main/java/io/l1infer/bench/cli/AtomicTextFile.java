package io.l1infer.bench.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A UTF-8 text file that appears under its name only once every line of it has been written. */
final class AtomicTextFile
{
    /** What writes the file's lines. */
    @FunctionalInterface
    interface Lines
    {
        void write(BufferedWriter w) throws IOException;
    }

    private AtomicTextFile()
    {
    }

    /**
     * Write {@code lines} to a temporary file beside {@code out}, then move it onto {@code out} in one step; on any
     * failure the temporary file is removed and {@code out} is left as it was.
     *
     * @param out       the file to write (replaced).
     * @param tempLabel the temporary file's name prefix, naming the command that writes it.
     * @param lines     what writes the lines.
     * @throws IOException when a directory, the file or the move fails.
     */
    static void write(final Path out, final String tempLabel, final Lines lines) throws IOException
    {
        final Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        final Path temp = Files.createTempFile(parent, tempLabel, ".tmp");
        try
        {
            try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8))
            {
                lines.write(w);
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
    }
}
