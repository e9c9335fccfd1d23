package io.l1infer.client;

import io.l1infer.codec.ModelIoLimits;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.codec.WireVersion;
import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.Objects;

/**
 * Checks request arguments and encodes MuonSegments and FeatureVector messages into any buffer (a publication's
 * claimed log space, or a stored copy kept for re-sending); reusable flyweights, no allocation. Raw inputs given as
 * ints travel in the int32 group (schema version 2's bytes), inputs given as longs in the int64 group (version 3).
 */
final class RequestEncoder
{
    private static final int SEGMENTS_FIXED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH +
        MuonSegmentsEncoder.BLOCK_LENGTH + MuonSegmentsEncoder.PrimitivesEncoder.sbeHeaderSize();
    private static final int FEATURES_FIXED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH +
        FeatureVectorEncoder.BLOCK_LENGTH + FeatureVectorEncoder.InputsEncoder.sbeHeaderSize();
    private static final long MAX_SOURCE_ID = MuonSegmentsEncoder.sourceIdMaxValue();
    private static final long NULL_EVENT_ID = MuonSegmentsEncoder.eventIdNullValue();
    private static final long NULL_SEND_TIME = MuonSegmentsEncoder.sendTimeNsNullValue();

    /** Longest request either message can make: the larger of 8 primitives and the wire's most inputs as int64. */
    static final int MAX_REQUEST_LENGTH = Math.max(segmentsLength(MuonPrimitives.CAPACITY),
        wideFeaturesLength(ModelIoLimits.INPUT_COUNT_MAX));

    /** Most inputs a {@link RoutingClient} stores for re-sending: 64, so a stored copy stays 320 bytes. */
    static final int ROUTED_INPUT_COUNT_MAX = 64;

    /** Longest request a {@link RoutingClient} stores: the larger of 8 primitives and 64 inputs. */
    static final int MAX_ROUTED_REQUEST_LENGTH = Math.max(segmentsLength(MuonPrimitives.CAPACITY),
        featuresLength(ROUTED_INPUT_COUNT_MAX));

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MuonSegmentsEncoder segmentsEncoder = new MuonSegmentsEncoder();
    private final FeatureVectorEncoder featuresEncoder = new FeatureVectorEncoder();

    static int segmentsLength(final int primitiveCount)
    {
        return SEGMENTS_FIXED_LENGTH + primitiveCount * MuonSegmentsEncoder.PrimitivesEncoder.sbeBlockLength();
    }

    static int featuresLength(final int inputCount)
    {
        return FEATURES_FIXED_LENGTH + inputCount * FeatureVectorEncoder.InputsEncoder.sbeBlockLength();
    }

    /** Length of a version-3 FeatureVector carrying {@code inputCount} int64 inputs (its int32 group empty). */
    static int wideFeaturesLength(final int inputCount)
    {
        return FEATURES_FIXED_LENGTH + FeatureVectorEncoder.WideInputsEncoder.sbeHeaderSize() +
            inputCount * FeatureVectorEncoder.WideInputsEncoder.sbeBlockLength();
    }

    /**
     * Refuse ids the wire cannot carry.
     *
     * @throws IllegalArgumentException naming the argument.
     */
    static void checkIds(final long sourceId, final long eventId, final long sendTimeNs)
    {
        if (sourceId < 0 || sourceId > MAX_SOURCE_ID)
        {
            throw new IllegalArgumentException("sourceId = " + sourceId + " is outside 0.." + MAX_SOURCE_ID);
        }
        if (eventId == NULL_EVENT_ID)
        {
            throw new IllegalArgumentException("eventId = -1 is the wire's null value");
        }
        if (sendTimeNs == NULL_SEND_TIME)
        {
            throw new IllegalArgumentException("sendTimeNs = Long.MIN_VALUE is the wire's null value");
        }
    }

    /**
     * Refuse a MuonSegments request the wire cannot carry.
     *
     * @return the encoded length.
     * @throws IllegalArgumentException naming the argument.
     */
    static int checkSegments(final int bx, final PrimitiveList primitives)
    {
        final int count = primitives.count();
        if (count < 1)
        {
            throw new IllegalArgumentException("primitives: a MuonSegments message needs at least one primitive");
        }
        if (bx < 0 || bx > 0xFFFF)
        {
            throw new IllegalArgumentException("bx = " + bx + " does not fit its wire type uint16");
        }
        return segmentsLength(count);
    }

    /**
     * Refuse a FeatureVector request the wire cannot carry.
     *
     * @return the encoded length.
     * @throws IllegalArgumentException naming the argument.
     * @throws IndexOutOfBoundsException when offset and count do not lie inside {@code raw}.
     */
    static int checkFeatures(final int[] raw, final int offset, final int count)
    {
        return checkFeatures(raw, offset, count, ModelIoLimits.INPUT_COUNT_MAX, "a FeatureVector carries");
    }

    /**
     * Refuse a FeatureVector request beyond {@code maxCount} inputs, {@code what} saying whose limit it is.
     *
     * @return the encoded length.
     */
    static int checkFeatures(
        final int[] raw, final int offset, final int count, final int maxCount, final String what)
    {
        checkCount(count, maxCount, what);
        Objects.checkFromIndexSize(offset, count, raw.length);
        return featuresLength(count);
    }

    /**
     * Refuse a FeatureVector request of int64 inputs beyond {@code maxCount} inputs.
     *
     * @return the encoded length.
     */
    static int checkWideFeatures(
        final long[] raw, final int offset, final int count, final int maxCount, final String what)
    {
        checkCount(count, maxCount, what);
        Objects.checkFromIndexSize(offset, count, raw.length);
        return wideFeaturesLength(count);
    }

    private static void checkCount(final int count, final int maxCount, final String what)
    {
        if (count < ModelIoLimits.INPUT_COUNT_MIN || count > maxCount)
        {
            throw new IllegalArgumentException("count = " + count + ": " + what + " " +
                ModelIoLimits.INPUT_COUNT_MIN + ".." + maxCount + " inputs");
        }
    }

    /** Encode checked MuonSegments arguments at {@code offset}; the buffer has {@link #segmentsLength} bytes there. */
    void encodeSegments(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sourceId,
        final long eventId,
        final long sendTimeNs,
        final int bx,
        final PrimitiveList primitives)
    {
        segmentsEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sourceId(sourceId)
            .eventId(eventId)
            .sendTimeNs(sendTimeNs)
            .bx(bx);
        WireVersion.stampNarrow(headerEncoder);
        primitives.encode(segmentsEncoder);
    }

    /** Encode checked FeatureVector arguments at {@code offset}; the buffer has {@link #featuresLength} bytes there. */
    void encodeFeatures(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sourceId,
        final long eventId,
        final long sendTimeNs,
        final int[] raw,
        final int rawOffset,
        final int count)
    {
        wrapFeatures(buffer, offset, sourceId, eventId, sendTimeNs);
        WireVersion.stampNarrow(headerEncoder);
        final FeatureVectorEncoder.InputsEncoder group = featuresEncoder.inputsCount(count);
        for (int i = 0; i < count; i++)
        {
            group.next().raw(raw[rawOffset + i]);
        }
    }

    /**
     * Encode checked int64 FeatureVector arguments at {@code offset} as a version-3 message; the buffer has
     * {@link #wideFeaturesLength} bytes there.
     */
    void encodeWideFeatures(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sourceId,
        final long eventId,
        final long sendTimeNs,
        final long[] raw,
        final int rawOffset,
        final int count)
    {
        wrapFeatures(buffer, offset, sourceId, eventId, sendTimeNs);
        featuresEncoder.inputsCount(0);
        final FeatureVectorEncoder.WideInputsEncoder group = featuresEncoder.wideInputsCount(count);
        for (int i = 0; i < count; i++)
        {
            group.next().raw(raw[rawOffset + i]);
        }
    }

    private void wrapFeatures(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sourceId,
        final long eventId,
        final long sendTimeNs)
    {
        featuresEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sourceId(sourceId)
            .eventId(eventId)
            .sendTimeNs(sendTimeNs);
    }
}
