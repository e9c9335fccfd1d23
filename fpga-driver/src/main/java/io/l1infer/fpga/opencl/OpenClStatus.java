package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.AcceleratorException;
import org.jocl.CL;
import org.jocl.CLException;

/**
 * Turns OpenCL status codes into {@link AcceleratorException}s that name the call and the CL error, e.g.
 * {@code clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)}; allocation-free when the status is CL_SUCCESS.
 */
final class OpenClStatus
{
    private OpenClStatus()
    {
    }

    /** Throw unless {@code status} is CL_SUCCESS; {@code call} names the OpenCL function (and what it acted on). */
    static void check(final int status, final String call)
    {
        if (status != CL.CL_SUCCESS)
        {
            throw failure(status, call);
        }
    }

    /** The exception for a failed call, for callers that add context first. */
    static AcceleratorException failure(final int status, final String call)
    {
        return new AcceleratorException(call + " failed: " + name(status) + " (" + status + ")");
    }

    /** The same for a JOCL exception (thrown instead of a status when CL.setExceptionsEnabled(true) was called). */
    static AcceleratorException failure(final CLException ex, final String call)
    {
        return new AcceleratorException(call + " failed: " + name(ex.getStatus()) + " (" + ex.getStatus() + ")", ex);
    }

    /** The CL error name of a status code, e.g. CL_INVALID_BINARY. */
    static String name(final int status)
    {
        return CL.stringFor_errorCode(status);
    }
}
