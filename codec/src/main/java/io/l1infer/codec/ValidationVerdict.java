package io.l1infer.codec;

import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.RejectDecoder;
import io.l1infer.codec.sbe.RejectReason;

/**
 * Mutable, reusable outcome of validating one fragment: either ok, or the reject reason with the field, entry
 * index and offending value, plus the template id and sourceId/eventId whenever they could be read.
 * <p>
 * Its values map one to one onto a {@code Reject} message (see {@link RejectWriter}). Not thread-safe: one
 * instance per thread or per ring slot.
 */
public final class ValidationVerdict
{
    /** Entry index meaning "not about a group entry"; the Reject wire value for that. */
    public static final int NO_INDEX = RejectDecoder.indexNullValue();
    /** Template id meaning "unknown" (no header, or a foreign schema). */
    public static final int UNKNOWN_TEMPLATE_ID = 0;
    /** sourceId meaning "could not be read": the SBE null value of uint32. */
    public static final long UNKNOWN_SOURCE_ID = RejectDecoder.sourceIdNullValue();
    /** eventId meaning "could not be read": the SBE null value of uint64 (all bits set). */
    public static final long UNKNOWN_EVENT_ID = RejectDecoder.eventIdNullValue();

    private boolean ok;
    private RejectReason reason = RejectReason.NULL_VAL;
    private MessageField field = MessageField.NONE;
    private int index = NO_INDEX;
    private long value;
    private int templateId = UNKNOWN_TEMPLATE_ID;
    private long sourceId = UNKNOWN_SOURCE_ID;
    private long eventId = UNKNOWN_EVENT_ID;

    /**
     * @return true when the fragment is a complete, in-range message that the generated decoder can read.
     */
    public boolean isOk()
    {
        return ok;
    }

    /**
     * @return why the message was rejected, {@link RejectReason#NULL_VAL} when ok.
     */
    public RejectReason reason()
    {
        return reason;
    }

    /**
     * @return the field the reject is about, {@link MessageField#NONE} when ok or not about one field.
     */
    public MessageField field()
    {
        return field;
    }

    /**
     * @return the group entry index the problem is at, {@link #NO_INDEX} when not applicable.
     */
    public int index()
    {
        return index;
    }

    /**
     * @return the offending value (for structural rejects the length, id or count found), 0 when none.
     */
    public long value()
    {
        return value;
    }

    /**
     * @return the header's template id once the header was readable and of this schema, else
     * {@link #UNKNOWN_TEMPLATE_ID}.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * @return the message's sourceId (unsigned 32-bit) when readable, else {@link #UNKNOWN_SOURCE_ID}.
     */
    public long sourceId()
    {
        return sourceId;
    }

    /**
     * @return the message's eventId (unsigned 64-bit bits) when readable, else {@link #UNKNOWN_EVENT_ID}.
     */
    public long eventId()
    {
        return eventId;
    }

    /**
     * The Reject {@code index} for group entry {@code entry}: the entry itself up to 254, else {@link #NO_INDEX}
     * (the wire's uint8 cannot name entries of the longer feature vectors; the reason and value still do).
     *
     * @param entry a group entry index, at least 0.
     * @return a value {@link #reject} accepts.
     */
    public static int wireIndex(final int entry)
    {
        return entry < NO_INDEX ? entry : NO_INDEX;
    }

    /**
     * Turn this verdict into a reject, keeping the template id and sourceId/eventId already recorded. The daemon
     * uses it for the reasons it decides itself, e.g. {@link RejectReason#TOO_FEW_PRIMITIVES} after an ok verdict.
     *
     * @param reason why; neither null nor {@link RejectReason#NULL_VAL}.
     * @param field  which field, {@link MessageField#NONE} when not about one; not null nor NULL_VAL.
     * @param index  group entry index 0..254, or {@link #NO_INDEX}.
     * @param value  the offending value, 0 when none.
     * @return false, so that a check can end with {@code return verdict.reject(...)}.
     */
    public boolean reject(final RejectReason reason, final MessageField field, final int index, final long value)
    {
        if (reason == null || reason == RejectReason.NULL_VAL)
        {
            throw new IllegalArgumentException("reject reason must be a real reason, got " + reason);
        }
        if (field == null || field == MessageField.NULL_VAL)
        {
            throw new IllegalArgumentException("reject field must be a MessageField (NONE if none), got " + field);
        }
        if (index < 0 || index > NO_INDEX)
        {
            throw new IllegalArgumentException("reject index must be 0.." + NO_INDEX + ", got " + index);
        }

        this.ok = false;
        this.reason = reason;
        this.field = field;
        this.index = index;
        this.value = value;

        return false;
    }

    /**
     * Clear everything: not ok, no reason, nothing known about the message.
     *
     * @return this.
     */
    public ValidationVerdict reset()
    {
        ok = false;
        reason = RejectReason.NULL_VAL;
        field = MessageField.NONE;
        index = NO_INDEX;
        value = 0;
        templateId = UNKNOWN_TEMPLATE_ID;
        sourceId = UNKNOWN_SOURCE_ID;
        eventId = UNKNOWN_EVENT_ID;

        return this;
    }

    /**
     * Copy another verdict, e.g. from the validating thread's verdict into a ring slot.
     *
     * @param other the verdict to copy.
     * @return this.
     */
    public ValidationVerdict copyFrom(final ValidationVerdict other)
    {
        ok = other.ok;
        reason = other.reason;
        field = other.field;
        index = other.index;
        value = other.value;
        templateId = other.templateId;
        sourceId = other.sourceId;
        eventId = other.eventId;

        return this;
    }

    boolean accept()
    {
        ok = true;
        reason = RejectReason.NULL_VAL;
        field = MessageField.NONE;
        index = NO_INDEX;
        value = 0;

        return true;
    }

    void templateId(final int templateId)
    {
        this.templateId = templateId;
    }

    void sourceId(final long sourceId)
    {
        this.sourceId = sourceId;
    }

    void eventId(final long eventId)
    {
        this.eventId = eventId;
    }

    /**
     * Allocates; for logs and test messages, not for the hot path.
     */
    public String toString()
    {
        if (ok)
        {
            return "ValidationVerdict{ok, templateId=" + templateId + ", sourceId=" + sourceId +
                ", eventId=" + Long.toUnsignedString(eventId) + '}';
        }

        return "ValidationVerdict{reason=" + reason + ", field=" + field + ", index=" + index + ", value=" + value +
            ", templateId=" + templateId + ", sourceId=" + sourceId +
            ", eventId=" + Long.toUnsignedString(eventId) + '}';
    }
}
