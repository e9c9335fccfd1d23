package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.AcceleratorException;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Lists the OpenCL platforms and devices this machine offers, for device selection and the bench's listing. */
public final class OpenClDevices
{
    private OpenClDevices()
    {
    }

    /**
     * Every device of every platform, in platform then device order; empty when no platform is installed.
     *
     * @throws AcceleratorException when the OpenCL library cannot be loaded or a query fails.
     */
    public static List<OpenClDevice> list()
    {
        try
        {
            return query();
        }
        catch (final LinkageError ex)
        {
            // JOCL loads its JNI library and then libOpenCL.so on first use of CL.
            throw new AcceleratorException("the OpenCL library cannot be loaded (JOCL needs libOpenCL.so, Debian " +
                "package ocl-icd-opencl-dev, and an ICD such as pocl-opencl-icd): " + ex, ex);
        }
        catch (final CLException ex)
        {
            throw OpenClStatus.failure(ex, "listing OpenCL devices");
        }
    }

    /**
     * The listing as text lines, one per device, with platform and OpenCL versions; a single explanatory line
     * when there is no device or no OpenCL library.
     */
    public static List<String> describe()
    {
        final List<String> lines = new ArrayList<>();
        final List<OpenClDevice> devices;
        try
        {
            devices = list();
        }
        catch (final AcceleratorException ex)
        {
            lines.add("no OpenCL devices: " + ex.getMessage());
            return lines;
        }
        if (devices.isEmpty())
        {
            lines.add("no OpenCL devices: no OpenCL platform is installed (no ICD in /etc/OpenCL/vendors)");
        }
        for (final OpenClDevice d : devices)
        {
            lines.add(d.describe());
        }
        return lines;
    }

    private static List<OpenClDevice> query()
    {
        final int[] count = new int[1];
        // ocl-icd answers CL_PLATFORM_NOT_FOUND_KHR (cl_khr_icd) when no platform is installed.
        final int status = CL.clGetPlatformIDs(0, null, count);
        if (status == CL.CL_PLATFORM_NOT_FOUND_KHR || (status == CL.CL_SUCCESS && count[0] == 0))
        {
            return List.of();
        }
        OpenClStatus.check(status, "clGetPlatformIDs");
        final cl_platform_id[] platforms = new cl_platform_id[count[0]];
        OpenClStatus.check(CL.clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs");
        final List<OpenClDevice> devices = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++)
        {
            final cl_platform_id platform = platforms[p];
            final String platformName = platformString(platform, CL.CL_PLATFORM_NAME);
            final String platformVersion = platformString(platform, CL.CL_PLATFORM_VERSION);
            final int[] deviceCount = new int[1];
            final int ds = CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, 0, null, deviceCount);
            if (ds == CL.CL_DEVICE_NOT_FOUND || deviceCount[0] == 0)
            {
                continue;
            }
            OpenClStatus.check(ds, "clGetDeviceIDs on platform '" + platformName + "'");
            final cl_device_id[] ids = new cl_device_id[deviceCount[0]];
            OpenClStatus.check(CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, ids.length, ids, null),
                "clGetDeviceIDs on platform '" + platformName + "'");
            for (int d = 0; d < ids.length; d++)
            {
                final cl_device_id id = ids[d];
                devices.add(new OpenClDevice(p, platformName, platformVersion, d,
                    deviceString(id, CL.CL_DEVICE_NAME),
                    deviceLong(id, CL.CL_DEVICE_TYPE),
                    deviceString(id, CL.CL_DEVICE_VERSION),
                    deviceString(id, CL.CL_DEVICE_OPENCL_C_VERSION),
                    deviceString(id, CL.CL_DRIVER_VERSION),
                    deviceInt(id, CL.CL_DEVICE_MAX_COMPUTE_UNITS),
                    deviceInt(id, CL.CL_DEVICE_COMPILER_AVAILABLE) != 0,
                    platform, id));
            }
        }
        return devices;
    }

    private static String platformString(final cl_platform_id platform, final int param)
    {
        final long[] size = new long[1];
        OpenClStatus.check(CL.clGetPlatformInfo(platform, param, 0, null, size),
            "clGetPlatformInfo(" + CL.stringFor_cl_platform_info(param) + ")");
        final byte[] bytes = new byte[(int)size[0]];
        OpenClStatus.check(CL.clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null),
            "clGetPlatformInfo(" + CL.stringFor_cl_platform_info(param) + ")");
        return text(bytes);
    }

    static String deviceString(final cl_device_id device, final int param)
    {
        final long[] size = new long[1];
        OpenClStatus.check(CL.clGetDeviceInfo(device, param, 0, null, size),
            "clGetDeviceInfo(" + CL.stringFor_cl_device_info(param) + ")");
        final byte[] bytes = new byte[(int)size[0]];
        OpenClStatus.check(CL.clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null),
            "clGetDeviceInfo(" + CL.stringFor_cl_device_info(param) + ")");
        return text(bytes);
    }

    private static long deviceLong(final cl_device_id device, final int param)
    {
        final long[] value = new long[1];
        OpenClStatus.check(CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null),
            "clGetDeviceInfo(" + CL.stringFor_cl_device_info(param) + ")");
        return value[0];
    }

    private static int deviceInt(final cl_device_id device, final int param)
    {
        final int[] value = new int[1];
        OpenClStatus.check(CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null),
            "clGetDeviceInfo(" + CL.stringFor_cl_device_info(param) + ")");
        return value[0];
    }

    private static String text(final byte[] bytes)
    {
        int n = bytes.length;
        while (n > 0 && bytes[n - 1] == 0)
        {
            n--;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).trim();
    }
}
