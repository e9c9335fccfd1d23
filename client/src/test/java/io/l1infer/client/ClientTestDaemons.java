package io.l1infer.client;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.SettingsSource;
import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.l1infer.config.DaemonSettings.INGEST_CHANNEL;
import static io.l1infer.config.DaemonSettings.INGEST_STREAM;
import static io.l1infer.config.DaemonSettings.REJECT_STREAM;
import static io.l1infer.config.DaemonSettings.RESULT_CHANNEL;
import static io.l1infer.config.DaemonSettings.RESULT_STREAM;

/** Daemons for client tests (fresh Aeron directory each, the shipped model) and the shipped real inputs. */
final class ClientTestDaemons
{
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ClientTestDaemons()
    {
    }


    static L1inferDaemon launch(final Map<String, String> overrides)
    {
        return L1inferDaemon.launch(config(overrides));
    }

    /** A daemon whose primary accelerator comes from the factory (a stuck or slow device). */
    static L1inferDaemon launch(final Map<String, String> overrides,
        final Function<ModelBundle, Accelerator> acceleratorFactory)
    {
        return L1inferDaemon.launch(config(overrides), acceleratorFactory);
    }

    private static DaemonConfig config(final Map<String, String> overrides)
    {
        final Map<String, String> all = new HashMap<>();
        all.put("l1infer.aeron.dir",
            "/dev/shm/l1infer-client-test-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        all.put("l1infer.shutdown.timeout", "20s");
        all.putAll(overrides);
        return DaemonConfig.load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .overrides(all).home(ProjectPaths.root()).build());
    }

    static DaemonEndpoint endpoint(final L1inferDaemon daemon)
    {
        final DaemonConfig c = daemon.config();
        return new DaemonEndpoint(daemon.aeronDirectory(), c.get(INGEST_CHANNEL), c.get(INGEST_STREAM),
            c.get(RESULT_CHANNEL), c.get(RESULT_STREAM), c.get(REJECT_STREAM));
    }

    /** The shipped real inputs quantised to the model's input type. */
    static int[][] realInputs(final ModelBundle model) throws IOException
    {
        final List<String> lines = Files.readAllLines(ProjectPaths.root().resolve("data/muon-pt-thesis/inputs.csv"));
        final FixedPointType t = model.input().type();
        final int[][] rows = new int[lines.size() - 1][];
        for (int l = 1; l < lines.size(); l++)
        {
            final String[] parts = lines.get(l).split(",");
            rows[l - 1] = new int[parts.length];
            for (int f = 0; f < parts.length; f++)
            {
                rows[l - 1][f] = (int)t.fromDouble(Double.parseDouble(parts[f]));
            }
        }
        return rows;
    }

    /** The engine's raw output 0 for each input row, one event per call. */
    static int[] offline(final ModelBundle model, final int[][] inputs)
    {
        final int[] out = new int[inputs.length];
        try (FixedPointEmulator engine = new FixedPointEmulator(model, 1))
        {
            final BatchBuffers buf = engine.buffers(0);
            for (int e = 0; e < inputs.length; e++)
            {
                for (int f = 0; f < inputs[e].length; f++)
                {
                    buf.putInput(0, f, inputs[e][f]);
                }
                engine.infer(0, 1);
                out[e] = buf.getOutput(0, 0);
            }
        }
        return out;
    }
}
