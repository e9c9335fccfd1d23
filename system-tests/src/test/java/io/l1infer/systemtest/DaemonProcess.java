package io.l1infer.systemtest;

import io.l1infer.testsupport.ProjectPaths;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real daemon process (the launcher, or a java command line) with its output captured line by line. */
final class DaemonProcess implements AutoCloseable
{
    private final Process process;
    private final Path log;

    private DaemonProcess(final ProcessBuilder builder) throws IOException
    {
        // Output goes to a file, not a pipe: nothing the test thread does can stall the daemon's writes.
        log = Files.createTempFile(Path.of("target").toAbsolutePath(), "daemon-", ".log");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        process = builder.start();
    }


    /** Start {@code bin/l1infer-daemon} with the given settings. */
    static DaemonProcess launcher(final Map<String, String> settings, final Map<String, String> env)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProjectPaths.root().resolve("bin/l1infer-daemon").toString());
        settings.forEach((k, v) -> command.add("--set=" + k + "=" + v));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("L1INFER_NO_BUILD", "1");
        builder.environment().putAll(env);
        return new DaemonProcess(builder);
    }

    /** Start a main class of this test JVM's class path in its own JVM, with l1infer's JVM flags. */
    static DaemonProcess java(final Class<?> main, final List<String> args, final Map<String, String> env)
        throws IOException
    {
        return start(javaCommand(main, args), env);
    }

    /** The command line that runs a main class of this test JVM's class path with l1infer's JVM flags. */
    static List<String> javaCommand(final Class<?> main, final List<String> args)
    {
        final List<String> command = new ArrayList<>(List.of(
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-modules", "jdk.incubator.vector",
            "-Dl1infer.home=" + ProjectPaths.root(),
            "-cp", System.getProperty("java.class.path"),
            main.getName()));
        command.addAll(args);
        return command;
    }

    /** Start any command (such as one run in a network namespace) with extra environment variables. */
    static DaemonProcess start(final List<String> command, final Map<String, String> env) throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return new DaemonProcess(builder);
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    List<String> lines()
    {
        try
        {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + log, ex);
        }
    }

    String output()
    {
        return "(" + log + ")\n" + String.join("\n", lines());
    }

    /** Wait until a line contains {@code text}; fails with the output so far. */
    void awaitLine(final String text, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (lines().stream().noneMatch(l -> l.contains(text)))
        {
            if (!process.isAlive())
            {
                throw new AssertionError("daemon exited (" + process.exitValue() + ") before '" + text + "':\n" +
                    output());
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("no line '" + text + "' within " + timeoutMs + " ms:\n" + output());
            }
            Thread.sleep(20);
        }
    }

    /** SIGTERM (Process.destroy on Linux). */
    void terminate()
    {
        process.destroy();
    }

    /** SIGKILL. */
    void kill()
    {
        process.destroyForcibly();
    }

    int awaitExit(final long timeoutMs) throws InterruptedException
    {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("daemon did not exit within " + timeoutMs + " ms:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
