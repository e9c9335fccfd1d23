package io.l1infer.fpga.engine;

import io.l1infer.fpga.model.ModelBundle;

import java.util.function.Function;

/**
 * Opens the accelerator that one value of {@code l1infer.accelerator} names; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.l1infer.fpga.engine.AcceleratorProvider}), so a jar on the class path can add one.
 */
public interface AcceleratorProvider
{
    /** The {@code l1infer.accelerator} value that selects this provider, such as {@code emulator}. */
    String name();

    /**
     * Open the accelerator.
     *
     * @param model    the model to run.
     * @param maxBatch most events per launch the daemon asks for.
     * @param settings the effective text of any daemon setting, by its key.
     * @return the open accelerator, owned by the caller.
     * @throws RuntimeException naming the cause when the device is missing or fails to open.
     */
    Accelerator open(ModelBundle model, int maxBatch, Function<String, String> settings);
}
