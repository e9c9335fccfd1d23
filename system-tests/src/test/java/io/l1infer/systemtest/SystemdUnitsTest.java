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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The install script stages a complete installation, and {@code systemd-analyze verify} accepts every installed
 * unit without a word on stderr (it exits 0 on unknown keys and bad values, so its stderr is the real verdict).
 */
class SystemdUnitsTest
{
    @TempDir
    Path stage;

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

        // Stage an installation whose prefix is this checkout, so ExecStart points at a real launcher.
        final Result install = run(List.of(root.resolve("systemd/install.sh").toString(), "--no-build",
            "--prefix", root.toString()), stage);
        assertEquals(0, install.exit, install.output);
        final Path units = stage.resolve("etc/systemd/system");
        for (final String file : List.of("etc/systemd/system/l1infer.service",
            "etc/systemd/system/l1infer-mediadriver.service", "etc/sysusers.d/l1infer.conf",
            "etc/tmpfiles.d/l1infer.conf", "etc/l1infer/l1infer.properties", "etc/l1infer/mediadriver.properties"))
        {
            assertTrue(Files.isRegularFile(stage.resolve(file)), "not installed: " + file);
        }
        final Path staged = stage.resolve(root.toString().substring(1));
        assertTrue(Files.isExecutable(staged.resolve("bin/l1infer-daemon")));
        assertTrue(Files.isRegularFile(staged.resolve("daemon/target/l1infer-daemon-0.1.0-SNAPSHOT.jar")));
        assertTrue(Files.isRegularFile(staged.resolve("models/muon-pt-thesis/model.json")));
        final String unit = Files.readString(units.resolve("l1infer.service"));
        assertTrue(unit.contains("ExecStart=" + root + "/bin/l1infer-daemon --config /etc/l1infer/l1infer.properties"),
            unit);

        final List<String> verify = new ArrayList<>(List.of("systemd-analyze", "verify"));
        verify.add(units.resolve("l1infer.service").toString());
        verify.add(units.resolve("l1infer-mediadriver.service").toString());
        final Result result = runSeparately(verify);
        assertEquals("", result.stderr.strip(), "systemd-analyze verify wrote to stderr");
        assertEquals(0, result.exit, result.output);
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
