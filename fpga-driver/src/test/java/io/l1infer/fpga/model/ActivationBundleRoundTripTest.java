package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every activation layer kind writes to a bundle and reads back equal, field for field. */
class ActivationBundleRoundTripTest
{
    private static final FixedPointType T = FixedPointType.parse("ap_fixed<16,6>");
    private static final FixedPointType U = FixedPointType.parse("ap_ufixed<8,0,AP_RND_CONV,AP_SAT>");

    static List<Layer> everyActivation(final int n)
    {
        return List.of(
            new ReluMaxLayer("relu6_1", n, 6, T),
            new ParametrizedReluLayer("leaky_2", ParametrizedRelu.LEAKY_RELU, n, 0.30000001192092896, T, T),
            new ParametrizedReluLayer("thr_3", ParametrizedRelu.THRESHOLDED_RELU, n, -0.125,
                FixedPointType.parse("ap_fixed<8,3>"), T),
            new PReluLayer("prelu_4", n, T, new long[] {1, -2, 300, -1024}, T),
            new EluLayer("elu_5", n, 1.0, FixedPointType.parse("ap_ufixed<1,1>"),
                new ActivationTable(FixedPointType.parse("ap_fixed<18,8>"), 1024), T),
            new SeluLayer("selu_6", n, new ActivationTable(T, 512), TemplateGeneration.V1, T),
            new LookupActivationLayer("sigmoid_7", LookupFunction.SIGMOID, n, new ActivationTable(T, 1024), T),
            new LookupActivationLayer("tanh_8", LookupFunction.TANH, n, new ActivationTable(T, 256), T),
            new LookupActivationLayer("softplus_9", LookupFunction.SOFTPLUS, n, new ActivationTable(T, 1024), T),
            new LookupActivationLayer("softsign_10", LookupFunction.SOFTSIGN, n, new ActivationTable(T, 1024), T),
            new HardActivationLayer("hs_11", HardFunction.HARD_SIGMOID, TemplateGeneration.V0_8, n, 0.2,
                FixedPointType.parse("ap_fixed<16,6>"), 0.5, FixedPointType.parse("ap_fixed<16,6>"), T),
            new HardActivationLayer("ht_12", HardFunction.HARD_TANH, TemplateGeneration.V1, n, 0.2, T, 0.5, T, T),
            new SoftmaxLayer("softmax_13", n, SoftmaxImplementation.STABLE, TemplateGeneration.V1,
                new ActivationTable(T, 1024),
                new ActivationTable(FixedPointType.parse("ap_fixed<18,8,AP_RND,AP_SAT>"), 512),
                FixedPointType.parse("ap_fixed<20,10>"), T,
                FixedPointType.parse("ap_ufixed<16,6>"), 0.5f, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, 1, 2, T),
            new SignActivationLayer("binary_15", false, TemplateGeneration.V1, n, T),
            new SignActivationLayer("ternary_16", true, TemplateGeneration.V0_8, n, T),
            new UnaryLutLayer("lut_17", n, FixedPointType.parse("ap_fixed<8,3>"), new long[] {1, -2, 127, -128, 0}, T),
            SoftmaxLayer.beforeV1("softmax_14", n, SoftmaxImplementation.LEGACY, TemplateGeneration.EARLY, 1024, T, T,
                FixedPointType.parse("ap_fixed<18,8>"), U));
    }

    @Test
    void everyActivationRoundTrips(@TempDir final Path dir) throws IOException
    {
        final List<Layer> layers = everyActivation(4);
        final ModelBundle model = ModelBundle.of("acts", "", new ModelInput(4, T, List.of()),
            new ModelOutput(4, U, List.of(), 1.0, ""), layers);
        ModelBundleWriter.write(model, dir.resolve("a"));
        final ModelBundle read = ModelBundle.load(dir.resolve("a"));
        assertEquals(layers.size(), read.layers().size());
        for (int i = 0; i < layers.size(); i++)
        {
            final Layer expected = layers.get(i);
            final Layer actual = read.layers().get(i);
            if (expected instanceof UnaryLutLayer u)
            {
                final UnaryLutLayer v = (UnaryLutLayer)actual;
                assertEquals(u.tableType(), v.tableType());
                assertArrayEquals(u.table(), v.table());
                assertEquals(u.resultType(), v.resultType());
            }
            else if (expected instanceof PReluLayer p)
            {
                final PReluLayer q = (PReluLayer)actual;
                assertEquals(p.alphaType(), q.alphaType());
                assertArrayEquals(p.alphas(), q.alphas());
                assertEquals(p.resultType(), q.resultType());
            }
            else
            {
                assertEquals(expected, actual, "layer " + i);
            }
        }
        ModelBundleWriter.write(read, dir.resolve("b"));
        assertEquals(Files.readString(dir.resolve("a/model.json")), Files.readString(dir.resolve("b/model.json")));
    }

    @Test
    void anUnknownFieldOfAnActivationIsRefused(@TempDir final Path dir) throws IOException
    {
        final ModelBundle model = ModelBundle.of("acts", "", new ModelInput(4, T, List.of()),
            new ModelOutput(4, T, List.of(), 1.0, ""), List.of(new LookupActivationLayer("sigmoid_7",
            LookupFunction.SIGMOID, 4, new ActivationTable(T, 1024), T)));
        ModelBundleWriter.write(model, dir);
        final Path json = dir.resolve("model.json");
        Files.writeString(json, Files.readString(json).replace("\"table_size\"", "\"table_sise\""));
        final ModelLoadException ex = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir));
        assertTrue(ex.getMessage().contains("layers[0] 'sigmoid_7' field 'table_sise': unknown field"),
            ex.getMessage());
    }
}
