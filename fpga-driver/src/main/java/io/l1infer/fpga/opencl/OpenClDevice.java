package io.l1infer.fpga.opencl;

import org.jocl.CL;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as the ICD loader reports it: names, versions and the handles needed to open it. Records made
 * without handles (null) describe a device for selection and messages only.
 *
 * @param platformIndex    position of the platform in clGetPlatformIDs.
 * @param platformName     CL_PLATFORM_NAME, e.g. "Portable Computing Language" or "Xilinx".
 * @param platformVersion  CL_PLATFORM_VERSION, e.g. "OpenCL 3.0 PoCL 3.1".
 * @param deviceIndex      position of the device within its platform.
 * @param name             CL_DEVICE_NAME.
 * @param type             CL_DEVICE_TYPE bit field.
 * @param version          CL_DEVICE_VERSION.
 * @param openClCVersion   CL_DEVICE_OPENCL_C_VERSION.
 * @param driverVersion    CL_DRIVER_VERSION.
 * @param computeUnits     CL_DEVICE_MAX_COMPUTE_UNITS.
 * @param compilerAvailable CL_DEVICE_COMPILER_AVAILABLE: false on FPGAs, which only load binaries.
 * @param platformId       handle, or null.
 * @param deviceId         handle, or null.
 */
public record OpenClDevice(
    int platformIndex,
    String platformName,
    String platformVersion,
    int deviceIndex,
    String name,
    long type,
    String version,
    String openClCVersion,
    String driverVersion,
    int computeUnits,
    boolean compilerAvailable,
    cl_platform_id platformId,
    cl_device_id deviceId)
{
    /** True for a CPU device (such as PoCL), whose "device memory" is host memory. */
    public boolean isCpu()
    {
        return (type & CL.CL_DEVICE_TYPE_CPU) != 0;
    }

    /** The device type as the configuration word: cpu, gpu, accelerator, custom or default. */
    public String typeWord()
    {
        if ((type & CL.CL_DEVICE_TYPE_CPU) != 0)
        {
            return "cpu";
        }
        if ((type & CL.CL_DEVICE_TYPE_GPU) != 0)
        {
            return "gpu";
        }
        if ((type & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0)
        {
            return "accelerator";
        }
        return (type & CL.CL_DEVICE_TYPE_CUSTOM) != 0 ? "custom" : "default";
    }

    /** One line for listings and error messages. */
    public String describe()
    {
        return "platform " + platformIndex + " '" + platformName + "' (" + platformVersion + "), device " +
            deviceIndex + " '" + name + "': " + typeWord() + ", " + version + ", " + openClCVersion + ", driver " +
            driverVersion + ", " + computeUnits + " compute units" + (compilerAvailable ? "" : ", no compiler");
    }

    @Override
    public String toString()
    {
        return describe();
    }
}
