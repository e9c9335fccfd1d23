package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.ElementLayout;
import io.l1infer.fpga.model.ModelBundle;
import org.agrona.concurrent.UnsafeBuffer;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

import java.nio.ByteBuffer;

/**
 * One in-flight unit of {@link OpenClAccelerator}: a pinned input and output buffer, their host mappings and
 * {@link BatchBuffers} view, a kernel object whose buffer arguments are set once, and the reusable JOCL objects
 * (event, argument pointer, work size) that let a launch run without allocating.
 */
final class OpenClBufferSet
{
    final int index;
    final cl_mem input;
    final cl_mem output;
    final cl_mem[] inputList;
    final cl_mem[] outputList;
    final long inputBytes;
    final long outputBytes;
    final cl_kernel kernel;
    final UnsafeBuffer inputView;
    final UnsafeBuffer outputView;
    final BatchBuffers buffers;
    /** Rewritten by each enqueue that reports completion; valid while {@link #eventPending}. */
    final cl_event event = new cl_event();
    final cl_event[] eventList = {event};
    /** CL_EVENT_COMMAND_EXECUTION_STATUS of {@link #event}, read by a non-blocking poll without allocating. */
    final int[] executionStatus = new int[1];
    final Pointer executionStatusValue = Pointer.to(executionStatus);
    final int[] batchSize = new int[1];
    final Pointer batchSizeArgument = Pointer.to(batchSize);
    final long[] globalWorkSize = new long[1];

    /** Current host mappings; null while unmapped. Owned by the accelerator's launch/await/close. */
    ByteBuffer inputMapping;
    ByteBuffer outputMapping;
    /** True when a remap was enqueued and the views must be re-pointed once it completes. */
    boolean viewsStale;
    boolean inFlight;
    boolean eventPending;

    /** Create the buffers and kernel, map both buffers (blocking) and set the kernel's buffer arguments. */
    OpenClBufferSet(
        final int index,
        final cl_context context,
        final cl_command_queue queue,
        final cl_program program,
        final String kernelName,
        final ModelBundle model,
        final int capacity,
        final OpenClReleaseList resources)
    {
        this.index = index;
        final int inSize = model.input().size();
        final int outSize = model.output().size();
        inputBytes = padded((long)capacity * inSize * ElementLayout.bytesPerElement(model.input().type()));
        outputBytes = padded((long)capacity * outSize * ElementLayout.bytesPerElement(model.output().type()));
        final int[] err = new int[1];

        input = CL.clCreateBuffer(context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_ALLOC_HOST_PTR, inputBytes, null, err);
        OpenClStatus.check(err[0], "clCreateBuffer(input of buffer set " + index + ", " + inputBytes + " bytes)");
        resources.add(input);
        output = CL.clCreateBuffer(context, CL.CL_MEM_WRITE_ONLY | CL.CL_MEM_ALLOC_HOST_PTR, outputBytes, null, err);
        OpenClStatus.check(err[0], "clCreateBuffer(output of buffer set " + index + ", " + outputBytes + " bytes)");
        resources.add(output);
        inputList = new cl_mem[] {input};
        outputList = new cl_mem[] {output};

        kernel = CL.clCreateKernel(program, kernelName, err);
        OpenClStatus.check(err[0], "clCreateKernel('" + kernelName + "')");
        resources.add(kernel);
        OpenClStatus.check(CL.clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(input)),
            "clSetKernelArg(1: in) of kernel '" + kernelName + "'");
        OpenClStatus.check(CL.clSetKernelArg(kernel, 2, Sizeof.cl_mem, Pointer.to(output)),
            "clSetKernelArg(2: out) of kernel '" + kernelName + "'");

        inputMapping = CL.clEnqueueMapBuffer(queue, input, true, CL.CL_MAP_WRITE, 0, inputBytes, 0, null, null, err);
        OpenClStatus.check(err[0], "clEnqueueMapBuffer(input of buffer set " + index + ")");
        outputMapping = CL.clEnqueueMapBuffer(queue, output, true, CL.CL_MAP_READ, 0, outputBytes, 0, null, null, err);
        OpenClStatus.check(err[0], "clEnqueueMapBuffer(output of buffer set " + index + ")");
        inputView = new UnsafeBuffer(inputMapping);
        outputView = new UnsafeBuffer(outputMapping);
        buffers = new BatchBuffers(inputView, outputView, capacity, inSize, model.input().type(), outSize,
            model.output().type());
    }

    /** Point the host views at the mappings made by the last remap (after it completed). */
    void installMappings()
    {
        if (viewsStale)
        {
            inputView.wrap(inputMapping);
            outputView.wrap(outputMapping);
            viewsStale = false;
        }
    }

    /** Round up to 64 bytes (at least 64) so no buffer is empty and each starts a cache line. */
    private static long padded(final long bytes)
    {
        return Math.max(64, (bytes + 63) & ~63L);
    }
}
