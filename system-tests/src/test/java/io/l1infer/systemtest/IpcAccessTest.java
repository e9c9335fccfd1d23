package io.l1infer.systemtest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over IPC the Aeron directory's group and mode decide who may publish: with {@code l1infer.aeron.dir.group} and
 * {@code l1infer.aeron.umask=0007} a process of another user in that group publishes, one outside it cannot even
 * connect. Needs root (to run the clients as user nobody through setpriv).
 */
class IpcAccessTest
{
    private static final String GROUP = "daemon";

    @TempDir
    Path classes;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void onlyMembersOfTheDirectoryGroupCanPublish() throws Exception
    {
        final boolean root = "root".equals(System.getProperty("user.name"));
        final boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
        final String gid = groupId(GROUP);
        if (!"true".equals(System.getenv("CI")))
        {
            Assumptions.assumeTrue(root && setpriv && gid != null,
                "needs root, /usr/bin/setpriv (util-linux) and a group '" + GROUP + "'");
        }
        assertTrue(root && setpriv && gid != null, "CI=true: needs root, setpriv and group " + GROUP);

        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-ipc";
        try (DaemonProcess daemon = DaemonProcess.launcher(Map.of("l1infer.aeron.dir", aeronDir,
            "l1infer.aeron.dir.group", GROUP, "l1infer.aeron.umask", "0007"), Map.of()))
        {
            daemon.awaitLine("l1infer daemon ready", 60_000);
            final PosixFileAttributes cnc = Files.readAttributes(Path.of(aeronDir, "cnc.dat"),
                PosixFileAttributes.class);
            assertEquals(GROUP, cnc.group().getName());
            assertEquals("rw-rw----", PosixFilePermissions.toString(cnc.permissions()));

            final String classPath = readableClassPath();
            final Result member = run(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--groups=" + gid, java(), "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp",
                classPath, IpcPublishMain.class.getName(), aeronDir));
            assertEquals(0, member.exit, "a member of " + GROUP + " could not publish: " + member.output);

            final Result outsider = run(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", java(), "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp",
                classPath, IpcPublishMain.class.getName(), aeronDir));
            assertNotEquals(0, outsider.exit, "a user outside " + GROUP + " published: " + outsider.output);
            // The directory is 0770: an outsider cannot even see cnc.dat, so its client times out waiting for it.
            assertEquals(3, outsider.exit, outsider.output);
            System.out.println("outside the group: " + outsider.output.strip());

            daemon.terminate();
            assertEquals(0, daemon.awaitExit(30_000), daemon.output());
        }
    }

    private static String java()
    {
        return System.getProperty("java.home") + "/bin/java";
    }

    /** This module's test classes and the Aeron jars, copied where user nobody can read them. */
    private String readableClassPath() throws Exception
    {
        Files.setPosixFilePermissions(classes, PosixFilePermissions.fromString("rwxr-xr-x"));
        final List<String> entries = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            final Path path = Path.of(entry);
            if (entry.endsWith("test-classes"))
            {
                entries.add(copyTree(path, classes.resolve("test-classes")).toString());
            }
            else if (path.getFileName().toString().startsWith("aeron-client") ||
                path.getFileName().toString().startsWith("agrona"))
            {
                final Path copy = classes.resolve(path.getFileName());
                Files.copy(path, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path copyTree(final Path from, final Path to) throws Exception
    {
        try (var paths = Files.walk(from))
        {
            for (final Path p : (Iterable<Path>)paths::iterator)
            {
                final Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p))
                {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                else
                {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        return to;
    }

    private static String groupId(final String group) throws Exception
    {
        for (final String line : Files.readAllLines(Path.of("/etc/group")))
        {
            final String[] fields = line.split(":");
            if (fields.length >= 3 && fields[0].equals(group))
            {
                return fields[2];
            }
        }
        return null;
    }

    private record Result(int exit, String output)
    {
    }

    private Result run(final List<String> command) throws Exception
    {
        final Process p = new ProcessBuilder(command).directory(classes.toFile()).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        return new Result(p.exitValue(), out);
    }
}
