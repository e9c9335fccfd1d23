package io.l1infer.systemtest;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.exceptions.DriverTimeoutException;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the counters of a media driver (its system counters such as "NAKs sent", and the l1infer daemon's
 * counters when the daemon uses that driver) by label, through a short-lived Aeron client on its directory; works
 * from any network namespace, since an Aeron client only maps the driver's files.
 */
final class AeronCounters
{
    private AeronCounters()
    {
    }

    /** Wait until a media driver is active in the directory. */
    static boolean awaitDriver(final String aeronDir, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            try
            {
                if (CommonContext.isDriverActive(new File(aeronDir), 1000, s -> { }))
                {
                    return true;
                }
            }
            catch (final DriverTimeoutException ex)
            {
                // The driver is still writing its CnC file.
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Every counter's value by label; when labels repeat, the values are summed. */
    static Map<String, Long> read(final String aeronDir)
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
            .errorHandler(t -> System.err.println("counter reader at " + aeronDir + ": " + t))))
        {
            final CountersReader counters = aeron.countersReader();
            final Map<String, Long> values = new HashMap<>();
            counters.forEach((id, type, key, label) -> values.merge(label, counters.getCounterValue(id), Long::sum));
            return values;
        }
    }

    /** The type id of every counter by label. */
    static Map<String, Integer> typeIds(final String aeronDir)
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
            .errorHandler(t -> System.err.println("counter reader at " + aeronDir + ": " + t))))
        {
            final Map<String, Integer> types = new HashMap<>();
            aeron.countersReader().forEach((id, type, key, label) -> types.put(label, type));
            return types;
        }
    }

    /** One counter by exact label; fails naming the label and directory when absent. */
    static long value(final String aeronDir, final String label)
    {
        final Long v = read(aeronDir).get(label);
        if (v == null)
        {
            throw new AssertionError("no counter '" + label + "' in " + aeronDir);
        }
        return v;
    }
}
