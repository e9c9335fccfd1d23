package io.l1infer.config;

/**
 * How the daemon places its ingest agent and accelerator owner on threads: configuration words {@code separate}
 * and {@code combined}.
 */
public enum AgentLayout
{
    /** Ingest and owner each on their own thread: ingest overlaps the accelerator, for dedicated cores. */
    SEPARATE,
    /** One thread runs ingest then owner each duty cycle (still through the ring): fewest busy threads. */
    COMBINED
}
