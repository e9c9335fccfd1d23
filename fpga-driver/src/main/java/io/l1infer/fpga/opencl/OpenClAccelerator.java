package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.AcceleratorException;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.model.ModelBundle;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_program;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An {@link Accelerator} on an OpenCL device through JOCL: the model's generated OpenCL C kernel on any device with
 * a compiler (PoCL, GPUs), or an hls4ml Vitis kernel from an {@code .xclbin} on an FPGA, both with the signature
 * {@code kernel(uint batchsize, const in_t *in, out_t *out)}.
 *
 * <p>Each buffer set owns pinned buffers (CL_MEM_ALLOC_HOST_PTR) mapped into the host and wrapped in
 * {@link BatchBuffers}, so the owner writes inputs and reads outputs in place. {@link #launch} enqueues the kernel
 * without blocking and flushes the in-order queue; {@link #await} waits for that set's event, so the owner can fill
 * set k+1 while set k runs. With {@link MappedBufferPolicy#PERSISTENT} a launch/await pair allocates nothing on the
 * Java heap. A precompiled binary is launched as a single work-item (the HLS kernel loops over the batch) between
 * clEnqueueMigrateMemObjects calls, which XRT needs to move the buffers to and from the card; a generated kernel runs
 * one work-item per event.
 *
 * <p>Every OpenCL failure becomes an {@link AcceleratorException} naming the call and the CL error; after a failure
 * during a batch the accelerator refuses further work (the device state is unknown) until closed.
 */
public final class OpenClAccelerator implements Accelerator
{
    /**
     * Work-items per work-group for generated kernels: PoCL's preferred multiple; 4, 8 and 16 measured alike on the
     * thesis model, 32 was slower. PoCL compiles a work-group function per local size, so a single fixed size means
     * one compilation, done by the warm-up launch in the constructor, never on the hot path.
     */
    static final int WORK_GROUP_SIZE = 8;

    private final ModelBundle model;
    private final OpenClDevice device;
    private final String description;
    private final int maxBatchSize;
    private final MappedBufferPolicy mapping;
    private final boolean precompiled;
    private final cl_command_queue queue;
    private final OpenClBufferSet[] sets;
    private final long[] localWorkSize;
    private final int[] errorCode = new int[1];
    private final OpenClReleaseList resources = new OpenClReleaseList();
    private AcceleratorException failure;
    private boolean closed;

    /**
     * Open the device the selector picks and build or load the kernel: the daemon's entry point, one argument per
     * {@code l1infer.opencl.*} setting.
     *
     * @param model        the model (sizes and types of the buffers; the source of the generated kernel).
     * @param selector     which device.
     * @param binary       a precompiled kernel (.xclbin/.awsxclbin), or null to generate and build OpenCL C.
     * @param kernelName   the kernel function's name, normally {@value OpenClKernelSource#DEFAULT_KERNEL_NAME}.
     * @param maxBatchSize most events per launch.
     * @param bufferSets   buffer sets that can be in flight at once (at least 1; 2 to overlap fill and compute).
     * @throws AcceleratorException naming the device, file or OpenCL call that failed.
     */
    public static OpenClAccelerator open(
        final ModelBundle model,
        final OpenClDeviceSelector selector,
        final Path binary,
        final String kernelName,
        final int maxBatchSize,
        final int bufferSets)
    {
        final OpenClDevice device = selector.select();
        final OpenClProgram program;
        if (binary != null)
        {
            program = OpenClProgram.fromBinary(device, binary);
        }
        else
        {
            if (!device.compilerAvailable())
            {
                throw new AcceleratorException("OpenCL device has no compiler, so it needs a precompiled kernel " +
                    "(l1infer.opencl.binary): " + device.describe());
            }
            program = OpenClProgram.fromSource(device, OpenClKernelSource.program(kernelName, model), "");
        }
        try (program)
        {
            return new OpenClAccelerator(program, kernelName, model, maxBatchSize, bufferSets,
                MappedBufferPolicy.automaticFor(device, program.isPrecompiled()));
        }
    }

    /**
     * An accelerator running kernel {@code kernelName} of a built program; it takes its own references to the
     * program and context, so the caller may close {@code program} afterwards.
     *
     * @throws AcceleratorException naming the OpenCL call that failed; nothing stays allocated.
     */
    @SuppressWarnings("deprecation") // clCreateCommandQueue: XRT implements OpenCL 1.2, which has no *WithProperties
    public OpenClAccelerator(
        final OpenClProgram program,
        final String kernelName,
        final ModelBundle model,
        final int maxBatchSize,
        final int bufferSets,
        final MappedBufferPolicy mapping)
    {
        Accelerator.requireMaxBatchSize(maxBatchSize);
        if (bufferSets < 1)
        {
            throw new IllegalArgumentException("bufferSets must be >= 1: " + bufferSets);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.device = program.device();
        this.maxBatchSize = maxBatchSize;
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.precompiled = program.isPrecompiled();
        this.localWorkSize = new long[] {precompiled ? 1 : WORK_GROUP_SIZE};
        this.sets = new OpenClBufferSet[bufferSets];
        this.description = "OpenCL " + (precompiled ? "kernel '" + kernelName + "' from " + program.origin() :
            "generated kernel '" + kernelName + "'") + " of " + model + " on " + device.describe() + ", " +
            bufferSets + " buffer sets of " + maxBatchSize + " events, " + mapping + " mapping";
        try
        {
            final cl_context context = program.context();
            final cl_program clProgram = program.program();
            OpenClStatus.check(CL.clRetainContext(context), "clRetainContext");
            resources.add(context);
            OpenClStatus.check(CL.clRetainProgram(clProgram), "clRetainProgram");
            resources.add(clProgram);
            queue = CL.clCreateCommandQueue(context, device.deviceId(), 0, errorCode);
            OpenClStatus.check(errorCode[0], "clCreateCommandQueue on " + device.describe());
            resources.add(queue);
            for (int s = 0; s < bufferSets; s++)
            {
                sets[s] = new OpenClBufferSet(s, context, queue, clProgram, kernelName, model, maxBatchSize,
                    resources);
            }
            if (!precompiled)
            {
                warmUp();
            }
        }
        catch (final CLException ex)
        {
            closeQuietly();
            throw OpenClStatus.failure(ex, "creating the OpenCL accelerator");
        }
        catch (final RuntimeException ex)
        {
            closeQuietly();
            throw ex;
        }
    }

    @Override
    public ModelBundle model()
    {
        return model;
    }

    @Override
    public String description()
    {
        return description;
    }

    /** The device this accelerator runs on. */
    public OpenClDevice device()
    {
        return device;
    }

    /** How the buffers stay mapped (see {@link MappedBufferPolicy}). */
    public MappedBufferPolicy mapping()
    {
        return mapping;
    }

    @Override
    public int maxBatchSize()
    {
        return maxBatchSize;
    }

    @Override
    public int bufferSetCount()
    {
        return sets.length;
    }

    @Override
    public BatchBuffers buffers(final int set)
    {
        return set(set).buffers;
    }

    @Override
    public void launch(final int set, final int batchSize)
    {
        final OpenClBufferSet s = set(set);
        if (batchSize < 0 || batchSize > maxBatchSize)
        {
            throw new IllegalArgumentException("batch size " + batchSize + " outside 0.." + maxBatchSize);
        }
        checkUsable("launch");
        if (s.inFlight)
        {
            throw new IllegalStateException("buffer set " + set + " is still in flight: await it before launching it");
        }
        s.inFlight = true;
        if (batchSize == 0)
        {
            return;
        }
        try
        {
            enqueueBatch(s, batchSize);
        }
        catch (final CLException ex)
        {
            throw fail(OpenClStatus.failure(ex, "launching buffer set " + set));
        }
        catch (final AcceleratorException ex)
        {
            throw fail(ex);
        }
    }

    /** Reads the event's execution status (no wait): complete, or failed, means {@link #await} will not block. */
    @Override
    public boolean isComplete(final int set)
    {
        final OpenClBufferSet s = set(set);
        if (!s.inFlight || !s.eventPending)
        {
            return true;
        }
        checkUsable("isComplete");
        try
        {
            final int status = CL.clGetEventInfo(s.event, CL.CL_EVENT_COMMAND_EXECUTION_STATUS, Sizeof.cl_int,
                s.executionStatusValue, null);
            if (status != CL.CL_SUCCESS)
            {
                throw fail(new AcceleratorException("clGetEventInfo(buffer set " + set + ") failed: " +
                    OpenClStatus.name(status) + " (" + status + ")"));
            }
        }
        catch (final CLException ex)
        {
            throw fail(OpenClStatus.failure(ex, "polling buffer set " + set));
        }
        catch (final AcceleratorException ex)
        {
            throw fail(ex);
        }
        // CL_COMPLETE is 0; negative values are errors, which await reports.
        return s.executionStatus[0] <= CL.CL_COMPLETE;
    }

    @Override
    public void await(final int set)
    {
        final OpenClBufferSet s = set(set);
        if (!s.inFlight)
        {
            return;
        }
        s.inFlight = false;
        if (!s.eventPending)
        {
            return;
        }
        checkUsable("await");
        try
        {
            final int status = CL.clWaitForEvents(1, s.eventList);
            if (status != CL.CL_SUCCESS)
            {
                final String detail = executionStatus(s);
                s.eventPending = false;
                CL.clReleaseEvent(s.event);
                throw fail(new AcceleratorException("clWaitForEvents(buffer set " + set + ") failed: " +
                    OpenClStatus.name(status) + " (" + status + ")" + detail));
            }
            s.eventPending = false;
            OpenClStatus.check(CL.clReleaseEvent(s.event), "clReleaseEvent");
            s.installMappings();
        }
        catch (final CLException ex)
        {
            throw fail(OpenClStatus.failure(ex, "awaiting buffer set " + set));
        }
        catch (final AcceleratorException ex)
        {
            throw fail(ex);
        }
    }

    /**
     * Wait for everything in flight, unmap and release every OpenCL object this accelerator holds; idempotent.
     * Outstanding batches are abandoned (their outputs are not read).
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        closeQuietly();
    }

    /**
     * The enqueue sequence of one batch; the last command reports to the set's event. In-order queue: waiting for
     * the last command covers all of them.
     */
    private void enqueueBatch(final OpenClBufferSet s, final int batchSize)
    {
        s.batchSize[0] = batchSize;
        OpenClStatus.check(CL.clSetKernelArg(s.kernel, 0, Sizeof.cl_uint, s.batchSizeArgument),
            "clSetKernelArg(0: batchsize)");
        final boolean remap = mapping == MappedBufferPolicy.REMAP_EACH_BATCH;
        if (remap)
        {
            OpenClStatus.check(CL.clEnqueueUnmapMemObject(queue, s.input, s.inputMapping, 0, null, null),
                "clEnqueueUnmapMemObject(input)");
            s.inputMapping = null;
            OpenClStatus.check(CL.clEnqueueUnmapMemObject(queue, s.output, s.outputMapping, 0, null, null),
                "clEnqueueUnmapMemObject(output)");
            s.outputMapping = null;
        }
        if (precompiled)
        {
            OpenClStatus.check(CL.clEnqueueMigrateMemObjects(queue, 1, s.inputList, 0, 0, null, null),
                "clEnqueueMigrateMemObjects(input to device)");
            s.globalWorkSize[0] = 1;
        }
        else
        {
            // At least one work-group: the warm-up launches an empty batch.
            s.globalWorkSize[0] = Math.max(WORK_GROUP_SIZE, roundUp(batchSize, WORK_GROUP_SIZE));
        }
        final boolean kernelIsLast = !remap && !precompiled;
        OpenClStatus.check(CL.clEnqueueNDRangeKernel(queue, s.kernel, 1, null, s.globalWorkSize, localWorkSize, 0,
            null, kernelIsLast ? s.event : null), "clEnqueueNDRangeKernel");
        if (precompiled)
        {
            OpenClStatus.check(CL.clEnqueueMigrateMemObjects(queue, 1, s.outputList,
                CL.CL_MIGRATE_MEM_OBJECT_HOST, 0, null, remap ? null : s.event),
                "clEnqueueMigrateMemObjects(output to host)");
        }
        if (remap)
        {
            s.inputMapping = map(s, true);
            s.outputMapping = map(s, false);
            s.viewsStale = true;
        }
        s.eventPending = true;
        OpenClStatus.check(CL.clFlush(queue), "clFlush");
    }

    private ByteBuffer map(final OpenClBufferSet s, final boolean input)
    {
        final ByteBuffer mapped = CL.clEnqueueMapBuffer(queue, input ? s.input : s.output, false,
            input ? CL.CL_MAP_WRITE : CL.CL_MAP_READ, 0, input ? s.inputBytes : s.outputBytes, 0, null,
            input ? null : s.event, errorCode);
        OpenClStatus.check(errorCode[0], input ? "clEnqueueMapBuffer(input)" : "clEnqueueMapBuffer(output)");
        return mapped;
    }

    /**
     * Run one empty batch (every work-item returns at once) through the normal launch path, so that the device
     * compiles its work-group function now rather than on the first real batch.
     */
    private void warmUp()
    {
        final OpenClBufferSet s = sets[0];
        enqueueBatch(s, 0);
        s.inFlight = true;
        await(0);
    }

    private String executionStatus(final OpenClBufferSet s)
    {
        try
        {
            final int[] value = new int[1];
            final int st = CL.clGetEventInfo(s.event, CL.CL_EVENT_COMMAND_EXECUTION_STATUS, Sizeof.cl_int,
                Pointer.to(value), null);
            return st == CL.CL_SUCCESS && value[0] < 0 ?
                "; the command ended with " + OpenClStatus.name(value[0]) + " (" + value[0] + ")" : "";
        }
        catch (final CLException ex)
        {
            return "";
        }
    }

    private OpenClBufferSet set(final int set)
    {
        if (set < 0 || set >= sets.length)
        {
            throw new IllegalArgumentException("buffer set " + set + " does not exist (this accelerator has " +
                sets.length + ")");
        }
        return sets[set];
    }

    private void checkUsable(final String call)
    {
        if (closed)
        {
            throw new AcceleratorException(call + ": OpenCL accelerator is closed");
        }
        if (failure != null)
        {
            throw new AcceleratorException(call + ": OpenCL accelerator failed earlier and must be closed: " +
                failure.getMessage(), failure);
        }
    }

    private AcceleratorException fail(final AcceleratorException ex)
    {
        if (failure == null)
        {
            failure = ex;
        }
        return ex;
    }

    private void closeQuietly()
    {
        try
        {
            if (queue != null)
            {
                CL.clFinish(queue);
                for (final OpenClBufferSet s : sets)
                {
                    if (s != null)
                    {
                        releaseSetState(s);
                    }
                }
                CL.clFinish(queue);
            }
        }
        catch (final CLException ignored)
        {
            // Closing after a device failure: release what can be released below.
        }
        resources.releaseAll();
    }

    private void releaseSetState(final OpenClBufferSet s)
    {
        if (s.eventPending)
        {
            s.eventPending = false;
            CL.clReleaseEvent(s.event);
        }
        s.inFlight = false;
        if (s.inputMapping != null)
        {
            CL.clEnqueueUnmapMemObject(queue, s.input, s.inputMapping, 0, null, null);
            s.inputMapping = null;
        }
        if (s.outputMapping != null)
        {
            CL.clEnqueueUnmapMemObject(queue, s.output, s.outputMapping, 0, null, null);
            s.outputMapping = null;
        }
    }

    private static long roundUp(final int n, final int multiple)
    {
        return ((long)n + multiple - 1) / multiple * multiple;
    }
}
