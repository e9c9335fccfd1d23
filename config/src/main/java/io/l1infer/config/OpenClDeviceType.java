package io.l1infer.config;

/**
 * Which OpenCL device types may be chosen: configuration words {@code all}, {@code cpu}, {@code gpu} and
 * {@code accelerator}, matching CL_DEVICE_TYPE_*.
 */
public enum OpenClDeviceType
{
    /** Any device type. */
    ALL,
    /** CPU devices such as PoCL. */
    CPU,
    /** GPU devices. */
    GPU,
    /** Dedicated accelerators such as FPGAs. */
    ACCELERATOR
}
