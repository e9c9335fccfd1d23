package io.l1infer.systemtest;

import io.l1infer.daemon.DaemonTestClient;
import io.l1infer.daemon.MalformedInputMix;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.testsupport.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeded mix of valid and malformed messages ({@link MalformedInputMix}) to a daemon started by the launcher,
 * which runs it with Agrona's bounds checks off: every message is answered as in the test JVM, with the checks on.
 */
class MalformedInputProcessTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 4343L);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void launchedDaemonWithoutBoundsChecksRejectsEveryMalformedMessageAndKeepsAnswering() throws Exception
    {
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-malformed";
        try (DaemonProcess daemon = DaemonProcess.launcher(Map.of("l1infer.aeron.dir", aeronDir), Map.of()))
        {
            daemon.awaitLine("l1infer daemon ready", 60_000);
            final String commandLine =
                Files.readString(Path.of("/proc/" + daemon.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(commandLine.contains("-Dagrona.disable.bounds.checks=true"),
                "the launcher's daemon runs with the checks on: " + commandLine);
            try (DaemonTestClient client = new DaemonTestClient(aeronDir,
                new DaemonTestClient.DaemonTestClientChannels("aeron:ipc", 1001, "aeron:ipc", 1002)))
            {
                final MalformedInputMix mix = new MalformedInputMix(SEED, 3000);
                mix.send(client, ModelBundle.load(ProjectPaths.thesisModel()));
                mix.verify(client);
            }
            daemon.terminate();
            assertEquals(0, daemon.awaitExit(30_000), daemon.output());
        }
    }
}
