package io.l1infer.daemon;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
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
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.l1infer.config.DaemonSettings.INGEST_CHANNEL;
import static io.l1infer.config.DaemonSettings.INGEST_STREAM;
import static io.l1infer.config.DaemonSettings.RESULT_CHANNEL;
import static io.l1infer.config.DaemonSettings.RESULT_STREAM;

/** A test-side publisher and result collector speaking the wire format to a daemon over Aeron. */
public final class DaemonTestClient implements AutoCloseable
{
    /**
     * One answer as received: a result's raw outputs in {@code raw} (int32 group) or {@code wideRaw} (int64 group),
     * {@code values} from whichever carried them; {@code version} and {@code length} as on the wire.
     */
    public record Answer(boolean reject, int[] raw, double[] values, int status, int batchSize, long daemonNs,
                  RejectReason reason, int field, int index, long value, long[] wideRaw, int version, int length)
    {
    }

    private final Aeron aeron;
    private final Publication publication;
    private final Subscription subscription;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(16384));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final FeatureVectorEncoder featureEncoder = new FeatureVectorEncoder();
    private final MuonSegmentsEncoder segmentsEncoder = new MuonSegmentsEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final InferenceResultDecoder resultDecoder = new InferenceResultDecoder();
    private final RejectDecoder rejectDecoder = new RejectDecoder();
    public final Map<Long, Answer> answers = new HashMap<>();
    /** Rejects of messages whose event id could not be read. */
    public final java.util.List<Answer> anonymousRejects = new java.util.ArrayList<>();
    public int duplicates;
    /** System.nanoTime() when the first FALLBACK result arrived; 0 until then. */
    public long firstFallbackArrivalNs;
    /** The daemon's stage times of the first FALLBACK answer (System.nanoTime() of the daemon's host). */
    public long firstFallbackBatchLaunchNs;
    public long firstFallbackBatchCompleteNs;
    public long firstFallbackResultClaimNs;
    /** From the daemon's claim of each result to its arrival here: what the host's scheduling adds to any answer. */
    public final org.HdrHistogram.Histogram arrivalLagNs = new org.HdrHistogram.Histogram(3);
    public long backPressured;
    private final FragmentHandler handler = this::onFragment;

    public DaemonTestClient(final String aeronDir, final DaemonTestClientChannels channels)
    {
        // Aeron's default error handler exits the JVM when the driver goes away (a daemon with an embedded
        // driver stopping): report instead.
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
            .errorHandler(t -> System.err.println("test client: " + t)));
        publication = aeron.addPublication(channels.ingestChannel(), channels.ingestStream());
        subscription = aeron.addSubscription(channels.resultChannel(), channels.resultStream());
        awaitTrue(() -> publication.isConnected() && subscription.isConnected(), 10_000, "connect to the daemon");
    }

    /** Channel settings of a daemon. */
    public record DaemonTestClientChannels(String ingestChannel, int ingestStream, String resultChannel,
        int resultStream)
    {
        public static DaemonTestClientChannels of(final L1inferDaemon daemon)
        {
            return new DaemonTestClientChannels(daemon.config().get(INGEST_CHANNEL), daemon.config().get(INGEST_STREAM),
                daemon.config().get(RESULT_CHANNEL), daemon.config().get(RESULT_STREAM));
        }
    }

    public int encodeFeatures(final long eventId, final int[] raw)
    {
        featureEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sourceId(7).eventId(eventId)
            .sendTimeNs(System.nanoTime());
        WireVersion.stampNarrow(headerEncoder);
        final FeatureVectorEncoder.InputsEncoder inputs = featureEncoder.inputsCount(raw.length);
        for (final int r : raw)
        {
            inputs.next().raw(r);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + featureEncoder.encodedLength();
    }

    /** A version-3 FeatureVector: {@code narrow} int32 inputs (normally none), then {@code wide} as int64 ones. */
    public int encodeWideFeatures(final long eventId, final int[] narrow, final long[] wide)
    {
        featureEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sourceId(7).eventId(eventId)
            .sendTimeNs(System.nanoTime());
        final FeatureVectorEncoder.InputsEncoder inputs = featureEncoder.inputsCount(narrow.length);
        for (final int r : narrow)
        {
            inputs.next().raw(r);
        }
        final FeatureVectorEncoder.WideInputsEncoder wideInputs = featureEncoder.wideInputsCount(wide.length);
        for (final long r : wide)
        {
            wideInputs.next().raw(r);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + featureEncoder.encodedLength();
    }

    public int encodeSegments(final long eventId, final MuonPrimitives p)
    {
        segmentsEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sourceId(7).eventId(eventId)
            .sendTimeNs(System.nanoTime()).bx(100);
        p.encode(segmentsEncoder);
        return MessageHeaderEncoder.ENCODED_LENGTH + segmentsEncoder.encodedLength();
    }

    /** Longest message the ingest publication sends in one frame; longer ones are fragmented by offer. */
    public int maxPayloadLength()
    {
        return publication.maxPayloadLength();
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** Send events 0 to {@code events - 1} as feature vectors {@code inputs[e]}, polling answers after each. */
    public void sendFeatures(final int[][] inputs, final int events)
    {
        for (int e = 0; e < events; e++)
        {
            send(encodeFeatures(e, inputs[e]));
            poll();
        }
    }

    /** Offer {@code length} bytes of the buffer, polling answers while back-pressured. */
    public void send(final int length)
    {
        send(buffer, length);
    }

    public void send(final DirectBuffer bytes, final int length)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (true)
        {
            final long result = publication.offer(bytes, 0, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("publication " + Publication.errorString(result));
            }
            backPressured++;
            poll();
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("could not send for 30 s: " + Publication.errorString(result));
            }
        }
    }

    /** One offer of {@code length} bytes: the Aeron result (position, or NOT_CONNECTED, BACK_PRESSURED...). */
    public long offer(final int length)
    {
        return publication.offer(buffer, 0, length);
    }

    public int poll()
    {
        return subscription.poll(handler, 256);
    }

    public void awaitAnswers(final int count, final long timeoutMs)
    {
        awaitTrue(() ->
        {
            poll();
            return answers.size() + duplicates + anonymousRejects.size() >= count;
        }, timeoutMs, "answers: have " + (answers.size() + anonymousRejects.size()) + " of " + count);
    }

    /**
     * Where the time from a device hang at {@code hungAtNs} to the first FALLBACK answer went: until the owner
     * launched the fallback batch, that batch on the CPU engine, until the result was claimed, until it arrived here.
     */
    public String fallbackBreakdown(final long hungAtNs)
    {
        return String.format(java.util.Locale.ROOT, "to fallback launch %.3f ms, CPU batch %.3f ms, to result " +
            "claim %.3f ms, to arrival %.3f ms (any answer's claim to arrival: p50 %.3f ms, p99 %.3f ms)",
            (firstFallbackBatchLaunchNs - hungAtNs) / 1e6,
            (firstFallbackBatchCompleteNs - firstFallbackBatchLaunchNs) / 1e6,
            (firstFallbackResultClaimNs - firstFallbackBatchCompleteNs) / 1e6,
            (firstFallbackArrivalNs - firstFallbackResultClaimNs) / 1e6,
            arrivalLagNs.getValueAtPercentile(50) / 1e6, arrivalLagNs.getValueAtPercentile(99) / 1e6);
    }

    public static void awaitTrue(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    private void onFragment(final DirectBuffer b, final int offset, final int length, final io.aeron.logbuffer.Header h)
    {
        headerDecoder.wrap(b, offset);
        final Answer answer;
        final long eventId;
        if (headerDecoder.templateId() == InferenceResultDecoder.TEMPLATE_ID)
        {
            resultDecoder.wrapAndApplyHeader(b, offset, headerDecoder);
            eventId = resultDecoder.eventId();
            final int status = resultDecoder.statusRaw();
            final int batch = resultDecoder.batchSize();
            final long daemonNs = resultDecoder.daemonLatencyNs();
            final InferenceResultDecoder.OutputsDecoder outputs = resultDecoder.outputs();
            final int[] raw = new int[outputs.count()];
            double[] values = new double[outputs.count()];
            int i = 0;
            while (outputs.hasNext())
            {
                outputs.next();
                raw[i] = outputs.raw();
                values[i++] = outputs.value();
            }
            final InferenceResultDecoder.WideOutputsDecoder wideOutputs = resultDecoder.wideOutputs();
            final long[] wideRaw = new long[wideOutputs.count()];
            if (wideRaw.length > 0)
            {
                values = new double[wideRaw.length];
                i = 0;
                while (wideOutputs.hasNext())
                {
                    wideOutputs.next();
                    wideRaw[i] = wideOutputs.raw();
                    values[i++] = wideOutputs.value();
                }
            }
            answer = new Answer(false, raw, values, status, batch, daemonNs, null, 0, 0, 0, wideRaw,
                headerDecoder.version(), resultDecoder.limit() - offset);
            arrivalLagNs.recordValue(Math.max(0, System.nanoTime() - resultDecoder.resultClaimNs()));
            if (firstFallbackArrivalNs == 0 && status == io.l1infer.codec.sbe.ResultStatus.FALLBACK.value())
            {
                firstFallbackArrivalNs = System.nanoTime();
                firstFallbackBatchLaunchNs = resultDecoder.batchLaunchNs();
                firstFallbackBatchCompleteNs = resultDecoder.batchCompleteNs();
                firstFallbackResultClaimNs = resultDecoder.resultClaimNs();
            }
        }
        else if (headerDecoder.templateId() == RejectDecoder.TEMPLATE_ID)
        {
            rejectDecoder.wrapAndApplyHeader(b, offset, headerDecoder);
            eventId = rejectDecoder.eventId();
            answer = new Answer(true, null, null, 0, 0, 0, rejectDecoder.reason(), rejectDecoder.fieldRaw(),
                rejectDecoder.index(), rejectDecoder.value(), null, headerDecoder.version(), length);
        }
        else
        {
            throw new AssertionError("unexpected template " + headerDecoder.templateId());
        }
        if (answer.reject() && eventId == RejectDecoder.eventIdNullValue())
        {
            anonymousRejects.add(answer);
        }
        else if (answers.put(eventId, answer) != null)
        {
            duplicates++;
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publication, subscription, aeron);
    }
}
