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

    /** A {@code string} field. */
    ProtoMessage string(final int field, final String value)
    {
        return write((o) -> o.writeString(field, value));
    }

    /** A {@code repeated string} field: one field per element, in order. */
    ProtoMessage strings(final int field, final String... values)
    {
        for (final String value : values)
        {
            string(field, value);
        }
        return this;
    }

    /** An {@code int64} or {@code int32} field (same varint encoding). */
    ProtoMessage int64(final int field, final long value)
    {
        return write((o) -> o.writeInt64(field, value));
    }

    /** A {@code repeated int64} field, unpacked: one field per element, in order. */
    ProtoMessage int64s(final int field, final long... values)
    {
        for (final long value : values)
        {
            int64(field, value);
        }
        return this;
    }

    /** An embedded message field (or one element of a {@code repeated} message field). */
    ProtoMessage message(final int field, final ProtoMessage value)
    {
        return write((o) -> o.writeByteArray(field, value.toByteArray()));
    }

    /** A {@code repeated float [packed = true]} field: one length-delimited run of little-endian floats. */
    ProtoMessage packedFloats(final int field, final float[] values)
    {
        return write((o) ->
        {
            o.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(values.length * Float.BYTES);
            for (final float v : values)
            {
                o.writeFloatNoTag(v);
            }
        });
    }

    /** The encoded message so far. */
    byte[] toByteArray()
    {
        write(CodedOutputStream::flush);
        return bytes.toByteArray();
    }

    /** Writes to the stream; the one place its (in-memory, so unexpected) IOException is turned unchecked. */
    private interface Write
    {
        void to(CodedOutputStream out) throws IOException;
    }

    private ProtoMessage write(final Write write)
    {
        try
        {
            write.to(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return this;
    }
}
