package io.l1infer.daemon;

import io.l1infer.config.DaemonSettings;
import io.l1infer.fpga.opencl.OpenClDeviceSelector.DeviceTypeFilter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The words the setting accepts are exactly those the OpenCL code maps onto JOCL's device types. */
class OpenClDeviceTypeWordsTest
{
    @Test
    void settingWordsAndDeviceTypeFiltersAgree()
    {
        final List<String> filters = new ArrayList<>();
        for (final DeviceTypeFilter filter : DeviceTypeFilter.values())
        {
            filters.add(filter.toString());
            assertEquals(filter, DeviceTypeFilter.parse(DaemonSettings.OPENCL_DEVICE_TYPE.parse(filter.toString())));
        }
        assertEquals(String.join(" | ", filters), DaemonSettings.OPENCL_DEVICE_TYPE.allowedValues());
    }
}
