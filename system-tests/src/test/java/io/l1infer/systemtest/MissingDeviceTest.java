package io.l1infer.systemtest;

import io.l1infer.codec.sbe.ResultStatus;
import io.l1infer.daemon.DaemonTestClient;
import io.l1infer.fpga.engine.AcceleratorException;
import io.l1infer.fpga.opencl.OpenClDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configured OpenCL device that does not exist: refused by default, served degraded on the CPU when allowed. */
class MissingDeviceTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void requiredDeviceMissingRefusesToStartNamingTheSetting() throws Exception
    {
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-required";
        try (DaemonProcess daemon = DaemonProcess.launcher(Map.of("l1infer.aeron.dir", aeronDir,
            "l1infer.accelerator", "opencl", "l1infer.opencl.device", "no-such-device"), Map.of()))
        {
            assertNotEquals(0, daemon.awaitExit(60_000), daemon.output());
            assertTrue(daemon.output().contains("l1infer.accelerator.required=true"), daemon.output());
            assertFalse(daemon.output().contains("l1infer daemon ready"), daemon.output());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void optionalDeviceMissingStartsDegradedAndAnswersEveryEvent() throws Exception
    {
        final Path socket = Path.of("/tmp/l1infer-notify-" + ProcessHandle.current().pid() + "-degraded.sock");
        final String aeronDir = "/dev/shm/l1infer-systest-" + ProcessHandle.current().pid() + "-degraded";
        final RealInputs real = new RealInputs();
        try (UnixDatagramReceiver receiver = new UnixDatagramReceiver(socket);
            DaemonProcess daemon = DaemonProcess.launcher(Map.of("l1infer.aeron.dir", aeronDir,
                "l1infer.accelerator", "opencl", "l1infer.opencl.device", "no-such-device",
                "l1infer.accelerator.required", "false", "l1infer.status.interval", "500ms"),
                Map.of("NOTIFY_SOCKET", socket.toString())))
        {
            daemon.awaitLine("l1infer daemon ready", 90_000);
            try (DaemonTestClient client = new DaemonTestClient(aeronDir,
                new DaemonTestClient.DaemonTestClientChannels("aeron:ipc", 1001, "aeron:ipc", 1002)))
            {
                final int events = 5000;
                for (long e = 0; e < events; e++)
                {
                    client.send(client.encodeFeatures(e, real.input(e)));
                    client.poll();
                }
                client.awaitAnswers(events, 60_000);
                for (long e = 0; e < events; e++)
                {
                    final DaemonTestClient.Answer a = client.answers.get(e);
                    assertFalse(a.reject(), "event " + e);
                    assertEquals(real.expected(e), a.raw()[0], "event " + e);
                    assertEquals(ResultStatus.FALLBACK.value(), a.status(), "event " + e);
                }
            }
            final List<UnixDatagramReceiver.TimedMessage> messages = new ArrayList<>();
            receiver.drainFor(1500, messages);
            // Where this machine has no OpenCL at all (a new user's, before .ci/run installs PoCL), the cause the
            // daemon names is the library, not the device.
            final String cause = openClDevicesListed() ? "no-such-device" : "accelerator opencl could not be opened";
            assertTrue(messages.stream().anyMatch(m -> m.text().startsWith("STATUS=") &&
                m.text().contains("DEGRADED") && m.text().contains(cause)), "STATUS naming " + cause + ": " + messages);
            assertTrue(daemon.output().contains("could not be opened"), daemon.output());
            daemon.terminate();
            assertEquals(0, daemon.awaitExit(30_000), daemon.output());
        }
    }

    /** Whether this JVM finds any OpenCL device, as the daemon would look for one. */
    private static boolean openClDevicesListed()
    {
        try
        {
            return !OpenClDevices.list().isEmpty();
        }
        catch (final AcceleratorException ex)
        {
            System.out.println("no OpenCL here (" + ex.getMessage() + "): the degraded cause is not the device");
            return false;
        }
    }
}
