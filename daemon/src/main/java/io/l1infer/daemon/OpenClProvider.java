package io.l1infer.daemon;

import io.l1infer.config.DaemonSettings;
import io.l1infer.config.Setting;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.AcceleratorProvider;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.opencl.OpenClAccelerator;
import io.l1infer.fpga.opencl.OpenClDeviceSelector;

import java.util.function.Function;

/** {@code l1infer.accelerator=opencl}: an OpenCL device chosen and loaded by the {@code l1infer.opencl.*} settings. */
public final class OpenClProvider implements AcceleratorProvider
{
    /** The provider's name. */
    public static final String NAME = "opencl";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Accelerator open(final ModelBundle model, final int maxBatch, final Function<String, String> settings)
    {
        final OpenClDeviceSelector selector = new OpenClDeviceSelector(
            read(settings, DaemonSettings.OPENCL_PLATFORM),
            read(settings, DaemonSettings.OPENCL_DEVICE),
            OpenClDeviceSelector.DeviceTypeFilter.parse(read(settings, DaemonSettings.OPENCL_DEVICE_TYPE)),
            read(settings, DaemonSettings.OPENCL_DEVICE_INDEX));
        return OpenClAccelerator.open(model, selector, read(settings, DaemonSettings.OPENCL_BINARY).orElse(null),
            read(settings, DaemonSettings.OPENCL_KERNEL_NAME), maxBatch,
            read(settings, DaemonSettings.OPENCL_BUFFER_SETS));
    }

    private static <T> T read(final Function<String, String> settings, final Setting<T> setting)
    {
        return setting.parse(settings.apply(setting.key()));
    }
}
