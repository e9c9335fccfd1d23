package io.l1infer.codec;

import io.l1infer.codec.sbe.GroupSizeEncodingDecoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import static io.l1infer.codec.ValidationVerdict.NO_INDEX;
import static io.l1infer.codec.sbe.RejectReason.BAD_BLOCK_LENGTH;
import static io.l1infer.codec.sbe.RejectReason.BAD_GROUP;
import static io.l1infer.codec.sbe.RejectReason.TRAILING_BYTES;
import static io.l1infer.codec.sbe.RejectReason.TRUNCATED;
import static io.l1infer.codec.sbe.RejectReason.UNKNOWN_SCHEMA;
import static io.l1infer.codec.sbe.RejectReason.UNKNOWN_TEMPLATE;
import static io.l1infer.codec.sbe.RejectReason.UNSUPPORTED_VERSION;

/**
 * Decides, without allocating, whether one fragment holds exactly one well-formed, in-range message of this
 * schema, so that the generated decoders (which check almost nothing) can then read it safely.
 * <p>
 * Checks, in order: length covers a header; schema id; version in 1..current; template id known; block length
 * equals the template's at that version; the group header fits, its block length is the template's and its
 * entry count is in the allowed range; all entries fit; since version 3 the same for the wide group that follows,
 * and exactly one of the two groups has entries; no trailing bytes; then every ranged field. The first
 * failure is recorded in the {@link ValidationVerdict}. Reusable, not thread-safe: one instance per thread.
 */
public final class MessageValidator
{
    /** Length of the SBE message header every message starts with. */
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private static final int GROUP_HEADER_LENGTH = GroupSizeEncodingDecoder.ENCODED_LENGTH;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final GroupSizeEncodingDecoder groupHeader = new GroupSizeEncodingDecoder();
    private final FieldRangeCheck fieldRangeCheck = new FieldRangeCheck();
    /** Entry count of the group {@link #checkOneGroup} last accepted; a field so checking allocates nothing. */
    private int lastCount;

    /**
     * Validate one fragment.
     *
     * @param buffer  holding the fragment.
     * @param offset  where the fragment (and so the message header) starts.
     * @param length  of the fragment in bytes.
     * @param verdict reset, then filled with the outcome.
     * @return {@link ValidationVerdict#isOk()}.
     * @throws IllegalArgumentException when offset and length do not lie within the buffer: a caller bug, not
     *                                  bad input.
     */
    public boolean validate(
        final DirectBuffer buffer, final int offset, final int length, final ValidationVerdict verdict)
    {
        if (offset < 0 || length < 0 || length > buffer.capacity() - offset)
        {
            throw new IllegalArgumentException(
                "fragment outside buffer: offset=" + offset + " length=" + length + " capacity=" + buffer.capacity());
        }
        verdict.reset();

        if (length < HEADER_LENGTH)
        {
            return verdict.reject(TRUNCATED, MessageField.NONE, NO_INDEX, HEADER_LENGTH);
        }
        header.wrap(buffer, offset);
        final int schemaId = header.schemaId();
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            return verdict.reject(UNKNOWN_SCHEMA, MessageField.NONE, NO_INDEX, schemaId);
        }

        final int templateId = header.templateId();
        final int version = header.version();
        final int blockLength = header.blockLength();
        final TemplateLayout layout = TemplateLayout.forTemplateId(templateId);
        verdict.templateId(templateId);
        if (layout != null)
        {
            readIdentity(layout, buffer, offset, Math.min(blockLength, length - HEADER_LENGTH), verdict);
        }

        if (version < 1 || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return verdict.reject(UNSUPPORTED_VERSION, MessageField.NONE, NO_INDEX, version);
        }
        if (layout == null)
        {
            return verdict.reject(UNKNOWN_TEMPLATE, MessageField.NONE, NO_INDEX, templateId);
        }
        if (blockLength != layout.blockLength(version))
        {
            return verdict.reject(BAD_BLOCK_LENGTH, MessageField.NONE, NO_INDEX, blockLength);
        }

        final int blockEnd = HEADER_LENGTH + blockLength;
        if (length < blockEnd)
        {
            return verdict.reject(TRUNCATED, MessageField.NONE, NO_INDEX, blockEnd);
        }

        final int messageLength = layout.hasGroup() ?
            checkGroup(layout, version, buffer, offset, length, blockEnd, verdict) : blockEnd;
        if (messageLength < 0)
        {
            return false;
        }
        if (length > messageLength)
        {
            return verdict.reject(TRAILING_BYTES, MessageField.NONE, NO_INDEX, length - messageLength);
        }

        return fieldRangeCheck.check(templateId, buffer, offset + HEADER_LENGTH, blockLength, version, verdict) &&
            verdict.accept();
    }

    /**
     * @return the length of the whole message when its groups are well formed and fit, else -1 with the verdict
     * set.
     */
    private int checkGroup(
        final TemplateLayout layout,
        final int version,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int groupHeaderStart,
        final ValidationVerdict verdict)
    {
        if (!layout.hasWideGroup(version))
        {
            return checkOneGroup(layout.entryLength(version), layout.minCount, layout.maxCount, layout.countField,
                buffer, offset, length, groupHeaderStart, verdict);
        }

        // Since version 3 the values travel in exactly one of the two groups; the other is present and empty.
        final int wideStart = checkOneGroup(layout.entryLength(version), 0, layout.maxCount, layout.countField,
            buffer, offset, length, groupHeaderStart, verdict);
        if (wideStart < 0)
        {
            return -1;
        }
        final int count = lastCount;
        final int messageLength = checkOneGroup(layout.wideEntryLength, 0, layout.maxCount, layout.wideCountField,
            buffer, offset, length, wideStart, verdict);
        if (messageLength < 0)
        {
            return -1;
        }
        final int wideCount = lastCount;
        if (count == 0 && wideCount < layout.minCount)
        {
            verdict.reject(BAD_GROUP, layout.countField, NO_INDEX, count);
            return -1;
        }
        if (count != 0 && wideCount != 0)
        {
            verdict.reject(BAD_GROUP, layout.wideCountField, NO_INDEX, wideCount);
            return -1;
        }

        return messageLength;
    }

    /**
     * Check the group whose header starts at {@code groupHeaderStart}; its entry count is left in
     * {@link #lastCount}.
     *
     * @return the end of the group when it is well formed and fits, else -1 with the verdict set.
     */
    private int checkOneGroup(
        final int expectedEntryLength,
        final int minCount,
        final int maxCount,
        final MessageField countField,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int groupHeaderStart,
        final ValidationVerdict verdict)
    {
        final int entriesStart = groupHeaderStart + GROUP_HEADER_LENGTH;
        if (length < entriesStart)
        {
            verdict.reject(TRUNCATED, MessageField.NONE, NO_INDEX, entriesStart);
            return -1;
        }

        groupHeader.wrap(buffer, offset + groupHeaderStart);
        final int entryLength = groupHeader.blockLength();
        if (entryLength != expectedEntryLength)
        {
            verdict.reject(BAD_GROUP, MessageField.GROUP_BLOCK_LENGTH, NO_INDEX, entryLength);
            return -1;
        }
        final int count = groupHeader.numInGroup();
        if (count < minCount || count > maxCount)
        {
            verdict.reject(BAD_GROUP, countField, NO_INDEX, count);
            return -1;
        }

        final int groupEnd = entriesStart + count * entryLength;
        if (length < groupEnd)
        {
            verdict.reject(TRUNCATED, MessageField.NONE, NO_INDEX, groupEnd);
            return -1;
        }
        lastCount = count;

        return groupEnd;
    }

    private static void readIdentity(
        final TemplateLayout layout,
        final DirectBuffer buffer,
        final int offset,
        final int readableBlockLength,
        final ValidationVerdict verdict)
    {
        // Offsets of existing fields never move between versions, so they are readable at any version.
        final int body = offset + HEADER_LENGTH;
        if (layout.sourceIdOffset + Integer.BYTES <= readableBlockLength)
        {
            verdict.sourceId(
                buffer.getInt(body + layout.sourceIdOffset, MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF_FFFFL);
        }
        if (layout.eventIdOffset + Long.BYTES <= readableBlockLength)
        {
            verdict.eventId(buffer.getLong(body + layout.eventIdOffset, MessageHeaderDecoder.BYTE_ORDER));
        }
    }
}
