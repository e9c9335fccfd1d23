package io.l1infer.daemon;

import io.l1infer.config.ConfigException;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.SettingsSource;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.model.ModelBundle;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code l1infer-daemon}: loads the configuration, runs the daemon until SIGINT or SIGTERM, then drains. */
@Command(name = "l1infer-daemon", mixinStandardHelpOptions = true, versionProvider = L1inferVersion.class,
    description = "Streaming inference daemon: Aeron ingest -> ring -> accelerator -> Aeron results.")
public final class L1inferDaemonMain implements Callable<Integer>
{
    @Option(names = "--config", description = "Properties file (settings in config/l1infer.properties); " +
        "system properties -Dl1infer.* override it.")
    Path configFile;

    @Option(names = "--set", description = "Override one setting, e.g. --set l1infer.ring.size=8192 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--print-config", description = "Print the effective configuration and exit.")
    boolean printConfig;

    /** Exit status after the media driver was lost (an external driver died or timed out). */
    public static final int EXIT_DRIVER_LOST = 3;

    public static void main(final String[] args)
    {
        final int code = new CommandLine(new L1inferDaemonMain()).execute(args);
        System.out.flush();
        System.err.flush();
        // SIGTERM starts the JVM's shutdown sequence before the drain, so System.exit would block forever and the
        // status would be 143; everything is closed by now, so end with our own status.
        Runtime.getRuntime().halt(code);
    }

    @Override
    public Integer call()
    {
        final DaemonConfig config;
        try
        {
            config = DaemonConfig.load(SettingsSource.fromEnvironment(configFile, overrides));
        }
        catch (final ConfigException ex)
        {
            ServiceLog.error("l1infer-daemon: bad configuration:\n" + ex.getMessage());
            return 2;
        }
        if (printConfig)
        {
            System.out.print(config.render());
            return 0;
        }
        return run(config, null);
    }

    /**
     * Run a daemon until SIGINT or SIGTERM, or until its media driver is lost, then drain and report; the exit code
     * to use (0 drained, 1 start failure or shutdown timeout, {@value #EXIT_DRIVER_LOST} media driver lost).
     *
     * @param acceleratorFactory null for the configured accelerator, else the primary accelerator to use
     *                           (fault-injection system tests).
     */
    public static int run(final DaemonConfig config, final Function<ModelBundle, Accelerator> acceleratorFactory)
    {
        final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
        ServiceLog.info("l1infer daemon " + L1inferVersion.version() + " starting (pid " +
            ProcessHandle.current().pid() + ", Java " + Runtime.version() + ")");
        final L1inferDaemon daemon;
        try
        {
            daemon = acceleratorFactory == null ? L1inferDaemon.launch(config) :
                L1inferDaemon.launch(config, acceleratorFactory);
        }
        catch (final RuntimeException ex)
        {
            ServiceLog.error("l1infer-daemon: failed to start: " + ex.getMessage());
            return 1;
        }
        daemon.onAeronClientClosed(barrier::signal);
        ServiceLog.info(daemon.describe());
        ServiceLog.info("l1infer daemon ready (version " + L1inferVersion.version() + ")");
        barrier.await();
        final String driverLost = daemon.driverLossCause();
        if (driverLost != null)
        {
            ServiceLog.error("l1infer daemon: media driver lost (" + driverLost + "); exiting with status " +
                EXIT_DRIVER_LOST + " so that systemd restarts the daemon once the driver is back; events not yet " +
                "answered are answered only if their clients send them again");
            daemon.closeAfterDriverLoss();
            return EXIT_DRIVER_LOST;
        }
        ServiceLog.info("l1infer daemon stopping: draining the ring");
        final boolean drained;
        try
        {
            drained = daemon.drainAndStop();
            ServiceLog.info(daemon.report());
        }
        finally
        {
            daemon.close();
        }
        if (drained)
        {
            ServiceLog.info("l1infer daemon stopped: every accepted event answered");
        }
        else
        {
            ServiceLog.warning("l1infer daemon stopped: shutdown timeout, see the error log (l1infer-errors)");
        }
        return drained ? 0 : 1;
    }
}
