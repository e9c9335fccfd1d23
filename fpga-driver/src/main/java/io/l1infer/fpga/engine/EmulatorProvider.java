package io.l1infer.fpga.engine;

import io.l1infer.fpga.model.ModelBundle;

import java.util.function.Function;

/** {@code l1infer.accelerator=emulator}: the bit-exact CPU engine, {@link FixedPointEmulator}. */
public final class EmulatorProvider implements AcceleratorProvider
{
    /** The provider's name, also the daemon's default accelerator. */
    public static final String NAME = "emulator";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Accelerator open(final ModelBundle model, final int maxBatch, final Function<String, String> settings)
    {
        return new FixedPointEmulator(model, maxBatch);
    }
}
