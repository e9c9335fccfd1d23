package io.l1infer.client;

import java.util.Objects;

/**
 * One daemon a {@link RoutingClient} sends to: a name for reports, its channels and streams, and the part of the
 * detector it is responsible for under {@link RoutingPolicy#PARTITION}.
 *
 * @param name      short name used in reports and errors, such as the host name.
 * @param endpoint  its ingest and result channels and streams; {@link DaemonEndpoint#aeronDir()} is not used (the
 *                  routing client talks to every daemon through its own, local media driver).
 * @param partition wheels and sectors it takes under {@link RoutingPolicy#PARTITION}; ignored by other policies.
 */
public record RoutedDaemon(String name, DaemonEndpoint endpoint, DetectorPartition partition)
{
    /** Checks that every field is present. */
    public RoutedDaemon
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(partition, "partition");
    }

    /**
     * A daemon responsible for the whole detector.
     *
     * @param name     short name for reports.
     * @param endpoint its channels and streams.
     * @return the daemon.
     */
    public static RoutedDaemon of(final String name, final DaemonEndpoint endpoint)
    {
        return new RoutedDaemon(name, endpoint, DetectorPartition.WHOLE_DETECTOR);
    }
}
