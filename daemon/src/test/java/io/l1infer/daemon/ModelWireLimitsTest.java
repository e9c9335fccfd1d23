package io.l1infer.daemon;

import io.l1infer.codec.ModelIoLimits;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which types travel in the int64 groups, decided by width, and the lengths of both forms. */
class ModelWireLimitsTest
{
    @Test
    void typesWiderThanInt32TravelAsInt64()
    {
        assertFalse(ModelWireLimits.isWide(FixedPointType.parse("ap_fixed<32,16>")));
        assertFalse(ModelWireLimits.isWide(FixedPointType.parse("ap_ufixed<31,8>")));
        assertFalse(ModelWireLimits.isWide(FixedPointType.apInt(true, 32)));
        assertFalse(ModelWireLimits.isWide(FixedPointType.apInt(false, 31)));
        assertTrue(ModelWireLimits.isWide(FixedPointType.parse("ap_fixed<33,16>")));
        assertTrue(ModelWireLimits.isWide(FixedPointType.parse("ap_ufixed<32,8>")));
        assertTrue(ModelWireLimits.isWide(FixedPointType.apInt(false, 32)));
        assertTrue(ModelWireLimits.isWide(FixedPointType.parse("ap_fixed<64,30>")));
        assertTrue(ModelWireLimits.isWide(FixedPointType.apInt(false, 63)));
    }

    @Test
    void lengthsOfBothForms()
    {
        assertEquals(8 + 20 + 4 + 27 * 4, ModelWireLimits.featureVectorLength(27, false));
        assertEquals(8 + 20 + 4 + 4 + 27 * 8, ModelWireLimits.featureVectorLength(27, true));
        assertEquals(8 + 71 + 4 + 12, ModelWireLimits.resultLength(1, false));
        assertEquals(8 + 71 + 4 + 4 + 16, ModelWireLimits.resultLength(1, true));
        assertEquals(ModelWireLimits.featureVectorLength(ModelIoLimits.INPUT_COUNT_MAX, true),
            ModelWireLimits.MAX_REQUEST_LENGTH);
    }
}
