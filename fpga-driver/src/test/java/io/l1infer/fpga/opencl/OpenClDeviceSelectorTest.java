package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.AcceleratorException;
import org.jocl.CL;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device choice by platform, name, type and index over a described (handle-less) device list: no OpenCL needed. */
class OpenClDeviceSelectorTest
{
    private static final OpenClDevice POCL = device(0, "Portable Computing Language", 0, "pthread-skylake",
        CL.CL_DEVICE_TYPE_CPU);
    private static final OpenClDevice XILINX_U250 = device(1, "Xilinx", 0, "xilinx_u250_gen3x16_xdma_shell_4_1",
        CL.CL_DEVICE_TYPE_ACCELERATOR);
    private static final OpenClDevice XILINX_U55C = device(1, "Xilinx", 1, "xilinx_u55c_gen3x16_xdma_base_3",
        CL.CL_DEVICE_TYPE_ACCELERATOR);
    private static final OpenClDevice NVIDIA = device(2, "NVIDIA CUDA", 0, "NVIDIA A100",
        CL.CL_DEVICE_TYPE_GPU | CL.CL_DEVICE_TYPE_DEFAULT);
    private static final List<OpenClDevice> ALL = List.of(POCL, XILINX_U250, XILINX_U55C, NVIDIA);

    private static OpenClDevice device(
        final int platformIndex, final String platform, final int deviceIndex, final String name, final long type)
    {
        return new OpenClDevice(platformIndex, platform, "OpenCL 3.0 " + platform, deviceIndex, name, type,
            "OpenCL 1.2", "OpenCL C 1.2", "1.0", 4, type != CL.CL_DEVICE_TYPE_ACCELERATOR, null, null);
    }

    @Test
    void emptyCriteriaTakeTheFirstDevice()
    {
        assertSame(POCL, OpenClDeviceSelector.any().select(ALL));
    }

    @Test
    void platformAndDeviceMatchBySubstringIgnoringCase()
    {
        assertSame(XILINX_U55C, new OpenClDeviceSelector("xilinx", "U55C", DeviceType.ALL, 0).select(ALL));
        assertSame(NVIDIA, new OpenClDeviceSelector("", "a100", DeviceType.ALL, 0).select(ALL));
    }

    @Test
    void typeAndIndexCountAmongMatches()
    {
        assertSame(XILINX_U250, new OpenClDeviceSelector("", "", DeviceType.ACCELERATOR, 0).select(ALL));
        assertSame(XILINX_U55C, new OpenClDeviceSelector("", "", DeviceType.ACCELERATOR, 1).select(ALL));
        assertSame(NVIDIA, new OpenClDeviceSelector("", "", DeviceType.GPU, 0).select(ALL));
        assertSame(POCL, new OpenClDeviceSelector("", "", DeviceType.CPU, 0).select(ALL));
        assertSame(NVIDIA, new OpenClDeviceSelector("", "", DeviceType.ALL, 3).select(ALL));
    }

    @Test
    void noMatchListsEveryDeviceAndMarksNone()
    {
        final AcceleratorException ex = assertThrows(AcceleratorException.class,
            () -> new OpenClDeviceSelector("Intel", "", DeviceType.ALL, 0).select(ALL));
        final String m = ex.getMessage();
        assertTrue(m.startsWith("no OpenCL device matches platform ~ 'Intel', device ~ '', type all, index 0; " +
            "available devices:"), m);
        for (final OpenClDevice d : ALL)
        {
            assertTrue(m.contains(d.describe()), m);
        }
    }

    @Test
    void indexBeyondTheMatchesSaysHowManyMatch()
    {
        final AcceleratorException ex = assertThrows(AcceleratorException.class,
            () -> new OpenClDeviceSelector("Xilinx", "", DeviceType.ALL, 2).select(ALL));
        assertTrue(ex.getMessage().startsWith("OpenCL device index 2 requested but only 2 devices match " +
            "platform ~ 'Xilinx'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("* " + XILINX_U250.describe()), "matches are starred: " + ex.getMessage());
    }

    @Test
    void noDevicesAtAllIsSaid()
    {
        final AcceleratorException ex = assertThrows(AcceleratorException.class,
            () -> OpenClDeviceSelector.any().select(List.of()));
        assertTrue(ex.getMessage().contains("no OpenCL device is available at all"), ex.getMessage());
    }

    @Test
    void typeWordsParseLikeTheConfiguration()
    {
        assertEquals(DeviceType.ACCELERATOR, DeviceType.parse("accelerator"));
        assertEquals(DeviceType.GPU, DeviceType.parse(" GPU "));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> DeviceType.parse("fpga"));
        assertEquals("OpenCL device type 'fpga' is not one of all, cpu, gpu, accelerator", ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> new OpenClDeviceSelector("", "", DeviceType.ALL, -1));
    }

    @Test
    void deviceTypeWordsDescribeTheBitField()
    {
        assertEquals("cpu", POCL.typeWord());
        assertEquals("accelerator", XILINX_U250.typeWord());
        assertEquals("gpu", NVIDIA.typeWord());
        assertTrue(POCL.isCpu());
    }

    /** Short alias for the filter enum. */
    private static final class DeviceType
    {
        static final OpenClDeviceSelector.DeviceTypeFilter ALL = OpenClDeviceSelector.DeviceTypeFilter.ALL;
        static final OpenClDeviceSelector.DeviceTypeFilter CPU = OpenClDeviceSelector.DeviceTypeFilter.CPU;
        static final OpenClDeviceSelector.DeviceTypeFilter GPU = OpenClDeviceSelector.DeviceTypeFilter.GPU;
        static final OpenClDeviceSelector.DeviceTypeFilter ACCELERATOR =
            OpenClDeviceSelector.DeviceTypeFilter.ACCELERATOR;

        static OpenClDeviceSelector.DeviceTypeFilter parse(final String word)
        {
            return OpenClDeviceSelector.DeviceTypeFilter.parse(word);
        }
    }
}
