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
    private final InferenceResultDecoder decoder = new InferenceResultDecoder();
    private final int[] raw = new int[ModelIoLimits.OUTPUT_COUNT_MAX];
    private final double[] values = new double[ModelIoLimits.OUTPUT_COUNT_MAX];
    private int outputCount;
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

    /** The number of model outputs. */
    public int outputCount()
    {
        return outputCount;
    }

    /** Raw fixed-point value of output {@code i} (below {@link #outputCount()}). */
    public int outputRaw(final int i)
    {
        checkIndex(i);
        return raw[i];
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
