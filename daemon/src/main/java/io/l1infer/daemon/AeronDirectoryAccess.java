package io.l1infer.daemon;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.stream.Stream;

/**
 * Who may use the embedded driver's Aeron directory over IPC: the process's file mode creation mask (set before
 * the driver creates anything; Java has no umask of its own, so through the C library) and the group of the
 * directory and its files, with the set-group-ID bit on every directory so files the driver adds later (each new
 * publication's log buffer) get that group too.
 */
final class AeronDirectoryAccess
{
    private static final int SET_GROUP_ID = 02000;

    /** The C function used. */
    interface C extends Library
    {
        int umask(int mask);
    }

    private AeronDirectoryAccess()
    {
    }

    /**
     * Set the process's file mode creation mask.
     *
     * @param mask such as {@code 07} (files 0660, directories 0770).
     */
    static void umask(final int mask)
    {
        Native.load("c", C.class).umask(mask);
    }

    /**
     * Give the directory, everything in it and everything later created in it the group.
     *
     * @param directory the Aeron directory, after the driver created it.
     * @param groupName an existing group.
     * @throws IllegalStateException naming the setting when the group does not exist or cannot be given.
     */
    static void group(final Path directory, final String groupName)
    {
        final GroupPrincipal group;
        try
        {
            group = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(groupName);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("l1infer.aeron.dir.group: no group '" + groupName + "': " + ex, ex);
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.forEach((path) ->
            {
                try
                {
                    Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
                    if (Files.isDirectory(path))
                    {
                        final int mode = (Integer)Files.getAttribute(path, "unix:mode");
                        Files.setAttribute(path, "unix:mode", mode | SET_GROUP_ID);
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new IllegalStateException("l1infer.aeron.dir.group: cannot give " + directory + " to group '" +
                groupName + "' (the daemon's user must be a member, or root): " + ex, ex);
        }
    }
}
