package io.l1infer.fpga.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.NativePointerObject;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL objects an accelerator holds a reference to, released in reverse order of creation: the one place
 * that knows which clRelease* call fits which handle, so a half-built accelerator cleans up like a whole one.
 */
final class OpenClReleaseList
{
    private final List<NativePointerObject> objects = new ArrayList<>();

    /** Track one more reference (created or retained by the caller). */
    void add(final NativePointerObject object)
    {
        objects.add(object);
    }

    /**
     * Release everything, newest first; failures are counted, not thrown, because releasing continues regardless.
     *
     * @return the number of release calls that failed.
     */
    int releaseAll()
    {
        int failed = 0;
        for (int i = objects.size() - 1; i >= 0; i--)
        {
            try
            {
                failed += release(objects.get(i)) == CL.CL_SUCCESS ? 0 : 1;
            }
            catch (final CLException ex)
            {
                failed++;
            }
        }
        objects.clear();
        return failed;
    }

    private static int release(final NativePointerObject o)
    {
        if (o instanceof cl_mem m)
        {
            return CL.clReleaseMemObject(m);
        }
        if (o instanceof cl_kernel k)
        {
            return CL.clReleaseKernel(k);
        }
        if (o instanceof cl_command_queue q)
        {
            return CL.clReleaseCommandQueue(q);
        }
        if (o instanceof cl_program p)
        {
            return CL.clReleaseProgram(p);
        }
        if (o instanceof cl_context c)
        {
            return CL.clReleaseContext(c);
        }
        throw new IllegalArgumentException("no release call for " + o.getClass().getSimpleName());
    }
}
