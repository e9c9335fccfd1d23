package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.LookupFunction;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelBundleWriter;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelLoadException;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.opencl.OpenClKernelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 64-bit unsigned types through the bundle format, the importer and both engines' refusals: a model with
 * {@code ap_uint<64>} weights and an {@code ap_ufixed<64,8>} accumulator, result and output round-trips and
 * computes the hand-checked values; an activation reading one is refused by the CPU engine, the OpenCL generator
 * and the importer (file, line, layer).
 */
class Unsigned64TypesTest
{
    private static final FixedPointType IN = FixedPointType.parse("ap_fixed<8,8>");
    private static final FixedPointType U64 = FixedPointType.parse("ap_uint<64>");
    private static final FixedPointType ACC = FixedPointType.parse("ap_ufixed<64,64,AP_TRN,AP_WRAP>");
    private static final FixedPointType RESULT = FixedPointType.parse("ap_ufixed<64,64,AP_RND,AP_SAT>");

    @TempDir
    Path dir;

    /** y = x0 * (2^64 - 2^11) + x1 * 2^63 + (2^64 - 2^12), each product and sum exact, then wrapped into 64 bits. */
    private static ModelBundle dense(final FixedPointType result)
    {
        return ModelBundle.of("u64", "", new ModelInput(2, IN, List.of()),
            new ModelOutput(1, result, List.of(), 1.0, ""), List.of(
            new DenseLayer("fc1", 2, 1, U64, new long[] {-2048L, Long.MIN_VALUE}, U64, new long[] {-4096L}, ACC,
                result)));
    }

    @Test
    void denseWithUnsignedWeightsWrapsExactly() throws Exception
    {
        final ModelBundle model = dense(ACC);
        // (1, 0): 2^64 - 2^12 + 2^64 - 2^11 mod 2^64 = 2^64 - 6144; (-1, 1): the product wraps to 2^11 in the
        // accumulator, then 2^64 - 2^11 + 2^63 mod 2^64 = 2^63 - 2^11; (2, 2): 2^65 - 2^12 wraps to 2^64 - 2^12,
        // the sum to 2^64 - 2^13, and 2 * 2^63 to 0
        final long[] out = run(model, 1, 0, -1, 1, 2, 2);
        assertArrayEquals(new long[] {-6144L, Long.MAX_VALUE - 2047, -8192L}, out);
        // the bundle carries the types and the weights' unsigned decimals, and reads back to the same model
        ModelBundleWriter.write(model, dir.resolve("b"));
        final ModelBundle back = ModelBundle.load(dir.resolve("b"));
        final DenseLayer d = (DenseLayer)back.layers().get(0);
        assertArrayEquals(new long[] {-2048L, Long.MIN_VALUE}, d.weights());
        assertArrayEquals(new long[] {-4096L}, d.biases());
        assertEquals(List.of(U64, U64, ACC, ACC), List.of(d.weightType(), d.biasType(), d.accumType(), d.resultType()));
        assertEquals(ACC, back.output().type());
        assertArrayEquals(out, run(back, 1, 0, -1, 1, 2, 2));
    }

    @Test
    void saturatingAccumulatorClampsAtBothUnsignedBounds()
    {
        final ModelBundle model = ModelBundle.of("u64", "", new ModelInput(2, IN, List.of()),
            new ModelOutput(1, RESULT, List.of(), 1.0, ""), List.of(
            new DenseLayer("fc1", 2, 1, U64, new long[] {-2048L, Long.MIN_VALUE}, U64, new long[] {5},
                FixedPointType.parse("ap_ufixed<64,64,AP_TRN,AP_SAT>"), RESULT)));
        // (1, 0): 5 + 2^64 - 2^11 fits; (1, 1): + 2^63 saturates at 2^64 - 1; (-1, 0): the product saturates to 0
        assertArrayEquals(new long[] {5 - 2048L, -1L, 5}, run(model, 1, 0, 1, 1, -1, 0));
    }

    private static long[] run(final ModelBundle model, final long... inputs)
    {
        final int events = inputs.length / model.input().size();
        final long[] out = new long[events];
        try (FixedPointEmulator engine = new FixedPointEmulator(model, events))
        {
            for (int i = 0; i < inputs.length; i++)
            {
                engine.buffers(0).putInputLong(i / model.input().size(), i % model.input().size(), inputs[i]);
            }
            engine.infer(0, events);
            for (int e = 0; e < events; e++)
            {
                out[e] = engine.buffers(0).getOutputLong(e, 0);
            }
        }
        return out;
    }

    @Test
    void activationReadingAnUnsignedInputIsRefusedEverywhere()
    {
        final ModelBundle model = ModelBundle.of("u64", "", new ModelInput(2, IN, List.of()),
            new ModelOutput(1, FixedPointType.parse("ap_fixed<16,2>"), List.of(), 1.0, ""), List.of(
            new DenseLayer("fc1", 2, 1, U64, new long[] {3, 5}, U64, new long[] {7}, ACC, ACC),
            new LookupActivationLayer("sig1", LookupFunction.SIGMOID, 1,
                new ActivationTable(FixedPointType.parse("ap_fixed<18,8>"), 1024),
                FixedPointType.parse("ap_fixed<16,2>"))));
        final String why = "layer 'sig1' (sigmoid): a 64-bit unsigned input (data_T) (ap_ufixed<64,64>) is not " +
            "supported in this activation";
        final IllegalArgumentException cpu = assertThrows(IllegalArgumentException.class,
            () -> new FixedPointEmulator(model, 1).close());
        assertTrue(cpu.getMessage().contains(why), cpu.getMessage());
        final IllegalArgumentException cl = assertThrows(IllegalArgumentException.class,
            () -> OpenClKernelSource.program("k", model));
        assertTrue(cl.getMessage().contains(why), cl.getMessage());
        Hls4mlProjectWriter.write(model, dir, Hls4mlProjectWriter.Style.V1_3_0, Hls4mlProjectWriter.Values.EXACT,
            true, 7);
        final ModelLoadException imp = assertThrows(ModelLoadException.class, () -> Hls4mlImporter.importProject(dir));
        assertTrue(imp.getMessage().contains("myproject.cpp") && imp.getMessage().contains("sig1") &&
            imp.getMessage().contains("a 64-bit unsigned input (data_T)"), imp.getMessage());
    }

    @Test
    void reluOfAnUnsignedValueWithTheTopBitSetKeepsIt()
    {
        final ModelBundle model = ModelBundle.of("u64", "", new ModelInput(2, IN, List.of()),
            new ModelOutput(1, U64, List.of(), 1.0, ""), List.of(
            new DenseLayer("fc1", 2, 1, U64, new long[] {Long.MIN_VALUE, 0}, U64, new long[] {0}, ACC, ACC),
            new ReluLayer("relu1", 1, U64)));
        assertArrayEquals(new long[] {Long.MIN_VALUE}, run(model, 1, 0), "2^63 is positive");
    }
}
