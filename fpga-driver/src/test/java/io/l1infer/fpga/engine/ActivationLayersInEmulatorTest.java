package io.l1infer.fpga.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.LookupFunction;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import io.l1infer.fpga.model.ParametrizedRelu;
import io.l1infer.fpga.model.ParametrizedReluLayer;
import io.l1infer.fpga.opencl.OpenClKernelSource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The activation kernels inside {@link FixedPointEmulator} and {@link ReferenceEmulator}, and their refusals. */
class ActivationLayersInEmulatorTest
{
    private static final long SEED = 77L;
    private static final FixedPointType IN = FixedPointType.parse("ap_fixed<16,6>");
    private static final FixedPointType RELU_OUT = FixedPointType.parse("ap_fixed<17,2>");
    private static final FixedPointType TABLE = FixedPointType.parse("ap_fixed<18,8>");
    private static final FixedPointType EXP = FixedPointType.parse("ap_fixed<18,8,AP_RND,AP_SAT>");
    private static final ActivationTable EXP_1024 = new ActivationTable(EXP, 1024);

    @Test
    void reducedReluOutputIsWidenedBeforeSigmoidAndSoftmax()
    {
        final int n = 6;
        final LookupActivationLayer sigmoid = new LookupActivationLayer("sigmoid", LookupFunction.SIGMOID, n,
            new ActivationTable(TABLE, 1024), IN);
        final SoftmaxLayer softmax = SoftmaxLayer.beforeV1("softmax", n, SoftmaxImplementation.LATENCY,
            TemplateGeneration.V0_8, 1024, EXP, EXP, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, IN);
        final List<Layer> layers = List.of(new ReluLayer("relu", n, RELU_OUT), sigmoid, softmax);
        final ModelBundle model = ModelBundle.of("act", "", new ModelInput(n, IN, List.of()),
            new ModelOutput(n, IN, List.of(), 1.0, ""), layers);

        // The relu's ap_fixed<17,2> output is held reduced (5 zero bits) by the engine: check it is.
        assertTrue(new ActivationKernel(n, true, IN, RELU_OUT).outputType().width() < 17);

        final ActivationFunction sig = ActivationFunctions.create(sigmoid, RELU_OUT);
        final ActivationFunction soft = ActivationFunctions.create(softmax, IN);
        final Random rnd = new Random(SEED);
        final int batch = 200;
        final int[][] inputs = new int[batch][n];
        final long[][] expected = new long[batch][n];
        for (int e = 0; e < batch; e++)
        {
            final long[] relu = new long[n];
            for (int j = 0; j < n; j++)
            {
                inputs[e][j] = (int)(IN.minRaw() + rnd.nextInt(1 << 16));
                relu[j] = inputs[e][j] > 0 ? RELU_OUT.convert(inputs[e][j], IN.fractionBits()) : 0;
            }
            final long[] mid = new long[n];
            sig.run(relu, mid);
            soft.run(mid, expected[e]);
        }
        try (FixedPointEmulator emulator = new FixedPointEmulator(model, batch))
        {
            final BatchBuffers b = emulator.buffers(0);
            for (int e = 0; e < batch; e++)
            {
                for (int j = 0; j < n; j++)
                {
                    b.putInput(e, j, inputs[e][j]);
                }
            }
            for (final int size : new int[] {1, 2, batch})
            {
                emulator.launch(0, size);
                emulator.await(0);
                for (int e = 0; e < size; e++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        assertEquals(expected[e][j], b.getOutput(e, j), "seed " + SEED + " event " + e);
                    }
                }
            }
        }
        final ReferenceEmulator reference = new ReferenceEmulator(model);
        for (int e = 0; e < batch; e++)
        {
            final int[] want = new int[n];
            for (int j = 0; j < n; j++)
            {
                want[j] = (int)expected[e][j];
            }
            assertArrayEquals(want, reference.infer(inputs[e]), "seed " + SEED + " event " + e);
        }
    }

    @Test
    void generalPathRunsTheSameKernels()
    {
        // AP_SAT_SYM is outside the int kernels, so every layer runs on the exact general path (LayerKernels.wide).
        final FixedPointType in = FixedPointType.parse("ap_fixed<16,6,AP_RND_ZERO,AP_SAT_SYM>");
        final int n = 5;
        final LookupActivationLayer tanh = new LookupActivationLayer("tanh", LookupFunction.TANH, n,
            new ActivationTable(FixedPointType.parse("ap_fixed<20,2>"), 2048), in);
        final SoftmaxLayer softmax = new SoftmaxLayer("softmax", n, SoftmaxImplementation.STABLE,
            TemplateGeneration.V1, EXP_1024, EXP_1024, FixedPointType.parse("ap_fixed<21,11>"), EXP,
            FixedPointType.parse("ap_ufixed<16,6>"), 1.0f, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, 1, 1,
            FixedPointType.parse("ap_ufixed<12,0,AP_RND,AP_SAT>"));
        final ModelBundle model = ModelBundle.of("wide", "", new ModelInput(n, in, List.of()),
            new ModelOutput(n, softmax.resultType(), List.of(), 1.0, ""), List.of(tanh, softmax));
        final ActivationFunction a = ActivationFunctions.create(tanh, in);
        final ActivationFunction b = ActivationFunctions.create(softmax, in);
        final Random rnd = new Random(SEED);
        try (FixedPointEmulator emulator = new FixedPointEmulator(model, 50))
        {
            assertTrue(emulator.description().contains("general path"), emulator.description());
            final BatchBuffers buffers = emulator.buffers(0);
            final long[][] expected = new long[50][n];
            for (int e = 0; e < 50; e++)
            {
                final long[] x = new long[n];
                for (int j = 0; j < n; j++)
                {
                    x[j] = in.fromDouble(rnd.nextDouble() * 20 - 10);
                    buffers.putInputLong(e, j, x[j]);
                }
                final long[] mid = new long[n];
                a.run(x, mid);
                b.run(mid, expected[e]);
            }
            emulator.launch(0, 50);
            emulator.await(0);
            for (int e = 0; e < 50; e++)
            {
                for (int j = 0; j < n; j++)
                {
                    assertEquals(expected[e][j], buffers.getOutputLong(e, j), "seed " + SEED + " event " + e);
                }
            }
        }
    }

    @Test
    void softmaxWhoseTableNeedsMoreAddressBitsThanTheInputHasIsRefused()
    {
        final SoftmaxLayer softmax = SoftmaxLayer.beforeV1("softmax_3", 5, SoftmaxImplementation.LATENCY,
            TemplateGeneration.V0_8, 1024, EXP, EXP, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, IN);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ActivationFunctions.create(softmax, FixedPointType.parse("ap_fixed<8,3>")));
        assertEquals("softmax_3: the exp table needs 10 address bits, more than the 8 bits of ap_fixed<8,3> " +
            "(hls4ml would slice outside the value)", ex.getMessage());
        final SoftmaxLayer odd = SoftmaxLayer.beforeV1("softmax_4", 5, SoftmaxImplementation.STABLE,
            TemplateGeneration.V0_8, 1000, EXP, EXP, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, IN);
        final IllegalArgumentException oddSize = assertThrows(IllegalArgumentException.class,
            () -> ActivationFunctions.create(odd, IN));
        assertEquals("softmax_4: exp table size 1000 is not a power of two >= 2: its 10-bit index can reach past " +
            "the table (undefined in hls4ml's C++)", oddSize.getMessage());
    }

    @Test
    void anApIntResultFromNegativeIntegerBitsIsRefusedAtLoadOnBothEngines()
    {
        final FixedPointType small = FixedPointType.parse("ap_fixed<10,-2>");
        final FixedPointType apInt = FixedPointType.parse("ap_int<8>");
        final IllegalArgumentException reluMax = assertThrows(IllegalArgumentException.class,
            () -> ActivationFunctions.create(new ReluMaxLayer("relu6_2", 4, 6, apInt), small));
        assertEquals("layer 'relu6_2': converting a value with -2 integer bits into ap_int<8> reads an " +
            "uninitialised value in ap_types' to_ap_int_base; not supported", reluMax.getMessage());
        final IllegalArgumentException leaky = assertThrows(IllegalArgumentException.class,
            () -> ActivationFunctions.create(
                new ParametrizedReluLayer("leaky_2", ParametrizedRelu.LEAKY_RELU, 4, 0.25, IN, apInt), small));
        assertTrue(leaky.getMessage().startsWith("layer 'leaky_2': converting a value with -2 integer bits"),
            leaky.getMessage());
        // alpha * x with fewer than 0 integer bits (ap_ufixed<8,-3> times ap_fixed<16,2>) is refused too
        final IllegalArgumentException product = assertThrows(IllegalArgumentException.class,
            () -> ActivationFunctions.create(new ParametrizedReluLayer("leaky_3", ParametrizedRelu.LEAKY_RELU, 4,
                0.0625, FixedPointType.parse("ap_ufixed<8,-3>"), apInt), FixedPointType.parse("ap_fixed<16,2>")));
        assertTrue(product.getMessage().startsWith("layer 'leaky_3' alpha * x: converting a value with -1 integer"),
            product.getMessage());
        final ModelBundle model = ModelBundle.of("m", "", new ModelInput(4, small, List.of()),
            new ModelOutput(4, apInt, List.of(), 1, ""), List.of(new ReluMaxLayer("relu6_2", 4, 6, apInt)));
        final IllegalArgumentException onLoad = assertThrows(IllegalArgumentException.class,
            () -> new FixedPointEmulator(model, 1));
        assertTrue(onLoad.getMessage().contains("layer 'relu6_2': converting a value with -2 integer bits"),
            onLoad.getMessage());
        final IllegalArgumentException openCl = assertThrows(IllegalArgumentException.class,
            () -> OpenClKernelSource.program("k", model));
        assertTrue(openCl.getMessage().contains("leaves the result uninitialised for negative integer bits"),
            openCl.getMessage());
    }

    @Test
    void recordsRefuseConfigurationsTheirGenerationDoesNotHave()
    {
        final IllegalArgumentException argmax = assertThrows(IllegalArgumentException.class,
            () -> SoftmaxLayer.beforeV1("s", 5, SoftmaxImplementation.ARGMAX, TemplateGeneration.EARLY, 1024, EXP,
                EXP, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, IN));
        assertEquals("s: the early hls4ml release has no argmax softmax", argmax.getMessage());
        final IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
            () -> new SoftmaxLayer("s", 5, SoftmaxImplementation.LATENCY, TemplateGeneration.V0_8, EXP_1024,
                new ActivationTable(EXP, 512), EXP, EXP, null, 1.0f, TABLE, 1, 1, IN));
        assertTrue(split.getMessage().startsWith("s: a V0_8 softmax has one table_size"), split.getMessage());
        final IllegalArgumentException slices = assertThrows(IllegalArgumentException.class,
            () -> new SoftmaxLayer("s", 5, SoftmaxImplementation.LATENCY, TemplateGeneration.V1, EXP_1024, EXP_1024,
                EXP, EXP, null, 1.0f, TABLE, 2, 1, IN));
        assertEquals("s: n_outer 2 and n_inner 1 do not divide n_in 5", slices.getMessage());
    }
}
