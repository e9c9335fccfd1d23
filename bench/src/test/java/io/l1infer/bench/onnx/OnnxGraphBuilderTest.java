package io.l1infer.bench.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.l1infer.bench.BenchPaths;
import io.l1infer.bench.FloatForwardPass;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The encoded graph's structure, ONNX Runtime's reading of it, and its arithmetic on every layer kind. */
class OnnxGraphBuilderTest
{
    @Test
    void encodesTheThesisModelAsDocumented() throws InvalidProtocolBufferException
    {
        final ModelBundle model = ModelBundle.load(BenchPaths.thesisModel());
        final UnknownFieldSet proto = UnknownFieldSet.parseFrom(OnnxGraphBuilder.build(model));

        assertEquals(List.of(OnnxGraphBuilder.IR_VERSION), proto.getField(1).getVarintList(), "ir_version");
        final UnknownFieldSet opset = only(proto, 8);
        assertEquals(List.of(OnnxGraphBuilder.OPSET_VERSION), opset.getField(2).getVarintList(), "opset version");

        final UnknownFieldSet graph = only(proto, 7);
        int dense = 0;
        int batchNorm = 0;
        int relu = 0;
        for (final Layer layer : model.layers())
        {
            dense += layer instanceof DenseLayer ? 1 : 0;
            batchNorm += layer instanceof BatchNormLayer ? 1 : 0;
            relu += layer instanceof ReluLayer ? 1 : 0;
        }
        assertEquals(6, dense);
        assertEquals(2 * dense + 2 * batchNorm + relu, graph.getField(1).getLengthDelimitedList().size(), "nodes");
        assertEquals(2 * dense + 2 * batchNorm, graph.getField(5).getLengthDelimitedList().size(), "initializers");

        // The first initializer is dense_2's weights: dims [27, 60], FLOAT, packed floats equal to the raw values.
        final UnknownFieldSet weights = UnknownFieldSet.parseFrom(graph.getField(5).getLengthDelimitedList().get(0));
        assertEquals(List.of(27L, 60L), weights.getField(1).getVarintList(), "dims");
        assertEquals(List.of(1L), weights.getField(2).getVarintList(), "data_type FLOAT");
        final DenseLayer first = (DenseLayer)model.layers().get(0);
        final ByteBuffer floats = weights.getField(4).getLengthDelimitedList().get(0).asReadOnlyByteBuffer()
            .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(27 * 60 * Float.BYTES, floats.remaining());
        for (int i = 0; i < 27; i++)
        {
            for (int j = 0; j < 60; j++)
            {
                assertEquals(first.weightType().toDouble(first.weight(i, j)), floats.getFloat(), 0.0,
                    "dense_2 weight [" + i + "][" + j + "]");
            }
        }

        final UnknownFieldSet input = UnknownFieldSet.parseFrom(graph.getField(11).getLengthDelimitedList().get(0));
        assertEquals(OnnxGraphBuilder.INPUT_NAME, input.getField(1).getLengthDelimitedList().get(0).toStringUtf8());
        final UnknownFieldSet tensorType = only(only(input, 2), 1);
        assertEquals(List.of(1L), tensorType.getField(1).getVarintList(), "elem_type FLOAT");
        final List<ByteString> dims = only(tensorType, 2).getField(1).getLengthDelimitedList();
        assertEquals(OnnxGraphBuilder.BATCH_DIMENSION,
            UnknownFieldSet.parseFrom(dims.get(0)).getField(2).getLengthDelimitedList().get(0).toStringUtf8());
        assertEquals(List.of(27L), UnknownFieldSet.parseFrom(dims.get(1)).getField(1).getVarintList());
    }

    @Test
    void onnxRuntimeSeesADynamicBatchOfFloats() throws Exception
    {
        final ModelBundle model = ModelBundle.load(BenchPaths.thesisModel());
        final OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(OnnxGraphBuilder.build(model), options))
        {
            final Map<String, NodeInfo> inputs = session.getInputInfo();
            final Map<String, NodeInfo> outputs = session.getOutputInfo();
            assertEquals(List.of(OnnxGraphBuilder.INPUT_NAME), List.copyOf(inputs.keySet()));
            assertEquals(List.of(OnnxGraphBuilder.OUTPUT_NAME), List.copyOf(outputs.keySet()));
            final TensorInfo in = (TensorInfo)inputs.get(OnnxGraphBuilder.INPUT_NAME).getInfo();
            final TensorInfo out = (TensorInfo)outputs.get(OnnxGraphBuilder.OUTPUT_NAME).getInfo();
            assertEquals(OnnxJavaType.FLOAT, in.type);
            assertArrayEquals(new long[] {-1, 27}, in.getShape());
            assertArrayEquals(new long[] {-1, 1}, out.getShape());
            assertEquals(OnnxGraphBuilder.BATCH_DIMENSION, in.getDimensionNames()[0]);
        }
    }

    @Test
    void everyLayerKindMatchesADoublePassOnRandomModels()
    {
        final long seed = 0x5EED_0A11L;
        final SplittableRandom random = new SplittableRandom(seed);
        for (int m = 0; m < 6; m++)
        {
            final ModelBundle model = randomModel(random, "random-" + m);
            final FloatForwardPass pass = new FloatForwardPass(model);
            final int batch = 1 + random.nextInt(40);
            try (OnnxPeer peer = new OnnxPeer(model, batch))
            {
                final double[][] inputs = new double[batch][model.input().size()];
                for (int b = 0; b < batch; b++)
                {
                    for (int f = 0; f < inputs[b].length; f++)
                    {
                        inputs[b][f] = (float)(random.nextDouble() * 8 - 4);
                        peer.putInput(b, f, (float)inputs[b][f]);
                    }
                }
                peer.run(batch);
                for (int b = 0; b < batch; b++)
                {
                    final double[] expected = pass.apply(inputs[b]);
                    final double[] magnitude = pass.magnitude(inputs[b]);
                    for (int o = 0; o < expected.length; o++)
                    {
                        // float32 sums of at most 40 terms per layer and 4 layers: the error stays far below
                        // 1e-5 of the magnitude of the terms; a wrong weight or layer is off by far more.
                        assertEquals(expected[o], peer.getOutput(b, o), 1e-5 * magnitude[o] + 1e-6,
                            "seed " + seed + ", " + model + ", event " + b + ", output " + o);
                    }
                }
            }
        }
    }

    /** A chain of dense, batchnorm, ReLU and linear layers with random sizes, types and raw values. */
    private static ModelBundle randomModel(final SplittableRandom random, final String name)
    {
        final FixedPointType[] types = {
            FixedPointType.apFixed(16, 6), FixedPointType.apFixed(17, 2), FixedPointType.apFixed(8, 3),
            FixedPointType.parse("ap_ufixed<12,4>"), FixedPointType.apFixed(24, 8)};
        final int inSize = 1 + random.nextInt(30);
        final FixedPointType inType = types[0];
        final List<Layer> layers = new ArrayList<>();
        int size = inSize;
        FixedPointType last = inType;
        final int blocks = 1 + random.nextInt(4);
        for (int k = 0; k < blocks; k++)
        {
            final int out = 1 + random.nextInt(40);
            final FixedPointType w = types[random.nextInt(types.length)];
            final FixedPointType bias = types[random.nextInt(types.length)];
            layers.add(new DenseLayer("dense_" + k, size, out, w, raws(random, w, size * out), bias,
                raws(random, bias, out), types[0], types[0]));
            size = out;
            last = types[0];
            if (random.nextBoolean())
            {
                final FixedPointType s = types[random.nextInt(types.length)];
                layers.add(new BatchNormLayer("bn_" + k, size, s, raws(random, s, size), bias, raws(random, bias, size),
                    types[0]));
            }
            if (random.nextBoolean())
            {
                layers.add(new ReluLayer("relu_" + k, size, types[1]));
                last = types[1];
            }
            else
            {
                layers.add(new LinearLayer("linear_" + k, size, types[4]));
                last = types[4];
            }
        }
        return ModelBundle.of(name, "random layer mix", new ModelInput(inSize, inType, List.of()),
            new ModelOutput(size, last, List.of(), 1.0, ""), layers);
    }

    private static long[] raws(final SplittableRandom random, final FixedPointType type, final int n)
    {
        final long[] raw = new long[n];
        for (int k = 0; k < n; k++)
        {
            raw[k] = type.minRaw() + random.nextLong(type.maxRaw() - type.minRaw() + 1);
        }
        return raw;
    }

    @Test
    void refusesASoftmaxOverSlices()
    {
        final FixedPointType t = FixedPointType.apFixed(16, 6);
        final FixedPointType table = FixedPointType.parse("ap_fixed<18,8,AP_RND,AP_SAT>");
        final ModelBundle model = ModelBundle.of("sliced", "", new ModelInput(6, t, List.of()),
            new ModelOutput(6, t, List.of(), 1.0, ""),
            List.of(new SoftmaxLayer("softmax", 6, SoftmaxImplementation.STABLE, TemplateGeneration.V1,
                new ActivationTable(table, 1024), new ActivationTable(table, 1024), t, t, t, 1.0f,
                SoftmaxLayer.ACTIV_CONFIG_TABLE_T, 2, 1, t)));
        assertEquals("model 'sliced' layers[0] 'softmax': no ONNX form for a softmax over n_outer 2 x n_inner 1 " +
            "slices", assertThrows(IllegalArgumentException.class, () -> OnnxGraphBuilder.build(model)).getMessage());
    }

    @Test
    void peerRejectsBadBatchSizesAndUseAfterClose()
    {
        final ModelBundle model = ModelBundle.load(BenchPaths.thesisModel());
        final OnnxPeer peer = new OnnxPeer(model, 4);
        assertThrows(IllegalArgumentException.class, () -> peer.run(0));
        assertThrows(IllegalArgumentException.class, () -> peer.run(5));
        peer.run(4);
        peer.close();
        peer.close();
        final IllegalStateException closed = assertThrows(IllegalStateException.class, () -> peer.run(1));
        assertEquals("ONNX peer of model 'muon-pt-thesis' is closed", closed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OnnxPeer(model, 0));
    }

    private static UnknownFieldSet only(final UnknownFieldSet message, final int field)
        throws InvalidProtocolBufferException
    {
        final List<ByteString> values = message.getField(field).getLengthDelimitedList();
        assertEquals(1, values.size(), "occurrences of field " + field);
        return UnknownFieldSet.parseFrom(values.get(0));
    }
}
