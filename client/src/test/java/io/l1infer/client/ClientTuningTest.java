package io.l1infer.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options of both clients: their defaults, and that conclude names each value out of range. */
class ClientTuningTest
{
    @Test
    void defaultsDifferOnlyInTheInFlightLimit()
    {
        final ClientOptions client = new ClientOptions();
        final RoutingOptions routing = new RoutingOptions(RoutingPolicy.PARTITION);
        assertEquals(1 << 17, client.maxInFlight());
        assertEquals(1 << 15, routing.maxInFlight());
        for (final ClientTuning<?> options : new ClientTuning<?>[] {client, routing})
        {
            assertEquals(10_000_000_000L, options.requestTimeoutNs());
            assertEquals(256, options.fragmentLimit());
            assertEquals(64, options.timeoutScanSlots());
            assertEquals(10_000_000_000L, options.driverTimeoutNs());
            assertSame(options, options.conclude());
        }
        assertEquals(RoutingPolicy.PARTITION, routing.policy());
        assertEquals(500_000_000L, routing.resendTimeoutNs());
        assertEquals(2_000_000_000L, routing.suspendNs());
        assertTrue(routing.partitionFallback());
    }

    @Test
    void concludeNamesTheValueOutOfRange()
    {
        rejects("maxInFlight must be in 1..2^28, got 0", () -> new ClientOptions().maxInFlight(0).conclude());
        rejects("maxInFlight must be in 1..2^28, got 268435457",
            () -> new RoutingOptions(RoutingPolicy.ROUND_ROBIN).maxInFlight((1 << 28) + 1).conclude());
        rejects("requestTimeoutNs must be > 0, got 0", () -> new ClientOptions().requestTimeoutNs(0).conclude());
        rejects("fragmentLimit must be >= 1, got 0", () -> new ClientOptions().fragmentLimit(0).conclude());
        rejects("timeoutScanSlots must be >= 1, got 0", () -> new ClientOptions().timeoutScanSlots(0).conclude());
        rejects("driverTimeoutNs must be >= 1 ms, got 999999",
            () -> new ClientOptions().driverTimeoutNs(999_999L).conclude());
        rejects("resendTimeoutNs must be > 0 and below the request timeout (10000000000 ns), got 10000000000",
            () -> new RoutingOptions(RoutingPolicy.PARTITION).resendTimeoutNs(10_000_000_000L).conclude());
        rejects("resendTimeoutNs must be > 0 and below the request timeout (10000000000 ns), got 0",
            () -> new RoutingOptions(RoutingPolicy.PARTITION).resendTimeoutNs(0).conclude());
        rejects("suspendNs must be > 0, got 0", () -> new RoutingOptions(RoutingPolicy.PARTITION).suspendNs(0)
            .conclude());
        assertEquals("policy", assertThrows(NullPointerException.class, () -> new RoutingOptions(null)).getMessage());
    }

    @Test
    void valuesAreCheckedTogetherWhateverTheOrderTheyWereSetIn()
    {
        // A re-send timeout above the default request timeout is fine once the request timeout is raised too.
        final RoutingOptions options = new RoutingOptions(RoutingPolicy.LEAST_IN_FLIGHT)
            .resendTimeoutNs(20_000_000_000L).requestTimeoutNs(60_000_000_000L).conclude();
        assertEquals(20_000_000_000L, options.resendTimeoutNs());
        rejects("resendTimeoutNs must be > 0 and below the request timeout (100000000 ns), got 500000000",
            () -> new RoutingOptions(RoutingPolicy.LEAST_IN_FLIGHT).requestTimeoutNs(100_000_000L).conclude());
    }

    private static void rejects(final String message, final Executable conclude)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, conclude).getMessage());
    }
}
