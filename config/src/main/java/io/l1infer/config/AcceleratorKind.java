package io.l1infer.config;

/** Which engine runs the model: configuration words {@code emulator} and {@code opencl}. */
public enum AcceleratorKind
{
    /** The bit-exact CPU emulation of the fixed-point network. */
    EMULATOR,
    /** An OpenCL device (CPU, GPU or FPGA) through JOCL. */
    OPENCL
}
