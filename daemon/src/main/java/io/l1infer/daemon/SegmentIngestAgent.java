package io.l1infer.daemon;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.Objects;

/**
 * Polls the ingest subscription and turns each message into one ring event (a request with its raw inputs, or a
 * reject). When the ring is full it returns ABORT, leaving the fragment in the Aeron log: back pressure reaches
 * the publishers and nothing is lost. Messages outside this daemon's detector partition (a stream shared with
 * other daemons) are skipped before they take a slot. A message longer than one frame (a long feature vector)
 * reaches it reassembled by Aeron's assembler, whose buffer per publisher is sized for the wire's longest request
 * up front (an ABORT keeps the message for the next poll). In the driver's invoker mode it also runs the embedded
 * driver's and the Aeron client's duty cycles.
 */
final class SegmentIngestAgent implements Agent, ControlledFragmentHandler
{
    private final Subscription subscription;
    private final RingBuffer<RingEvent> ring;
    private final RequestTranslator translator;
    private final PartitionFilter partitionFilter;
    private final DaemonCounters counters;
    private final AeronConnection connection;
    private final ErrorHandler errorHandler;
    private final NanoClock clock;
    private final int fragmentLimit;
    private final ControlledFragmentAssembler assembler;
    private volatile boolean intakeStopped;
    /** Log position of the fragment last left in the log for a full ring, and when a poll first saw it. */
    private long abortedPosition = Long.MIN_VALUE;
    private long abortedFirstPollNs;

    SegmentIngestAgent(final Context ctx)
    {
        ctx.conclude();
        this.subscription = ctx.subscription;
        this.ring = ctx.ring;
        this.translator = ctx.translator;
        this.partitionFilter = ctx.partitionFilter;
        this.counters = ctx.counters;
        this.connection = ctx.connection;
        this.errorHandler = ctx.errorHandler;
        this.clock = ctx.clock;
        this.fragmentLimit = ctx.fragmentLimit;
        this.assembler = new ControlledFragmentAssembler(this, ctx.maxRequestLength, false);
    }

    @Override
    public String roleName()
    {
        return "l1infer-ingest";
    }

    /** Stop taking messages (shutdown); the driver duty cycle, if any, keeps running. */
    void stopIntake()
    {
        intakeStopped = true;
    }

    @Override
    public int doWork()
    {
        int work = connection.invokeDutyCycles();
        if (!intakeStopped)
        {
            work += subscription.controlledPoll(assembler, fragmentLimit);
        }
        return work;
    }

    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        RuntimeException defect = null;
        MuonPrimitives segments = null;
        try
        {
            segments = translator.read(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            defect = ex;
        }
        if (defect == null && !partitionFilter.accepts(segments))
        {
            // Another daemon on the shared stream answers it: neither a request nor a reject here.
            counters.outsidePartition.incrementRelease();
            return Action.CONTINUE;
        }
        final long nowNs = clock.nanoTime();
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException full)
        {
            counters.ringFull.incrementRelease();
            if (abortedPosition != header.position())
            {
                abortedPosition = header.position();
                abortedFirstPollNs = nowNs;
            }
            return Action.ABORT;
        }
        final RingEvent event = ring.get(sequence);
        event.ingestNs = nowNs;
        event.firstPollNs = abortedPosition == header.position() ? abortedFirstPollNs : nowNs;
        if (defect == null)
        {
            try
            {
                translator.writeTo(event);
            }
            catch (final RuntimeException ex)
            {
                defect = ex;
            }
        }
        else
        {
            event.verdict.copyFrom(translator.verdict());
        }
        if (defect != null)
        {
            // A defect, not bad input (the validator vouched for the bytes): answer the sender, log the cause.
            event.kind = RingEvent.KIND_REJECT;
            event.verdict.reject(RejectReason.INTERNAL_ERROR, MessageField.NONE, ValidationVerdict.NO_INDEX, 0);
            errorHandler.onError(defect);
        }
        // Published whatever happened: a claimed sequence must never be left unpublished.
        ring.publish(sequence);
        counters.messagesReceived.incrementRelease();
        if (event.kind == RingEvent.KIND_REQUEST)
        {
            counters.eventsAccepted.incrementRelease();
        }
        return Action.CONTINUE;
    }

    /** What the ingest agent is built from, set by name (Aeron's context style) and checked once by the agent. */
    static final class Context extends RingAgentContext<Context>
    {
        private Subscription subscription;
        private RequestTranslator translator;
        private PartitionFilter partitionFilter;
        private AeronConnection connection;
        private int fragmentLimit;
        private int maxRequestLength;

        /** The ingest stream. */
        Context subscription(final Subscription subscription)
        {
            this.subscription = subscription;
            return this;
        }

        /** Validates and translates each message, once. */
        Context translator(final RequestTranslator translator)
        {
            this.translator = translator;
            return this;
        }

        /** Which messages are this daemon's on a shared stream. */
        Context partitionFilter(final PartitionFilter partitionFilter)
        {
            this.partitionFilter = partitionFilter;
            return this;
        }

        /** Whose driver and client duty cycles this agent runs in invoker mode. */
        Context connection(final AeronConnection connection)
        {
            this.connection = connection;
            return this;
        }

        /** Most fragments per poll ({@code l1infer.ingest.fragment.limit}). */
        Context fragmentLimit(final int fragmentLimit)
        {
            this.fragmentLimit = fragmentLimit;
            return this;
        }

        /** The longest request the wire carries, the reassembly buffer's size per publisher. */
        Context maxRequestLength(final int maxRequestLength)
        {
            this.maxRequestLength = maxRequestLength;
            return this;
        }

        @Override
        void conclude()
        {
            super.conclude();
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(translator, "translator");
            Objects.requireNonNull(partitionFilter, "partitionFilter");
            Objects.requireNonNull(connection, "connection");
            if (fragmentLimit < 1 || maxRequestLength < 1)
            {
                throw new IllegalArgumentException("fragmentLimit and maxRequestLength must be >= 1: " +
                    fragmentLimit + ", " + maxRequestLength);
            }
        }
    }
}
