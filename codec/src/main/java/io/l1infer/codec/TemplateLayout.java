package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.RejectDecoder;

/**
 * The structure of one template that the validator checks before anything is decoded: fixed block length and
 * group entry length at every schema version, the allowed group entry count, and the wide group appended after it
 * since version 3.
 * <p>
 * When the schema version is bumped, append the new lengths here: a message encoded at an older version keeps
 * that version's lengths (SBE appends fields, never moves them).
 */
final class TemplateLayout
{
    private static final int[] NO_GROUP = new int[0];
    /** A template without a wide group: no version has one. */
    private static final int NO_WIDE_GROUP = Integer.MAX_VALUE;
    /** InferenceResult's block at version 1 ends where version 2 appended the daemon's stage times. */
    static final int INFERENCE_RESULT_V1_BLOCK_LENGTH = InferenceResultDecoder.ingestPollNsEncodingOffset();

    private static final TemplateLayout[] BY_TEMPLATE_ID = new TemplateLayout[RejectDecoder.TEMPLATE_ID + 1];

    static
    {
        register(new TemplateLayout(
            MuonSegmentsDecoder.TEMPLATE_ID,
            new int[]{ MuonSegmentsDecoder.BLOCK_LENGTH, MuonSegmentsDecoder.BLOCK_LENGTH,
                MuonSegmentsDecoder.BLOCK_LENGTH },
            new int[]{ MuonSegmentsDecoder.PrimitivesDecoder.sbeBlockLength(),
                MuonSegmentsDecoder.PrimitivesDecoder.sbeBlockLength(),
                MuonSegmentsDecoder.PrimitivesDecoder.sbeBlockLength() },
            MuonPrimitiveLimits.PRIMITIVE_COUNT_MIN,
            MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX,
            MessageField.PRIMITIVE_COUNT,
            NO_WIDE_GROUP,
            0,
            MessageField.NONE,
            MuonSegmentsDecoder.sourceIdEncodingOffset(),
            MuonSegmentsDecoder.eventIdEncodingOffset()));
        register(new TemplateLayout(
            FeatureVectorDecoder.TEMPLATE_ID,
            new int[]{ FeatureVectorDecoder.BLOCK_LENGTH, FeatureVectorDecoder.BLOCK_LENGTH,
                FeatureVectorDecoder.BLOCK_LENGTH },
            new int[]{ FeatureVectorDecoder.InputsDecoder.sbeBlockLength(),
                FeatureVectorDecoder.InputsDecoder.sbeBlockLength(),
                FeatureVectorDecoder.InputsDecoder.sbeBlockLength() },
            ModelIoLimits.INPUT_COUNT_MIN,
            ModelIoLimits.INPUT_COUNT_MAX,
            MessageField.INPUT_COUNT,
            FeatureVectorDecoder.wideInputsDecoderSinceVersion(),
            FeatureVectorDecoder.WideInputsDecoder.sbeBlockLength(),
            MessageField.WIDE_INPUT_COUNT,
            FeatureVectorDecoder.sourceIdEncodingOffset(),
            FeatureVectorDecoder.eventIdEncodingOffset()));
        register(new TemplateLayout(
            InferenceResultDecoder.TEMPLATE_ID,
            new int[]{ INFERENCE_RESULT_V1_BLOCK_LENGTH, InferenceResultDecoder.BLOCK_LENGTH,
                InferenceResultDecoder.BLOCK_LENGTH },
            new int[]{ InferenceResultDecoder.OutputsDecoder.sbeBlockLength(),
                InferenceResultDecoder.OutputsDecoder.sbeBlockLength(),
                InferenceResultDecoder.OutputsDecoder.sbeBlockLength() },
            ModelIoLimits.OUTPUT_COUNT_MIN,
            ModelIoLimits.OUTPUT_COUNT_MAX,
            MessageField.OUTPUT_COUNT,
            InferenceResultDecoder.wideOutputsDecoderSinceVersion(),
            InferenceResultDecoder.WideOutputsDecoder.sbeBlockLength(),
            MessageField.WIDE_OUTPUT_COUNT,
            InferenceResultDecoder.sourceIdEncodingOffset(),
            InferenceResultDecoder.eventIdEncodingOffset()));
        register(new TemplateLayout(
            RejectDecoder.TEMPLATE_ID,
            new int[]{ RejectDecoder.BLOCK_LENGTH, RejectDecoder.BLOCK_LENGTH, RejectDecoder.BLOCK_LENGTH },
            NO_GROUP,
            0,
            0,
            MessageField.NONE,
            NO_WIDE_GROUP,
            0,
            MessageField.NONE,
            RejectDecoder.sourceIdEncodingOffset(),
            RejectDecoder.eventIdEncodingOffset()));
    }

    final int templateId;
    final int minCount;
    final int maxCount;
    final MessageField countField;
    /** Entry length of the wide group; one entry's raw value is an int64. */
    final int wideEntryLength;
    final MessageField wideCountField;
    final int sourceIdOffset;
    final int eventIdOffset;
    private final int[] blockLengthByVersion;
    private final int[] entryLengthByVersion;
    private final int wideSinceVersion;

    private TemplateLayout(
        final int templateId,
        final int[] blockLengthByVersion,
        final int[] entryLengthByVersion,
        final int minCount,
        final int maxCount,
        final MessageField countField,
        final int wideSinceVersion,
        final int wideEntryLength,
        final MessageField wideCountField,
        final int sourceIdOffset,
        final int eventIdOffset)
    {
        if (blockLengthByVersion.length != MessageHeaderDecoder.SCHEMA_VERSION ||
            (entryLengthByVersion.length != 0 && entryLengthByVersion.length != MessageHeaderDecoder.SCHEMA_VERSION))
        {
            throw new IllegalStateException(
                "template " + templateId + ": lengths must be listed for every schema version 1.." +
                MessageHeaderDecoder.SCHEMA_VERSION);
        }
        this.templateId = templateId;
        this.blockLengthByVersion = blockLengthByVersion;
        this.entryLengthByVersion = entryLengthByVersion;
        this.minCount = minCount;
        this.maxCount = maxCount;
        this.countField = countField;
        this.wideSinceVersion = wideSinceVersion;
        this.wideEntryLength = wideEntryLength;
        this.wideCountField = wideCountField;
        this.sourceIdOffset = sourceIdOffset;
        this.eventIdOffset = eventIdOffset;
    }

    private static void register(final TemplateLayout layout)
    {
        BY_TEMPLATE_ID[layout.templateId] = layout;
    }

    /**
     * @param templateId any uint16 read from a header.
     * @return the layout, or null when this schema has no such template.
     */
    static TemplateLayout forTemplateId(final int templateId)
    {
        return templateId >= 0 && templateId < BY_TEMPLATE_ID.length ? BY_TEMPLATE_ID[templateId] : null;
    }

    /**
     * @param version a supported version, 1..{@link MessageHeaderDecoder#SCHEMA_VERSION}.
     * @return the fixed block length of this template as encoded at that version.
     */
    int blockLength(final int version)
    {
        return blockLengthByVersion[version - 1];
    }

    boolean hasGroup()
    {
        return entryLengthByVersion.length != 0;
    }

    /**
     * @param version a supported version, 1..{@link MessageHeaderDecoder#SCHEMA_VERSION}.
     * @return the length of one entry of this template's group as encoded at that version.
     */
    int entryLength(final int version)
    {
        return entryLengthByVersion[version - 1];
    }

    /**
     * @param version a supported version.
     * @return true when a message of this template at that version carries the wide group after the first one;
     * then either group may be empty but exactly one of them has entries.
     */
    boolean hasWideGroup(final int version)
    {
        return version >= wideSinceVersion;
    }
}
