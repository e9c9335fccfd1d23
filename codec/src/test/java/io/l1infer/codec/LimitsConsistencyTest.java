package io.l1infer.codec;

import io.l1infer.codec.sbe.FeatureVectorDecoder;
import io.l1infer.codec.sbe.InferenceResultDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder.PrimitivesDecoder;
import io.l1infer.codec.sbe.RejectDecoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.l1infer.codec.ModelIoLimits.BATCH_SIZE_MIN;
import static io.l1infer.codec.ModelIoLimits.INPUT_COUNT_MAX;
import static io.l1infer.codec.ModelIoLimits.INPUT_COUNT_MIN;
import static io.l1infer.codec.ModelIoLimits.OUTPUT_COUNT_MAX;
import static io.l1infer.codec.ModelIoLimits.OUTPUT_COUNT_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.EVENT_BX_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.EVENT_BX_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_B_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PHI_MIN;
import static io.l1infer.codec.MuonPrimitiveLimits.PRIMITIVE_COUNT_MAX;
import static io.l1infer.codec.MuonPrimitiveLimits.PRIMITIVE_COUNT_MIN;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits are written down in three places client authors read (Java constants, the schema's
 * minValue/maxValue, codec/README.md); this keeps the schema and the README equal to the constants.
 */
class LimitsConsistencyTest
{
    @Test
    void schemaMinAndMaxValuesEqualTheConstants()
    {
        assertEquals(EVENT_BX_MIN, MuonSegmentsDecoder.bxMinValue());
        assertEquals(EVENT_BX_MAX, MuonSegmentsDecoder.bxMaxValue());
        assertEquals(STATION_MIN, PrimitivesDecoder.stationMinValue());
        assertEquals(STATION_MAX, PrimitivesDecoder.stationMaxValue());
        assertEquals(WHEEL_MIN, PrimitivesDecoder.wheelMinValue());
        assertEquals(WHEEL_MAX, PrimitivesDecoder.wheelMaxValue());
        assertEquals(SECTOR_MIN, PrimitivesDecoder.sectorMinValue());
        assertEquals(SECTOR_MAX, PrimitivesDecoder.sectorMaxValue());
        assertEquals(PHI_MIN, PrimitivesDecoder.phiMinValue());
        assertEquals(PHI_MAX, PrimitivesDecoder.phiMaxValue());
        assertEquals(PHI_B_MIN, PrimitivesDecoder.phiBMinValue());
        assertEquals(PHI_B_MAX, PrimitivesDecoder.phiBMaxValue());
        assertEquals(QUALITY_MIN, PrimitivesDecoder.qualityMinValue());
        assertEquals(QUALITY_MAX, PrimitivesDecoder.qualityMaxValue());
        assertEquals(TS2TAG_MIN, PrimitivesDecoder.ts2tagMinValue());
        assertEquals(TS2TAG_MAX, PrimitivesDecoder.ts2tagMaxValue());
    }

    @Test
    void readmeStatesTheSameRanges() throws IOException
    {
        final Path readme = Path.of("README.md");
        assertTrue(Files.exists(readme),
            "codec/README.md missing (working directory " + Path.of("").toAbsolutePath() + ")");
        final String text = Files.readString(readme);

        final List<String> expectedRows = List.of(
            row("bx", "uint16", EVENT_BX_MIN, EVENT_BX_MAX, MuonSegmentsDecoder.bxEncodingOffset()),
            row("primitives", "group", PRIMITIVE_COUNT_MIN, PRIMITIVE_COUNT_MAX, MuonSegmentsDecoder.BLOCK_LENGTH),
            row("station", "uint8", STATION_MIN, STATION_MAX, PrimitivesDecoder.stationEncodingOffset()),
            row("wheel", "int8", WHEEL_MIN, WHEEL_MAX, PrimitivesDecoder.wheelEncodingOffset()),
            row("sector", "uint8", SECTOR_MIN, SECTOR_MAX, PrimitivesDecoder.sectorEncodingOffset()),
            row("phi", "int16", PHI_MIN, PHI_MAX, PrimitivesDecoder.phiEncodingOffset()),
            row("phiB", "int16", PHI_B_MIN, PHI_B_MAX, PrimitivesDecoder.phiBEncodingOffset()),
            row("quality", "uint8", QUALITY_MIN, QUALITY_MAX, PrimitivesDecoder.qualityEncodingOffset()),
            row("ts2tag", "uint8", TS2TAG_MIN, TS2TAG_MAX, PrimitivesDecoder.ts2tagEncodingOffset()),
            "| bx | int8 | any | " + PrimitivesDecoder.bxEncodingOffset() + " |",
            row("inputs", "group", INPUT_COUNT_MIN, INPUT_COUNT_MAX, FeatureVectorDecoder.BLOCK_LENGTH),
            row("outputs", "group", OUTPUT_COUNT_MIN, OUTPUT_COUNT_MAX, InferenceResultDecoder.BLOCK_LENGTH),
            row("batchSize", "uint16", BATCH_SIZE_MIN, 0xFFFF, InferenceResultDecoder.batchSizeEncodingOffset()),
            "Fixed block " + MuonSegmentsDecoder.BLOCK_LENGTH + " bytes, then group `primitives`, entry " +
                PrimitivesDecoder.sbeBlockLength() + " bytes.",
            "Fixed block " + FeatureVectorDecoder.BLOCK_LENGTH + " bytes, then group `inputs`, entry " +
                FeatureVectorDecoder.InputsDecoder.sbeBlockLength() + " bytes.",
            "Fixed block " + InferenceResultDecoder.BLOCK_LENGTH + " bytes, then group `outputs`, entry " +
                InferenceResultDecoder.OutputsDecoder.sbeBlockLength() + " bytes.",
            "Fixed block " + RejectDecoder.BLOCK_LENGTH + " bytes, no groups, no var data: always " +
                RejectWriter.ENCODED_LENGTH + " bytes");
        for (final String expected : expectedRows)
        {
            assertTrue(text.contains(expected), "README.md lacks '" + expected + "'");
        }
    }

    private static String row(final String name, final String type, final int min, final int max, final int offset)
    {
        return "| " + name + " | " + type + " | " + min + ".." + max + " | " + offset + " |";
    }
}
