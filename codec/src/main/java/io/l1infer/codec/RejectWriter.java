package io.l1infer.codec;

import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.RejectEncoder;
import io.l1infer.codec.sbe.RejectReason;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes a {@code Reject} message (header included) from a rejecting {@link ValidationVerdict}, without
 * allocating; e.g. straight into an Aeron {@code BufferClaim} of {@link #ENCODED_LENGTH} bytes.
 * Reusable, not thread-safe: one instance per thread.
 */
public final class RejectWriter
{
    /** Length of every encoded Reject, header included: the message has no groups or var data. */
    public static final int ENCODED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + RejectEncoder.BLOCK_LENGTH;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RejectEncoder reject = new RejectEncoder();

    /**
     * @param verdict a verdict that is not ok.
     * @param buffer  to encode into; needs {@link #ENCODED_LENGTH} bytes from offset.
     * @param offset  where the message header starts.
     * @return the encoded length including the header, always {@link #ENCODED_LENGTH}.
     * @throws IllegalArgumentException when the verdict is ok or was never set: there is nothing to reject.
     */
    public int write(final ValidationVerdict verdict, final MutableDirectBuffer buffer, final int offset)
    {
        if (verdict.isOk() || RejectReason.NULL_VAL == verdict.reason())
        {
            throw new IllegalArgumentException("verdict holds no reject reason, nothing to write: " + verdict);
        }

        reject.wrapAndApplyHeader(buffer, offset, header)
            .sourceId(verdict.sourceId())
            .eventId(verdict.eventId())
            .reason(verdict.reason())
            .field(verdict.field())
            .rejectedTemplateId(verdict.templateId())
            .index((short)verdict.index())
            .value(verdict.value());
        // A Reject's layout is version 2's: stamped so, a version-2 peer reads it.
        WireVersion.stampNarrow(header);

        return ENCODED_LENGTH;
    }
}
