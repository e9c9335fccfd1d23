package io.l1infer.client;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.model.ModelBundle;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Several daemons on this machine, each with its own embedded media driver, reached over UDP on the loopback
 * through a separate client-side media driver, as a routing client on a publisher host reaches daemons on other
 * hosts. Each daemon answers on the client's result endpoint, on a shared result stream or a stream of its own.
 */
final class UdpDaemonSet implements AutoCloseable
{
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String TERM_LENGTH = "4m";

    final MediaDriver clientDriver;
    final Aeron aeron;
    final List<L1inferDaemon> daemons = new ArrayList<>();
    final List<RoutedDaemon> routes = new ArrayList<>();

    /**
     * @param partitions           one per daemon.
     * @param ownResultStreams     each daemon answers on its own result stream (so the client sees each daemon's
     *                             image separately) instead of one shared stream.
     * @param acceleratorFactories per daemon, null for the configured emulator.
     */
    UdpDaemonSet(final List<DetectorPartition> partitions, final boolean ownResultStreams,
        final List<Function<ModelBundle, Accelerator>> acceleratorFactories)
    {
        final String dir = "/dev/shm/l1infer-client-udp-" + ProcessHandle.current().pid() + "-" +
            SEQUENCE.incrementAndGet();
        clientDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .publicationTermBufferLength(4 << 20)
            .errorHandler(t -> System.err.println("client driver: " + t)));
        final int[] ports = freeUdpPorts(partitions.size() + 1);
        final String resultChannel = "aeron:udp?endpoint=127.0.0.1:" + ports[partitions.size()];
        try
        {
            for (int d = 0; d < partitions.size(); d++)
            {
                final int resultStream = ownResultStreams ? 2002 + 10 * d : 2002;
                final String ingest = "aeron:udp?endpoint=127.0.0.1:" + ports[d];
                final Map<String, String> settings = new HashMap<>();
                settings.put("l1infer.ingest.channel", ingest);
                settings.put("l1infer.result.channel", resultChannel);
                settings.put("l1infer.result.stream", Integer.toString(resultStream));
                settings.put("l1infer.reject.stream", Integer.toString(resultStream));
                settings.put("l1infer.driver.term.length", TERM_LENGTH);
                settings.put("l1infer.driver.threading", "invoker");
                // Several daemons share two cores here: idle threads park instead of yielding.
                settings.put("l1infer.ingest.idle", "backoff");
                final Function<ModelBundle, Accelerator> factory = acceleratorFactories.get(d);
                final L1inferDaemon daemon = factory == null ? ClientTestDaemons.launch(settings) :
                    ClientTestDaemons.launch(settings, factory);
                daemons.add(daemon);
                routes.add(new RoutedDaemon("d" + d, new DaemonEndpoint(dir, ingest, 1001, resultChannel,
                    resultStream, resultStream), partitions.get(d)));
            }
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir)
                .errorHandler(t -> System.err.println("routing test client: " + t)));
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /** The value of the daemon's counter with this label (after the "l1infer: " prefix). */
    long counter(final int daemon, final String label)
    {
        try (Aeron reader = Aeron.connect(new Aeron.Context().aeronDirectoryName(daemons.get(daemon).aeronDirectory())
            .errorHandler(t -> System.err.println("counter reader: " + t))))
        {
            final CountersReader counters = reader.countersReader();
            final long[] value = {Long.MIN_VALUE};
            counters.forEach((counterId, typeId, keyBuffer, text) ->
            {
                if (text.equals("l1infer: " + label))
                {
                    value[0] = counters.getCounterValue(counterId);
                }
            });
            if (value[0] == Long.MIN_VALUE)
            {
                throw new IllegalStateException("no counter '" + label + "' in daemon " + daemon);
            }
            return value[0];
        }
    }

    private static int[] freeUdpPorts(final int count)
    {
        final int[] ports = new int[count];
        final List<DatagramSocket> held = new ArrayList<>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on the loopback", ex);
        }
        finally
        {
            held.forEach(DatagramSocket::close);
        }
        return ports;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron);
        CloseHelper.closeAll(daemons);
        CloseHelper.closeAll(clientDriver);
    }
}
