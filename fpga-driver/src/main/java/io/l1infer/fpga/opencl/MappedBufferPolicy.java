package io.l1infer.fpga.opencl;

/**
 * How the accelerator's pinned host buffers (CL_MEM_ALLOC_HOST_PTR, wrapped by
 * {@link io.l1infer.fpga.engine.BatchBuffers}) stay visible to the host while kernels use them.
 *
 * <p>The OpenCL specification (3.0, section 5.5.4 "Accessing mapped regions of a memory object"; 1.2 says the
 * same) makes it undefined behaviour to run a kernel that reads a buffer while the host has it mapped for
 * writing, or that writes a buffer the host has mapped at all: a conforming program unmaps before the kernel and
 * maps again after it, and the mapped address may change each time. {@link #PERSISTENT} breaks that rule where the
 * platform itself makes it safe; {@link #REMAP_EACH_BATCH} follows it.
 */
public enum MappedBufferPolicy
{
    /**
     * Map once at start-up and keep the mapping while kernels run: no per-batch map commands, no per-batch
     * allocation. Safe on CPU devices (PoCL), where an ALLOC_HOST_PTR buffer's storage is the mapped host memory
     * itself, and on Xilinx XRT, whose documented host pattern (UG1393, "Letting XRT Allocate Buffers") is exactly
     * map once plus clEnqueueMigrateMemObjects before and after each kernel.
     */
    PERSISTENT,
    /**
     * Unmap both buffers before each kernel and map them again (non-blocking) after it, as the specification
     * requires; the host views are re-pointed when the batch is awaited. Costs two more commands each way, and
     * JOCL allocates a direct ByteBuffer object for every map.
     */
    REMAP_EACH_BATCH;

    /** PERSISTENT for CPU devices and precompiled (XRT) binaries, REMAP_EACH_BATCH for anything else (GPUs). */
    public static MappedBufferPolicy automaticFor(final OpenClDevice device, final boolean precompiled)
    {
        return device.isCpu() || precompiled ? PERSISTENT : REMAP_EACH_BATCH;
    }
}
