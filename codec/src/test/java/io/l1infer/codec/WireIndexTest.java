package io.l1infer.codec;

import io.l1infer.codec.sbe.MessageField;
import io.l1infer.codec.sbe.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Entries of a long feature vector that a Reject's uint8 index cannot name are reported as not applicable. */
class WireIndexTest
{
    @Test
    void entriesUpTo254AreTheirOwnIndexLaterOnesAreNoIndex()
    {
        assertEquals(0, ValidationVerdict.wireIndex(0));
        assertEquals(254, ValidationVerdict.wireIndex(254));
        assertEquals(ValidationVerdict.NO_INDEX, ValidationVerdict.wireIndex(255));
        assertEquals(ValidationVerdict.NO_INDEX, ValidationVerdict.wireIndex(ModelIoLimits.INPUT_COUNT_MAX - 1));

        final ValidationVerdict verdict = new ValidationVerdict();
        assertFalse(verdict.reject(RejectReason.INPUT_OUT_OF_RANGE, MessageField.INPUT_VALUE,
            ValidationVerdict.wireIndex(1000), 1L << 40));
        assertEquals(ValidationVerdict.NO_INDEX, verdict.index());
        assertEquals(1L << 40, verdict.value());
    }
}
