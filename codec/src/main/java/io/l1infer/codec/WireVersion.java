package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;

/**
 * The schema version l1infer stamps on each message it encodes: the oldest version whose layout the message has, so
 * that a peer built with that version reads it (the generated encoders would stamp the newest on every message).
 */
public final class WireVersion
{
    /**
     * Every message without a wide group: MuonSegments, Reject, and FeatureVector and InferenceResult carrying their
     * raw values as int32. Its bytes are exactly those of version 2, which a version-2 peer reads.
     */
    public static final int NARROW = 2;

    /** A FeatureVector or InferenceResult carrying its raw values in the int64 group appended by version 3. */
    public static final int WIDE = 3;

    static
    {
        if (WIDE != FeatureVectorDecoder.wideInputsDecoderSinceVersion() ||
            WIDE != InferenceResultDecoder.wideOutputsDecoderSinceVersion())
        {
            throw new IllegalStateException("WireVersion.WIDE disagrees with the schema");
        }
    }

    private WireVersion()
    {
    }

    /** Stamp {@link #NARROW} on a header just applied by an encoder's {@code wrapAndApplyHeader}. */
    public static void stampNarrow(final MessageHeaderEncoder header)
    {
        header.version(NARROW);
    }
}
