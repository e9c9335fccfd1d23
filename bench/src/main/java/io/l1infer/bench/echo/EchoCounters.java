package io.l1infer.bench.echo;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;

import java.util.Locale;

/**
 * The echo server's Aeron counters, added together, shown together in the end-of-run report and closed together.
 *
 * @param echoed              messages echoed.
 * @param ringFull            fragments left in the log because the ring was full.
 * @param backPressureRetries back-pressured or admin-action claims retried.
 * @param undeliverable       messages the result stream could not take at all.
 * @param oversize            fragments too large for a ring slot.
 * @param errors              errors of the agents' runners.
 */
record EchoCounters(
    Counter echoed, Counter ringFull, Counter backPressureRetries, Counter undeliverable, Counter oversize,
    Counter errors) implements AutoCloseable
{
    /** Aeron counter type ids of the echo server (application counters start at 1000; the daemon uses 10xx). */
    static final int TYPE_ECHOED = 1100;
    static final int TYPE_RING_FULL = 1101;
    static final int TYPE_BACK_PRESSURE_RETRIES = 1102;
    static final int TYPE_UNDELIVERABLE = 1103;
    static final int TYPE_OVERSIZE = 1104;
    static final int TYPE_ERRORS = 1105;

    /** Add every echo counter to {@code aeron}'s counters file. */
    static EchoCounters add(final Aeron aeron)
    {
        return new EchoCounters(
            aeron.addCounter(TYPE_ECHOED, "l1infer echo: messages echoed"),
            aeron.addCounter(TYPE_RING_FULL, "l1infer echo: ring full (fragment left in the log)"),
            aeron.addCounter(TYPE_BACK_PRESSURE_RETRIES, "l1infer echo: back pressure retries"),
            aeron.addCounter(TYPE_UNDELIVERABLE, "l1infer echo: undeliverable"),
            aeron.addCounter(TYPE_OVERSIZE, "l1infer echo: fragments too large to echo"),
            aeron.addCounter(TYPE_ERRORS, "l1infer echo: errors"));
    }

    /** Append one report line per counter but the errors (which the server reports with the first error). */
    void appendTo(final StringBuilder sb)
    {
        line(sb, "messages echoed", echoed);
        line(sb, "ring full", ringFull);
        line(sb, "back pressure retries", backPressureRetries);
        line(sb, "undeliverable", undeliverable);
        line(sb, "too large to echo", oversize);
    }

    private static void line(final StringBuilder sb, final String label, final Counter counter)
    {
        sb.append(String.format(Locale.ROOT, "  %-22s %d%n", label, counter.get()));
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(echoed, ringFull, backPressureRetries, undeliverable, oversize, errors);
    }
}
