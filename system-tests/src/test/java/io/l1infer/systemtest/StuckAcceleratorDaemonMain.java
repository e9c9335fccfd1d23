package io.l1infer.systemtest;

import io.l1infer.config.DaemonConfig;
import io.l1infer.config.SettingsSource;
import io.l1infer.daemon.L1inferDaemonMain;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.l1infer.config.DaemonSettings.ACCELERATOR_MAX_BATCH;

/**
 * The daemon's own main loop with a {@link StuckOnDemandAccelerator}, run as a real process by the watchdog test.
 * Arguments: the trigger file, then key=value settings.
 */
public final class StuckAcceleratorDaemonMain
{
    private StuckAcceleratorDaemonMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path trigger = Path.of(args[0]);
        final Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++)
        {
            final int eq = args[i].indexOf('=');
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        final DaemonConfig config = DaemonConfig.load(SettingsSource.fromEnvironment(null, overrides));
        final int code = L1inferDaemonMain.run(config,
            model -> new StuckOnDemandAccelerator(model, config.get(ACCELERATOR_MAX_BATCH), trigger));
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }
}
