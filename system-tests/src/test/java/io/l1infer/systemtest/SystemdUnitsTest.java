package io.l1infer.systemtest;

import io.l1infer.testsupport.ProjectPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The install script stages a complete installation from the distribution tarball, and {@code systemd-analyze verify}
 * accepts every installed
 * unit without a word on stderr (it exits 0 on unknown keys and bad values, so its stderr is the real verdict).
 */
class SystemdUnitsTest
{
    @TempDir
    Path stage;

    @TempDir
    Path prefixParent;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void installedUnitsVerifyCleanly() throws Exception
    {
        final Path root = ProjectPaths.root();
        final boolean haveAnalyze = Files.isExecutable(Path.of("/usr/bin/systemd-analyze")) ||
            Files.isExecutable(Path.of("/bin/systemd-analyze"));
        if (!"true".equals(System.getenv("CI")))
        {
            Assumptions.assumeTrue(haveAnalyze, "systemd-analyze not installed (apt-get install systemd)");
        }
        assertTrue(haveAnalyze, "systemd-analyze is required (apt-get install systemd); CI=true");

        // Install the tarball this build made. The prefix is a real unpacked copy of it, so that the units'
        // ExecStart points at an existing launcher for systemd-analyze; the staged copy is the one checked.
        final Path tarball = Path.of(System.getProperty("l1infer.dist.tarball"));
        assertTrue(Files.isRegularFile(tarball), "the build made no " + tarball);
        final Result unpack = run(List.of("tar", "-xzf", tarball.toString(), "-C", prefixParent.toString()), stage);
        assertEquals(0, unpack.exit, unpack.output);
        final Path prefix = prefixParent.resolve("l1infer-" + System.getProperty("l1infer.version"));
        final Result install = run(List.of(root.resolve("systemd/install.sh").toString(), "--tarball",
            tarball.toString(), "--prefix", prefix.toString(), "--fpga"), stage);
        assertEquals(0, install.exit, install.output);
        final Path units = stage.resolve("etc/systemd/system");
        for (final String file : List.of("etc/systemd/system/l1infer.service",
            "etc/systemd/system/l1infer-mediadriver.service", "etc/sysusers.d/l1infer.conf",
            "etc/tmpfiles.d/l1infer.conf", "etc/l1infer/l1infer.properties", "etc/l1infer/mediadriver.properties",
            "etc/systemd/system/l1infer.service.d/fpga-host.conf"))
        {
            assertTrue(Files.isRegularFile(stage.resolve(file)), "not installed: " + file);
        }
        final Path staged = stage.resolve(prefix.toString().substring(1));
        assertTrue(Files.isExecutable(staged.resolve("bin/l1infer-daemon")));
        assertTrue(Files.isExecutable(staged.resolve("bin/l1infer-stat")));
        assertTrue(Files.isRegularFile(staged.resolve("lib/l1infer-daemon-" + System.getProperty("l1infer.version") +
            ".jar")));
        assertTrue(Files.isRegularFile(staged.resolve("models/muon-pt-thesis/model.json")));
        assertFalse(Files.exists(staged.resolve("daemon/target")), "a checkout's build output was installed");
        final String unit = Files.readString(units.resolve("l1infer.service"));
        assertTrue(unit.contains("ExecStart=" + prefix +
            "/bin/l1infer-daemon --config /etc/l1infer/l1infer.properties"),
            unit);

        final List<String> verify = new ArrayList<>(List.of("systemd-analyze", "verify"));
        verify.add(units.resolve("l1infer.service").toString());
        verify.add(units.resolve("l1infer-mediadriver.service").toString());
        final Result result = runSeparately(verify);
        assertEquals("", result.stderr.strip(), "systemd-analyze verify wrote to stderr");
        assertEquals(0, result.exit, result.output);

        // verify reads drop-ins from the real /etc only: check the unit with both shipped drop-ins appended, as
        // systemd merges them.
        final Path merged = prefixParent.resolve("merged");
        Files.createDirectories(merged);
        Files.writeString(merged.resolve("l1infer.service"), unit +
            Files.readString(stage.resolve("etc/systemd/system/l1infer.service.d/fpga-host.conf")) +
            Files.readString(staged.resolve("systemd/network-lockdown.conf")));
        final Result withDropIns = runSeparately(List.of("systemd-analyze", "verify",
            merged.resolve("l1infer.service").toString()));
        assertEquals("", withDropIns.stderr.strip(), "systemd-analyze verify of the drop-ins wrote to stderr");
        assertEquals(0, withDropIns.exit, withDropIns.output);
    }

    private record Result(int exit, String output, String stderr)
    {
    }

    private static Result run(final List<String> command, final Path destdir) throws IOException, InterruptedException
    {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DESTDIR", destdir.toString());
        final Process p = builder.start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, "");
    }

    private static Result runSeparately(final List<String> command) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out + err, err);
    }
}
