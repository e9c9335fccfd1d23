package io.l1infer.client;

/** How a {@link RoutingClient} picks the daemon for a request among those currently available. */
public enum RoutingPolicy
{
    /**
     * By detector partition: a MuonSegments request goes to the available daemon, among those whose
     * {@link DetectorPartition} contains its deciding primitive ({@link PrimitiveList#partitionPrimitive()}), with
     * the fewest requests in flight. When no such daemon is available the request goes to the least loaded
     * available daemon of any partition if {@link RoutingOptions#partitionFallback(boolean)} allows, else it is refused
     * with {@link SendOutcome#NOT_CONNECTED}. FeatureVector requests carry no detector coordinates and go by
     * {@link #LEAST_IN_FLIGHT}.
     */
    PARTITION,
    /** Each request to the next available daemon in turn. */
    ROUND_ROBIN,
    /** Each request to the available daemon with the fewest requests in flight (ties taken in turn). */
    LEAST_IN_FLIGHT
}
