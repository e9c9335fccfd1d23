package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The census counts exactly the values whose exact result does not fit their type. */
class WrapCensusTest
{
    private static final FixedPointType T = FixedPointType.parse("ap_fixed<8,4>");
    private static final FixedPointType NARROW = FixedPointType.parse("ap_fixed<6,2>");

    private static ModelBundle sumModel()
    {
        // acc = x0 + x1 in ap_fixed<8,4> (range -8 .. 7.9375), then ReLU into ap_fixed<6,2> (range -2 .. 1.9375).
        final int one = (int)T.fromDouble(1.0);
        final DenseLayer dense = new DenseLayer("sum", 2, 1, T, new long[] {one, one}, T, new long[] {0}, T, T);
        final ReluLayer relu = new ReluLayer("relu", 1, NARROW);
        return ModelBundle.of("sum", "", new ModelInput(2, T, List.of()),
            new ModelOutput(1, NARROW, List.of(), 1.0, ""), List.of(dense, relu));
    }

    @Test
    void countsAccumulatorAndActivationWrapsPerLayer()
    {
        final int[] inputs = {
            (int)T.fromDouble(5.0), (int)T.fromDouble(5.0),   // acc 10 wraps to -6; ReLU gives 0: one wrap
            (int)T.fromDouble(1.0), (int)T.fromDouble(0.5),   // 1.5: fits everywhere
            (int)T.fromDouble(1.5), (int)T.fromDouble(1.5),   // 3 fits the accumulator, not the ReLU type: one wrap
        };
        final WrapCensus census = WrapCensus.count(sumModel(), inputs, 3);
        assertEquals(List.of("sum", "relu"), census.layerNames());
        assertArrayEquals(new long[] {6, 3}, census.values());
        assertArrayEquals(new long[] {1, 1}, census.wrapped());
        assertEquals(2, census.totalWrapped());
        assertEquals("2 of 9 values wrapped; sum: 1; relu: 1", census.summary());
    }

    @Test
    void roundingTypesAreRefused()
    {
        final FixedPointType rounding = FixedPointType.parse("ap_fixed<8,4,AP_RND>");
        final DenseLayer dense = new DenseLayer("d", 1, 1, T, new long[] {16}, T, new long[] {0}, T, rounding);
        final ModelBundle model = ModelBundle.of("r", "", new ModelInput(1, T, List.of()),
            new ModelOutput(1, rounding, List.of(), 1.0, ""), List.of(dense));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> WrapCensus.count(model, new int[] {1}, 1));
        assertTrue(ex.getMessage().contains("layer 'd'") && ex.getMessage().contains("AP_TRN"), ex.getMessage());
    }
}
