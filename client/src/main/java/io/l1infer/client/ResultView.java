package io.l1infer.client;

import io.l1infer.codec.ModelIoLimits;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.ResultStatus;
import org.agrona.DirectBuffer;

/**
 * A flyweight over one received InferenceResult, reused for every result: valid only during the
 * {@link ResultListener#onResult} call it is passed to; copy what must be kept.
 */
public final class ResultView
{
    /** What the stage times read as in a result encoded before schema version 2 (the SBE null value). */
    public static final long STAGE_TIME_ABSENT = InferenceResultDecoder.ingestPollNsNullValue();

    private final InferenceResultDecoder decoder = new InferenceResultDecoder();
    private final long[] raw = new long[ModelIoLimits.OUTPUT_COUNT_MAX];
    private final double[] values = new double[ModelIoLimits.OUTPUT_COUNT_MAX];
    private int outputCount;
    private boolean wide;
    private long receiveTimeNs;

    /** Read an already validated result; the outputs are copied so they can be read in any order. */
    void wrap(final DirectBuffer buffer, final int offset, final MessageHeaderDecoder header, final long nowNs)
    {
        decoder.wrapAndApplyHeader(buffer, offset, header);
        receiveTimeNs = nowNs;
        final InferenceResultDecoder.OutputsDecoder outputs = decoder.outputs();
        int i = 0;
        while (outputs.hasNext())
        {
            outputs.next();
            raw[i] = outputs.raw();
            values[i] = outputs.value();
            i++;
        }
        // Since version 3 the outputs may come in the int64 group instead (the validator allows exactly one).
        final InferenceResultDecoder.WideOutputsDecoder wideOutputs = decoder.wideOutputs();
        wide = wideOutputs.count() != 0;
        while (wideOutputs.hasNext())
        {
            wideOutputs.next();
            raw[i] = wideOutputs.raw();
            values[i] = wideOutputs.value();
            i++;
        }
        outputCount = i;
    }

    /** The request's source id. */
    public long sourceId()
    {
        return decoder.sourceId();
    }

    /** The request's event id. */
    public long eventId()
    {
        return decoder.eventId();
    }

    /** The send time the request carried, echoed by the daemon (the publisher's intended send time). */
    public long sendTimeNs()
    {
        return decoder.sendTimeNs();
    }

    /** System.nanoTime() when this client took the result from its subscription. */
    public long receiveTimeNs()
    {
        return receiveTimeNs;
    }

    /** OK, or FALLBACK when the CPU engine answered after an accelerator failure. */
    public ResultStatus status()
    {
        return decoder.status();
    }

    /** How many events the daemon computed in the same accelerator batch. */
    public int batchSize()
    {
        return decoder.batchSize();
    }

    /** The daemon's own time from ingest to publish. */
    public long daemonLatencyNs()
    {
        return decoder.daemonLatencyNs();
    }

    /**
     * Daemon clock (System.nanoTime) when its ingest poll first saw the request; with the four stage times below
     * it splits the answer's latency on one host. {@link #STAGE_TIME_ABSENT} from a daemon of schema version 1.
     */
    public long ingestPollNs()
    {
        return decoder.ingestPollNs();
    }

    /** Daemon clock when the request got its ring slot, or {@link #STAGE_TIME_ABSENT}. */
    public long ringClaimNs()
    {
        return decoder.ringClaimNs();
    }

    /** Daemon clock when the event's batch was launched on the engine, or {@link #STAGE_TIME_ABSENT}. */
    public long batchLaunchNs()
    {
        return decoder.batchLaunchNs();
    }

    /** Daemon clock when that batch's completion was seen, or {@link #STAGE_TIME_ABSENT}. */
    public long batchCompleteNs()
    {
        return decoder.batchCompleteNs();
    }

    /** Daemon clock when it started to claim this result's space in the result log, or {@link #STAGE_TIME_ABSENT}. */
    public long resultClaimNs()
    {
        return decoder.resultClaimNs();
    }

    /** The number of model outputs. */
    public int outputCount()
    {
        return outputCount;
    }

    /**
     * Raw fixed-point value of output {@code i} (below {@link #outputCount()}) of an output type of at most 32 bits;
     * {@link #outputRawLong} reads any width.
     *
     * @throws ArithmeticException when the value does not fit an int (a wider output type).
     */
    public int outputRaw(final int i)
    {
        checkIndex(i);
        return Math.toIntExact(raw[i]);
    }

    /**
     * Raw fixed-point value of output {@code i} (below {@link #outputCount()}) of any width; an unsigned 64-bit
     * value as its 64 bits.
     */
    public long outputRawLong(final int i)
    {
        checkIndex(i);
        return raw[i];
    }

    /** True when the outputs came as int64 values (schema version 3): the model's output type exceeds int32. */
    public boolean hasWideOutputs()
    {
        return wide;
    }

    /** Decoded value of output {@code i} (below {@link #outputCount()}); for the muon model pT in GeV/c. */
    public double outputValue(final int i)
    {
        checkIndex(i);
        return values[i];
    }

    private void checkIndex(final int i)
    {
        if (i < 0 || i >= outputCount)
        {
            throw new IndexOutOfBoundsException("output " + i + " of a result with " + outputCount + " outputs");
        }
    }
}
