package io.l1infer.daemon;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.codec.WireVersion;
import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.codec.sbe.RejectDecoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two daemons share one ingest stream (a multi-destination publication to both over UDP on the loopback, as a
 * multicast group would deliver it), one configured for wheels -2..0 and one for wheels 1..2: every muon-segment
 * event is answered exactly once, by the daemon of its deciding primitive; feature vectors and malformed messages,
 * which neither can place, are answered by neither and counted as outside the partition by both.
 */
class SharedIngestPartitionTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 6060L);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eachEventIsAnsweredOnceByTheDaemonOfItsPartition() throws IOException
    {
        final int[] ports = freeUdpPorts(3);
        final String results = "aeron:udp?endpoint=127.0.0.1:" + ports[2];
        final String publisherDir = TestDaemons.uniqueAeronDir();
        L1inferDaemon minus = null;
        L1inferDaemon plus = null;
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            minus = L1inferDaemon.launch(TestDaemons.config(daemonSettings(ports[0], results, 2002, "-2..0")));
            plus = L1inferDaemon.launch(TestDaemons.config(daemonSettings(ports[1], results, 2012, "1..2")));
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context().aeronDirectoryName(publisherDir)
                .threadingMode(ThreadingMode.SHARED).dirDeleteOnStart(true).dirDeleteOnShutdown(true)
                .publicationTermBufferLength(4 << 20)
                .errorHandler(t -> System.err.println("publisher driver: " + t)));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(publisherDir)
                .errorHandler(t -> System.err.println("publisher: " + t)));
            final ExclusivePublication shared = aeron.addExclusivePublication("aeron:udp?control-mode=manual", 1001);
            shared.addDestination("aeron:udp?endpoint=127.0.0.1:" + ports[0]);
            shared.addDestination("aeron:udp?endpoint=127.0.0.1:" + ports[1]);
            final Subscription fromMinus = aeron.addSubscription(results, 2002);
            final Subscription fromPlus = aeron.addSubscription(results, 2012);
            DaemonTestClient.awaitTrue(() -> shared.isConnected() && fromMinus.isConnected() && fromPlus.isConnected(),
                20_000, "the shared stream and both result streams");
            // A multi-destination publication counts as connected once one destination is: send a probe that
            // each daemon answers, until both have.
            final Answers answers = new Answers();
            final Encoder encoder = new Encoder();
            final long probeMinus = -10;
            final long probePlus = -11;
            DaemonTestClient.awaitTrue(() ->
            {
                offer(shared, encoder.segments(probeMinus, wheelOnly(-1)));
                offer(shared, encoder.segments(probePlus, wheelOnly(2)));
                final long pause = System.nanoTime() + 10_000_000L;
                while (System.nanoTime() < pause)
                {
                    answers.poll(fromMinus, fromPlus);
                }
                return answers.byDaemon[0].containsKey(probeMinus) && answers.byDaemon[1].containsKey(probePlus);
            }, 20_000, "both daemons to answer a probe");
            final long settle = System.nanoTime() + 300_000_000L; // the last probes arrive and are counted
            while (System.nanoTime() < settle)
            {
                answers.poll(fromMinus, fromPlus);
            }
            final long probeAnswers = answers.total;
            final L1inferDaemon[] daemons = {minus, plus};
            final long[] receivedBefore = new long[2];
            final long[] ignoredBefore = new long[2];
            for (int d = 0; d < 2; d++)
            {
                receivedBefore[d] = counter(daemons[d], "messages received");
                ignoredBefore[d] = counter(daemons[d], "messages outside partition (ignored)");
            }

            final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
            final ToyEvent toy = new ToyEvent();
            final int events = 4000;
            final int[] expectedMessages = new int[2];
            int expectedRejects = 0;
            int unplaceable = 0;
            for (long id = 0; id < events; id++)
            {
                final int kind = (int)(id % 20);
                if (kind == 7)
                {
                    send(shared, encoder.features(id), answers, fromMinus, fromPlus);
                    unplaceable++;
                    continue;
                }
                if (kind == 13)
                {
                    send(shared, encoder.truncatedSegments(id), answers, fromMinus, fromPlus);
                    unplaceable++;
                    continue;
                }
                do
                {
                    simulation.next(toy);
                }
                while (toy.primitives().count() == 0);
                final MuonPrimitives p = toy.primitives();
                int deciding = -1;
                int usable = 0;
                for (int i = 0; i < p.count(); i++)
                {
                    if (p.bx(i) == 0 && p.quality(i) != MuonPrimitives.QUALITY_NULL)
                    {
                        deciding = deciding < 0 ? i : deciding;
                        usable++;
                    }
                }
                expectedMessages[p.wheel(Math.max(deciding, 0)) <= 0 ? 0 : 1]++;
                expectedRejects += usable < 2 ? 1 : 0;
                send(shared, encoder.segments(id, p), answers, fromMinus, fromPlus);
            }
            final int answerable = events - unplaceable;
            DaemonTestClient.awaitTrue(() -> answers.poll(fromMinus, fromPlus) >= 0 &&
                answers.total - probeAnswers >= answerable, 30_000, "an answer to every muon-segment event");
            final long deadline = System.nanoTime() + 500_000_000L; // anything extra would arrive now
            while (System.nanoTime() < deadline)
            {
                answers.poll(fromMinus, fromPlus);
            }

            assertEquals(answerable, answers.total - probeAnswers, "answers to the " + answerable + " segment events");
            assertEquals(0, answers.duplicates, "no event answered twice (seed " + SEED + ")");
            assertEquals(expectedRejects, answers.rejects, "TOO_FEW_PRIMITIVES rejects, each from one daemon");
            for (int d = 0; d < 2; d++)
            {
                final int other = 1 - d;
                final String where = "daemon " + (d == 0 ? "wheels -2..0" : "wheels 1..2") + " (seed " + SEED + ")";
                assertEquals(expectedMessages[d], answers.byDaemon[d].size() - 1, where + ": answers");
                assertEquals(expectedMessages[d], counter(daemons[d], "messages received") - receivedBefore[d], where);
                assertEquals(expectedMessages[other] + unplaceable,
                    counter(daemons[d], "messages outside partition (ignored)") - ignoredBefore[d],
                    where + ": ignored");
                for (final long id : answers.byDaemon[d].keySet())
                {
                    assertFalse(answers.byDaemon[other].containsKey(id), "event " + id + " answered by both");
                }
            }
            assertTrue(expectedMessages[0] > 500 && expectedMessages[1] > 500, "both partitions see events");
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, driver, plus, minus);
        }
    }

    private static Map<String, String> daemonSettings(final int ingestPort, final String results,
        final int resultStream, final String wheels)
    {
        final Map<String, String> s = new HashMap<>();
        s.put("l1infer.ingest.channel", "aeron:udp?endpoint=127.0.0.1:" + ingestPort);
        s.put("l1infer.result.channel", results);
        s.put("l1infer.result.stream", Integer.toString(resultStream));
        s.put("l1infer.reject.stream", Integer.toString(resultStream));
        s.put("l1infer.partition.wheels", wheels);
        s.put("l1infer.driver.term.length", "4m");
        s.put("l1infer.driver.threading", "invoker");
        // Several daemons share two cores here: idle threads park instead of yielding.
        s.put("l1infer.ingest.idle", "backoff");
        return s;
    }

    private static MuonPrimitives wheelOnly(final int wheel)
    {
        final MuonPrimitives p = new MuonPrimitives();
        p.add(1, wheel, 3, 10, 20, 6, 0, 0);
        p.add(2, wheel, 3, 12, 15, 6, 0, 0);
        return p;
    }

    private static long counter(final L1inferDaemon daemon, final String label)
    {
        try (Aeron reader = Aeron.connect(new Aeron.Context().aeronDirectoryName(daemon.aeronDirectory())
            .errorHandler(t -> System.err.println("counter reader: " + t))))
        {
            final CountersReader counters = reader.countersReader();
            final long[] value = {Long.MIN_VALUE};
            counters.forEach((id, type, key, text) ->
            {
                if (text.equals("l1infer: " + label))
                {
                    value[0] = counters.getCounterValue(id);
                }
            });
            assertTrue(value[0] != Long.MIN_VALUE, "no counter '" + label + "'");
            return value[0];
        }
    }

    private static void offer(final ExclusivePublication p, final int length)
    {
        p.offer(Encoder.BUFFER, 0, length);
    }

    private static void send(final ExclusivePublication p, final int length, final Answers answers,
        final Subscription a, final Subscription b)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        long result;
        while ((result = p.offer(Encoder.BUFFER, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || System.nanoTime() > deadline)
            {
                throw new AssertionError("shared publication: " + Publication.errorString(result));
            }
            answers.poll(a, b);
        }
    }

    private static int[] freeUdpPorts(final int count) throws IOException
    {
        final DatagramSocket[] sockets = new DatagramSocket[count];
        final int[] ports = new int[count];
        try
        {
            for (int i = 0; i < count; i++)
            {
                sockets[i] = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        }
        finally
        {
            for (final DatagramSocket s : sockets)
            {
                if (s != null)
                {
                    s.close();
                }
            }
        }
        return ports;
    }

    /** Encodes test requests into one shared buffer. */
    private static final class Encoder
    {
        static final UnsafeBuffer BUFFER = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final MuonSegmentsEncoder segments = new MuonSegmentsEncoder();
        private final FeatureVectorEncoder features = new FeatureVectorEncoder();

        int segments(final long id, final MuonPrimitives p)
        {
            segments.wrapAndApplyHeader(BUFFER, 0, header).sourceId(9).eventId(id).sendTimeNs(id).bx(100);
            p.encode(segments);
            return MessageHeaderEncoder.ENCODED_LENGTH + segments.encodedLength();
        }

        int truncatedSegments(final long id)
        {
            return segments(id, wheelOnly(0)) - 5;
        }

        int features(final long id)
        {
            features.wrapAndApplyHeader(BUFFER, 0, header).sourceId(9).eventId(id).sendTimeNs(id);
            WireVersion.stampNarrow(header);
            final FeatureVectorEncoder.InputsEncoder g = features.inputsCount(27);
            for (int i = 0; i < 27; i++)
            {
                g.next().raw(0);
            }
            return MessageHeaderEncoder.ENCODED_LENGTH + features.encodedLength();
        }
    }

    /** Answers by daemon (which result stream they came on), with duplicates and rejects counted. */
    private static final class Answers
    {
        @SuppressWarnings("unchecked")
        final Map<Long, Boolean>[] byDaemon = new Map[] {new HashMap<Long, Boolean>(), new HashMap<Long, Boolean>()};
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final InferenceResultDecoder result = new InferenceResultDecoder();
        final RejectDecoder reject = new RejectDecoder();
        long total;
        long duplicates;
        long rejects;
        private int current;
        private final FragmentHandler handler = (buffer, offset, length, h) ->
        {
            header.wrap(buffer, offset);
            final long id;
            if (header.templateId() == RejectDecoder.TEMPLATE_ID)
            {
                reject.wrapAndApplyHeader(buffer, offset, header);
                id = reject.eventId();
                if (reject.reason() == RejectReason.TOO_FEW_PRIMITIVES)
                {
                    rejects++;
                }
            }
            else
            {
                id = result.wrapAndApplyHeader(buffer, offset, header).eventId();
            }
            if (id < 0)
            {
                // Probes are re-sent until answered: only the first answer counts.
                if (byDaemon[current].putIfAbsent(id, Boolean.TRUE) == null)
                {
                    total++;
                }
                return;
            }
            total++;
            final boolean seen = byDaemon[0].containsKey(id) || byDaemon[1].containsKey(id);
            duplicates += seen ? 1 : 0;
            byDaemon[current].put(id, Boolean.TRUE);
        };

        int poll(final Subscription minus, final Subscription plus)
        {
            current = 0;
            int n = minus.poll(handler, 256);
            current = 1;
            n += plus.poll(handler, 256);
            return n;
        }
    }
}
