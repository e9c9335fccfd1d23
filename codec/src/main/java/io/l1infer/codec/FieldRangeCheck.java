package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.RejectDecoder;
import io.l1infer.codec.sbe.RejectReason;
import io.l1infer.codec.sbe.ResultStatus;
import org.agrona.DirectBuffer;

import java.util.function.ToIntFunction;

import static io.l1infer.codec.MuonPrimitiveLimits.EVENT_BX_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.EVENT_BX_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.QUALITY_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.QUALITY_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.SECTOR_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.SECTOR_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.STATION_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.STATION_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.TS2TAG_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.TS2TAG_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.WHEEL_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.WHEEL_MIN;
import static io.l1infer.codec.ValidationVerdict.NO_INDEX;
import static io.l1infer.codec.sbe.MessageField.BATCH_SIZE;
import static io.l1infer.codec.sbe.MessageField.BX;
import static io.l1infer.codec.sbe.MessageField.EVENT_ID;
import static io.l1infer.codec.sbe.MessageField.PHI;
import static io.l1infer.codec.sbe.MessageField.PHI_B;
import static io.l1infer.codec.sbe.MessageField.QUALITY;
import static io.l1infer.codec.sbe.MessageField.REJECT_FIELD;
import static io.l1infer.codec.sbe.MessageField.REJECT_REASON;
import static io.l1infer.codec.sbe.MessageField.RESULT_STATUS;
import static io.l1infer.codec.sbe.MessageField.SECTOR;
import static io.l1infer.codec.sbe.MessageField.SEND_TIME;
import static io.l1infer.codec.sbe.MessageField.SOURCE_ID;
import static io.l1infer.codec.sbe.MessageField.STATION;
import static io.l1infer.codec.sbe.MessageField.TS2TAG;
import static io.l1infer.codec.sbe.MessageField.WHEEL;
import static io.l1infer.codec.sbe.RejectReason.FIELD_OUT_OF_RANGE;

/**
 * Checks every ranged field of a message whose structure has already been verified, reading it through the
 * generated decoders (pre-allocated here) so that the offsets checked are the offsets decoded.
 */
final class FieldRangeCheck
{
    private static final boolean[] KNOWN_RESULT_STATUS = knownValues(
        ResultStatus.values(), ResultStatus.NULL_VAL, ResultStatus::value);
    private static final boolean[] KNOWN_REJECT_REASON = knownValues(
        RejectReason.values(), RejectReason.NULL_VAL, RejectReason::value);
    private static final boolean[] KNOWN_MESSAGE_FIELD = knownValues(
        MessageField.values(), MessageField.NULL_VAL, MessageField::value);

    private final MuonSegmentsDecoder muonSegments = new MuonSegmentsDecoder();
    private final FeatureVectorDecoder featureVector = new FeatureVectorDecoder();
    private final InferenceResultDecoder inferenceResult = new InferenceResultDecoder();
    private final RejectDecoder reject = new RejectDecoder();

    /**
     * @param templateId  a template of this schema.
     * @param buffer      holding the message.
     * @param bodyOffset  offset of the fixed block (just after the header).
     * @param blockLength acting block length from the header.
     * @param version     acting version from the header.
     * @param verdict     receives a FIELD_OUT_OF_RANGE reject, or is left untouched.
     * @return true when every ranged field is within its range.
     */
    boolean check(
        final int templateId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version,
        final ValidationVerdict verdict)
    {
        return switch (templateId)
        {
            case MuonSegmentsDecoder.TEMPLATE_ID -> checkMuonSegments(buffer, bodyOffset, blockLength, version,
                verdict);
            case FeatureVectorDecoder.TEMPLATE_ID -> checkFeatureVector(
                buffer, bodyOffset, blockLength, version, verdict);
            case InferenceResultDecoder.TEMPLATE_ID -> checkInferenceResult(
                buffer, bodyOffset, blockLength, version, verdict);
            case RejectDecoder.TEMPLATE_ID -> checkReject(buffer, bodyOffset, blockLength, version, verdict);
            default -> throw new IllegalStateException("no field check for template " + templateId);
        };
    }

    private boolean checkMuonSegments(
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version,
        final ValidationVerdict verdict)
    {
        final MuonSegmentsDecoder decoder = muonSegments.wrap(buffer, bodyOffset, blockLength, version);
        if (!checkIdentity(
            decoder.sourceId(), decoder.eventId(), decoder.sendTimeNs(),
            MuonSegmentsDecoder.sourceIdNullValue(), MuonSegmentsDecoder.eventIdNullValue(),
            MuonSegmentsDecoder.sendTimeNsNullValue(), verdict))
        {
            return false;
        }
        final int bx = decoder.bx();
        if (bx < EVENT_BX_MIN || bx > EVENT_BX_MAX)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, BX, NO_INDEX, bx);
        }

        final MuonSegmentsDecoder.PrimitivesDecoder primitives = decoder.primitives();
        int index = 0;
        while (primitives.hasNext())
        {
            primitives.next();
            if (!checkPrimitive(primitives, index, verdict))
            {
                return false;
            }
            index++;
        }

        return true;
    }

    private static boolean checkPrimitive(
        final MuonSegmentsDecoder.PrimitivesDecoder primitive, final int index, final ValidationVerdict verdict)
    {
        final int station = primitive.station();
        if (station < STATION_MIN || station > STATION_MAX)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, STATION, index, station);
        }
        final int wheel = primitive.wheel();
        if (wheel < WHEEL_MIN || wheel > WHEEL_MAX)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, WHEEL, index, wheel);
        }
        final int sector = primitive.sector();
        if (sector < SECTOR_MIN || sector > SECTOR_MAX)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, SECTOR, index, sector);
        }
        final int phi = primitive.phi();
        if (phi < PHI_MIN || phi > PHI_MAX)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, PHI, index, phi);
        }
        final int phiB = primitive.phiB();
        if (phiB < PHI_B_MIN || phiB > PHI_B_MAX)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, PHI_B, index, phiB);
        }
        final int quality = primitive.quality();
        if (quality < QUALITY_MIN || quality > QUALITY_MAX)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, QUALITY, index, quality);
        }
        final int ts2tag = primitive.ts2tag();
        if (ts2tag < TS2TAG_MIN || ts2tag > TS2TAG_MAX)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, TS2TAG, index, ts2tag);
        }
        // primitives.bx: every int8 value is valid on the wire; the daemon decides which primitives it uses.

        return true;
    }

    private boolean checkFeatureVector(
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version,
        final ValidationVerdict verdict)
    {
        final FeatureVectorDecoder decoder = featureVector.wrap(buffer, bodyOffset, blockLength, version);

        // inputs.raw and wideInputs.raw: any int32 and int64 is valid on the wire; the daemon checks each against the
        // model input type.
        return checkIdentity(
            decoder.sourceId(), decoder.eventId(), decoder.sendTimeNs(),
            FeatureVectorDecoder.sourceIdNullValue(), FeatureVectorDecoder.eventIdNullValue(),
            FeatureVectorDecoder.sendTimeNsNullValue(), verdict);
    }

    private boolean checkInferenceResult(
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version,
        final ValidationVerdict verdict)
    {
        final InferenceResultDecoder decoder = inferenceResult.wrap(buffer, bodyOffset, blockLength, version);
        if (!checkIdentity(
            decoder.sourceId(), decoder.eventId(), decoder.sendTimeNs(),
            InferenceResultDecoder.sourceIdNullValue(), InferenceResultDecoder.eventIdNullValue(),
            InferenceResultDecoder.sendTimeNsNullValue(), verdict))
        {
            return false;
        }
        final short status = decoder.statusRaw();
        if (!KNOWN_RESULT_STATUS[status])
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, RESULT_STATUS, NO_INDEX, status);
        }
        final int batchSize = decoder.batchSize();
        if (batchSize < ModelIoLimits.BATCH_SIZE_MIN)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, BATCH_SIZE, NO_INDEX, batchSize);
        }

        // outputs and wideOutputs: any raw int32 or int64 and any double (NaN included) are valid on the wire.
        return true;
    }

    private boolean checkReject(
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int version,
        final ValidationVerdict verdict)
    {
        // sourceId/eventId are optional here: their null values mean "could not be read".
        final RejectDecoder decoder = reject.wrap(buffer, bodyOffset, blockLength, version);
        final short reason = decoder.reasonRaw();
        if (!KNOWN_REJECT_REASON[reason])
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, REJECT_REASON, NO_INDEX, reason);
        }
        final short field = decoder.fieldRaw();
        if (!KNOWN_MESSAGE_FIELD[field])
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, REJECT_FIELD, NO_INDEX, field);
        }

        return true;
    }

    private static boolean checkIdentity(
        final long sourceId,
        final long eventId,
        final long sendTimeNs,
        final long sourceIdNull,
        final long eventIdNull,
        final long sendTimeNsNull,
        final ValidationVerdict verdict)
    {
        // Required fields must not carry the null value: a Reject uses it to mean "could not be read".
        if (sourceId == sourceIdNull)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, SOURCE_ID, NO_INDEX, sourceId);
        }
        if (eventId == eventIdNull)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, EVENT_ID, NO_INDEX, eventId);
        }
        if (sendTimeNs == sendTimeNsNull)
        {
            return verdict.reject(FIELD_OUT_OF_RANGE, SEND_TIME, NO_INDEX, sendTimeNs);
        }

        return true;
    }

    private static <E extends Enum<E>> boolean[] knownValues(
        final E[] values, final E nullValue, final ToIntFunction<E> rawValue)
    {
        final boolean[] known = new boolean[256];
        for (final E value : values)
        {
            if (value != nullValue)
            {
                known[rawValue.applyAsInt(value)] = true;
            }
        }

        return known;
    }
}
