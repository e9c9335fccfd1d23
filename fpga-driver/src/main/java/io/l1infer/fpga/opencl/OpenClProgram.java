package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.AcceleratorException;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A built OpenCL program and the context it lives in, on one device: either generated OpenCL C compiled here, or
 * a precompiled binary such as a Vitis {@code .xclbin}. Accelerators retain the context and program, so this object
 * may be closed as soon as its accelerators exist; one program can serve several accelerators (one per kernel).
 */
public final class OpenClProgram implements AutoCloseable
{
    private static final String GENERATED = "generated OpenCL C";

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_program program;
    /** The loaded binary; null for generated source. */
    private final Path binary;
    private boolean closed;

    private OpenClProgram(
        final OpenClDevice device, final cl_context context, final cl_program program, final Path binary)
    {
        this.device = device;
        this.context = context;
        this.program = program;
        this.binary = binary;
    }

    /**
     * Compile OpenCL C source for {@code device}.
     *
     * @throws AcceleratorException naming the failed call; a compile error carries the build log.
     */
    public static OpenClProgram fromSource(final OpenClDevice device, final String source, final String options)
    {
        final cl_context context = createContext(device);
        cl_program program = null;
        try
        {
            final int[] err = new int[1];
            program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, err);
            OpenClStatus.check(err[0], "clCreateProgramWithSource");
            build(device, program, options, GENERATED);
            return new OpenClProgram(device, context, program, null);
        }
        catch (final CLException ex)
        {
            release(context, program);
            throw OpenClStatus.failure(ex, "building " + GENERATED);
        }
        catch (final RuntimeException ex)
        {
            release(context, program);
            throw ex;
        }
    }

    /**
     * Load a precompiled binary (an FPGA {@code .xclbin} or {@code .awsxclbin}, or any binary the device accepts)
     * with clCreateProgramWithBinary and clBuildProgram, as XRT requires.
     *
     * @throws AcceleratorException naming the file and the failed call.
     */
    public static OpenClProgram fromBinary(final OpenClDevice device, final Path binary)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(binary);
        }
        catch (final IOException ex)
        {
            throw new AcceleratorException("cannot read OpenCL binary " + binary + ": " + ex, ex);
        }
        if (bytes.length == 0)
        {
            throw new AcceleratorException("OpenCL binary " + binary + " is empty");
        }
        final cl_context context = createContext(device);
        cl_program program = null;
        try
        {
            final int[] err = new int[1];
            final int[] binaryStatus = new int[1];
            program = CL.clCreateProgramWithBinary(context, 1, new cl_device_id[] {device.deviceId()},
                new long[] {bytes.length}, new byte[][] {bytes}, binaryStatus, err);
            if (err[0] != CL.CL_SUCCESS)
            {
                throw new AcceleratorException("clCreateProgramWithBinary(" + binary + ") failed: " +
                    OpenClStatus.name(err[0]) + " (" + err[0] + "), binary status " +
                    OpenClStatus.name(binaryStatus[0]) + ", device " + device.describe());
            }
            build(device, program, "", binary.toString());
            return new OpenClProgram(device, context, program, binary);
        }
        catch (final CLException ex)
        {
            release(context, program);
            throw OpenClStatus.failure(ex, "loading OpenCL binary " + binary);
        }
        catch (final RuntimeException ex)
        {
            release(context, program);
            throw ex;
        }
    }

    public OpenClDevice device()
    {
        return device;
    }

    /** True for a loaded binary (an FPGA kernel that loops over the batch itself); false for generated source. */
    public boolean isPrecompiled()
    {
        return binary != null;
    }

    /** "generated OpenCL C" or the binary's path. */
    public String origin()
    {
        return binary == null ? GENERATED : binary.toString();
    }

    cl_context context()
    {
        checkOpen();
        return context;
    }

    cl_program program()
    {
        checkOpen();
        return program;
    }

    /** Release this object's references; accelerators made from it keep theirs. Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            release(context, program);
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("OpenCL program (" + origin() + ") is closed");
        }
    }

    private static cl_context createContext(final OpenClDevice device)
    {
        if (device.deviceId() == null || device.platformId() == null)
        {
            throw new IllegalArgumentException("OpenCL device without handles: " + device.describe());
        }
        try
        {
            final cl_context_properties properties = new cl_context_properties();
            properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platformId());
            final int[] err = new int[1];
            final cl_context context =
                CL.clCreateContext(properties, 1, new cl_device_id[] {device.deviceId()}, null, null, err);
            OpenClStatus.check(err[0], "clCreateContext on " + device.describe());
            return context;
        }
        catch (final CLException ex)
        {
            throw OpenClStatus.failure(ex, "clCreateContext on " + device.describe());
        }
    }

    private static void build(
        final OpenClDevice device, final cl_program program, final String options, final String what)
    {
        final int status = CL.clBuildProgram(program, 1, new cl_device_id[] {device.deviceId()}, options, null, null);
        if (status != CL.CL_SUCCESS)
        {
            throw new AcceleratorException("clBuildProgram(" + what + ") failed: " + OpenClStatus.name(status) +
                " (" + status + ") on " + device.describe() + "\nbuild log:\n" + buildLog(device, program));
        }
    }

    /** The device's build log, or why it could not be read. */
    static String buildLog(final OpenClDevice device, final cl_program program)
    {
        try
        {
            final long[] size = new long[1];
            int status = CL.clGetProgramBuildInfo(program, device.deviceId(), CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            if (status != CL.CL_SUCCESS)
            {
                return "(clGetProgramBuildInfo failed: " + OpenClStatus.name(status) + ")";
            }
            final byte[] bytes = new byte[(int)size[0]];
            status = CL.clGetProgramBuildInfo(program, device.deviceId(), CL.CL_PROGRAM_BUILD_LOG, bytes.length,
                Pointer.to(bytes), null);
            if (status != CL.CL_SUCCESS)
            {
                return "(clGetProgramBuildInfo failed: " + OpenClStatus.name(status) + ")";
            }
            int n = bytes.length;
            while (n > 0 && bytes[n - 1] == 0)
            {
                n--;
            }
            final String log = new String(bytes, 0, n, StandardCharsets.UTF_8).strip();
            return log.isEmpty() ? "(empty)" : log;
        }
        catch (final CLException ex)
        {
            return "(clGetProgramBuildInfo failed: " + ex.getMessage() + ")";
        }
    }

    private static void release(final cl_context context, final cl_program program)
    {
        try
        {
            if (program != null)
            {
                CL.clReleaseProgram(program);
            }
            CL.clReleaseContext(context);
        }
        catch (final CLException ignored)
        {
            // Releasing during cleanup: the original failure is the one worth reporting.
        }
    }
}
