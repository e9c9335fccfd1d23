package io.l1infer.client;

import java.util.Objects;

/**
 * Where one daemon listens and answers: the Aeron directory of its media driver and the channels and stream ids of
 * its ingest, result and reject streams (the daemon's {@code l1infer.aeron.dir}, {@code l1infer.ingest.*},
 * {@code l1infer.result.*} and {@code l1infer.reject.stream} settings).
 *
 * @param aeronDir      Aeron directory of the media driver the daemon uses.
 * @param ingestChannel channel requests are published on, such as {@code aeron:ipc}.
 * @param ingestStream  stream id of requests.
 * @param resultChannel channel results and rejects come back on.
 * @param resultStream  stream id of results.
 * @param rejectStream  stream id of rejects on the result channel; usually equal to {@code resultStream}.
 */
public record DaemonEndpoint(
    String aeronDir,
    String ingestChannel,
    int ingestStream,
    String resultChannel,
    int resultStream,
    int rejectStream)
{
    /** Checks that every field is present. */
    public DaemonEndpoint
    {
        Objects.requireNonNull(aeronDir, "aeronDir");
        Objects.requireNonNull(ingestChannel, "ingestChannel");
        Objects.requireNonNull(resultChannel, "resultChannel");
    }

    /**
     * Whether rejects arrive on their own stream, needing a second subscription.
     *
     * @return true when the reject stream differs from the result stream.
     */
    public boolean separateRejectStream()
    {
        return rejectStream != resultStream;
    }

    @Override
    public String toString()
    {
        return "ingest " + ingestChannel + " stream " + ingestStream + ", results " + resultChannel + " stream " +
            resultStream + (separateRejectStream() ? ", rejects stream " + rejectStream : "") + ", aeron dir " +
            aeronDir;
    }
}
