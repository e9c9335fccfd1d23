package io.l1infer.bench.onnx;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One protobuf message being written field by field with {@link CodedOutputStream}, so a schema's messages can be
 * encoded from its field numbers alone, without generated classes. Build-time only: it allocates freely.
 */
final class ProtoMessage
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    /** A {@code string} field (also used for a {@code repeated string}: call once per element). */
    ProtoMessage string(final int field, final String value)
    {
        try
        {
            out.writeString(field, value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /** An {@code int64} or {@code int32} field (same varint encoding; {@code repeated int64} unpacked). */
    ProtoMessage int64(final int field, final long value)
    {
        try
        {
            out.writeInt64(field, value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /** An embedded message field (or one element of a {@code repeated} message field). */
    ProtoMessage message(final int field, final ProtoMessage value)
    {
        try
        {
            out.writeByteArray(field, value.toByteArray());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /** A {@code repeated float [packed = true]} field: one length-delimited run of little-endian floats. */
    ProtoMessage packedFloats(final int field, final float[] values)
    {
        try
        {
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(values.length * Float.BYTES);
            for (final float v : values)
            {
                out.writeFloatNoTag(v);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /** The encoded message so far. */
    byte[] toByteArray()
    {
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
