package io.l1infer.daemon;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.l1infer.codec.RejectWriter;
import io.l1infer.codec.WireVersion;
import io.l1infer.codec.sbe.InferenceResultEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.ResultStatus;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.model.ModelOutput;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes results and rejects straight into the result publication's log buffer (tryClaim, no copy), retrying a
 * bounded number of times on BACK_PRESSURED and ADMIN_ACTION; a model whose output type is wider than int32 has its
 * outputs in the int64 group (schema version 3), every other result keeps version 2's bytes. Owned by the
 * accelerator-owner thread.
 */
final class ResultPublisher
{
    /** The message was committed to the log. */
    static final int PUBLISHED = 0;
    /** Still back-pressured after the retries: keep the event and try again on a later duty cycle. */
    static final int BACK_PRESSURED = 1;
    /** No subscriber, or the publication is unusable: counted, and the result is dropped. */
    static final int UNDELIVERABLE = 2;

    private final ExclusivePublication results;
    private final ExclusivePublication rejects;
    private final BufferClaim claim = new BufferClaim();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final InferenceResultEncoder resultEncoder = new InferenceResultEncoder();
    private final RejectWriter rejectWriter = new RejectWriter();
    private final ModelOutput output;
    private final int resultLength;
    private final boolean wideOutputs;
    private final int maxRetries;
    private final DaemonCounters counters;
    private final ErrorHandler errorHandler;
    private boolean reportedUnusable;

    ResultPublisher(
        final ExclusivePublication results,
        final ExclusivePublication rejects,
        final ModelOutput output,
        final int maxRetries,
        final DaemonCounters counters,
        final ErrorHandler errorHandler)
    {
        this.results = results;
        this.rejects = rejects;
        this.output = output;
        this.maxRetries = maxRetries;
        this.counters = counters;
        this.errorHandler = errorHandler;
        this.wideOutputs = ModelWireLimits.isWide(output.type());
        this.resultLength = ModelWireLimits.resultLength(output.size(), wideOutputs);
    }

    /**
     * Publish the result of request {@code event}, its outputs at {@code slot} of {@code buffers}, with the stage
     * times of its batch ({@code launchNs}, {@code completeNs}) and {@code nowNs}, when this claim started.
     */
    int publishResult(
        final RingEvent event,
        final BatchBuffers buffers,
        final int slot,
        final ResultStatus status,
        final int batchSize,
        final long launchNs,
        final long completeNs,
        final long nowNs)
    {
        final int outcome = claim(results, resultLength);
        if (outcome != PUBLISHED)
        {
            return outcome;
        }
        final MutableDirectBuffer buffer = claim.buffer();
        resultEncoder.wrapAndApplyHeader(buffer, claim.offset(), headerEncoder)
            .sourceId(event.sourceId)
            .eventId(event.eventId)
            .sendTimeNs(event.sendTimeNs)
            .status(status)
            .batchSize(batchSize)
            .daemonLatencyNs(nowNs - event.ingestNs)
            .ingestPollNs(event.firstPollNs)
            .ringClaimNs(event.ingestNs)
            .batchLaunchNs(launchNs)
            .batchCompleteNs(completeNs)
            .resultClaimNs(nowNs);
        if (wideOutputs)
        {
            resultEncoder.outputsCount(0);
            final InferenceResultEncoder.WideOutputsEncoder outputs = resultEncoder.wideOutputsCount(output.size());
            for (int o = 0; o < output.size(); o++)
            {
                final long raw = buffers.getOutputLong(slot, o);
                outputs.next().raw(raw).value(output.decode(raw));
            }
        }
        else
        {
            WireVersion.stampNarrow(headerEncoder);
            final InferenceResultEncoder.OutputsEncoder outputs = resultEncoder.outputsCount(output.size());
            for (int o = 0; o < output.size(); o++)
            {
                final int raw = buffers.getOutput(slot, o);
                outputs.next().raw(raw).value(output.decode(raw));
            }
        }
        claim.commit();
        return PUBLISHED;
    }

    /** Publish the reject held in {@code event}'s verdict. */
    int publishReject(final RingEvent event)
    {
        final int outcome = claim(rejects, RejectWriter.ENCODED_LENGTH);
        if (outcome != PUBLISHED)
        {
            return outcome;
        }
        rejectWriter.write(event.verdict, claim.buffer(), claim.offset());
        claim.commit();
        return PUBLISHED;
    }

    private int claim(final ExclusivePublication publication, final int length)
    {
        for (int attempt = 0; ; attempt++)
        {
            final long result = publication.tryClaim(length, claim);
            if (result > 0)
            {
                return PUBLISHED;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                counters.backPressureRetries.incrementRelease();
                if (attempt >= maxRetries)
                {
                    return BACK_PRESSURED;
                }
                Thread.onSpinWait();
                continue;
            }
            if (result != Publication.NOT_CONNECTED && !reportedUnusable)
            {
                reportedUnusable = true;
                errorHandler.onError(new IllegalStateException("result publication unusable: " +
                    Publication.errorString(result) + " (results are counted as undeliverable)"));
            }
            counters.undeliverable.incrementRelease();
            return UNDELIVERABLE;
        }
    }
}
