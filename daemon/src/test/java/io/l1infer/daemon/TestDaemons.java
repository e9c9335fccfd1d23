package io.l1infer.daemon;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.SettingsSource;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Configurations for daemons started by tests: a fresh Aeron directory each, the project's shipped model. */
final class TestDaemons
{
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestDaemons()
    {
    }



    static String uniqueAeronDir()
    {
        return "/dev/shm/l1infer-test-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    static DaemonConfig config(final Map<String, String> overrides)
    {
        final Map<String, String> all = new HashMap<>();
        all.put("l1infer.aeron.dir", uniqueAeronDir());
        all.put("l1infer.histogram.interval", "1s");
        all.put("l1infer.shutdown.timeout", "20s");
        // Fault-injection tests count launches from the first real batch.
        all.put("l1infer.accelerator.warmup", "0");
        all.putAll(overrides);
        return DaemonConfig.load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .overrides(all)
            .home(ProjectPaths.root())
            .build());
    }
}
