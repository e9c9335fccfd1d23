package io.l1infer.config;

/**
 * Which second engine checks the primary's answers: configuration words {@code none}, {@code emulator}, {@code opencl}.
 */
public enum ShadowKind
{
    /** No shadow engine. */
    NONE,
    /** The bit-exact CPU emulator, on a thread of its own. */
    EMULATOR,
    /** An OpenCL device chosen by the l1infer.opencl.* settings. */
    OPENCL
}
