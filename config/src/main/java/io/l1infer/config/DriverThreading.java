package io.l1infer.config;

/**
 * How the embedded Aeron media driver runs its agents: configuration words {@code shared}, {@code shared-network},
 * {@code dedicated} and {@code invoker}, matching Aeron's ThreadingMode.
 */
public enum DriverThreading
{
    /** One thread for conductor, sender and receiver. */
    SHARED,
    /** One thread for the conductor, one shared by sender and receiver. */
    SHARED_NETWORK,
    /** A thread each for conductor, sender and receiver. */
    DEDICATED,
    /** No driver threads: the client invokes the driver's agents on its own thread. */
    INVOKER
}
