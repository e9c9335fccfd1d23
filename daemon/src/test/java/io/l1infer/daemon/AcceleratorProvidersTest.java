package io.l1infer.daemon;

import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.EmulatorProvider;
import io.l1infer.fpga.engine.FailingAcceleratorProvider;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The primary accelerator comes from the provider the l1infer.accelerator value names. */
class AcceleratorProvidersTest
{
    @Test
    void builtInAndTestProvidersAreFoundByName()
    {
        assertInstanceOf(EmulatorProvider.class, AcceleratorProviders.find("emulator"));
        assertInstanceOf(OpenClProvider.class, AcceleratorProviders.find("opencl"));
        // Registered only in fpga-driver's test sources, reached here through its test-jar.
        assertInstanceOf(FailingAcceleratorProvider.class, AcceleratorProviders.find("failing"));
    }

    @Test
    void emulatorProviderOpensTheCpuEngineWithTheConfiguredBatch()
    {
        final DaemonConfig config = TestDaemons.config(Map.of("l1infer.accelerator.max.batch", "32"));
        try (Accelerator accelerator = AcceleratorProviders.open(AcceleratorProviders.find("emulator"), config,
            ModelBundle.load(config.get(DaemonSettings.MODEL_DIR))))
        {
            assertInstanceOf(FixedPointEmulator.class, accelerator);
            assertEquals(32, accelerator.maxBatchSize());
        }
    }

    @Test
    void unknownNameStopsTheStartEvenWhenTheDeviceIsNotRequired()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.accelerator", "fpga", "l1infer.accelerator.required", "false")))
            .close());
        assertTrue(ex.getMessage().startsWith("l1infer.accelerator=fpga: no accelerator provider"), ex.getMessage());
        assertTrue(ex.getMessage().contains("emulator") && ex.getMessage().contains("opencl"), ex.getMessage());
    }
}
