package io.l1infer.bench.onnx;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.SoftmaxLayer;

import java.util.List;

/**
 * Turns a {@link ModelBundle} into the bytes of an ONNX {@code ModelProto} that computes the same network in
 * float32: the peer a Java user would run in ONNX Runtime instead of the bit-exact engine.
 *
 * <p>Every weight, bias and scale becomes the float32 nearest its fixed-point value (exact for W &lt;= 24, which
 * covers every hls4ml type in use); accumulator and result types, rounding and wrap-around are not modelled, which
 * is the point of the comparison. Dense becomes {@code MatMul} + {@code Add} (weights as a [in][out] initializer,
 * the bundle's own input-major order), batchnorm {@code Mul} + {@code Add}, ReLU {@code Relu}, linear
 * {@code Identity}, softmax over the whole layer {@code Softmax} (opset 13: over the last axis; tables and
 * implementation are not modelled). The graph has one input {@value #INPUT_NAME} [batch, in] and one output
 * {@value #OUTPUT_NAME}
 * [batch, out], with a symbolic batch dimension {@value #BATCH_DIMENSION}.
 *
 * <p>The protobuf is written by hand from the field numbers of ONNX's {@code onnx/onnx.proto} (checked against
 * the ONNX repository's file); nothing is generated from it.
 */
public final class OnnxGraphBuilder
{
    /** Name of the graph input, a float tensor [batch, model input size]. */
    public static final String INPUT_NAME = "features";
    /** Name of the graph output, a float tensor [batch, model output size]. */
    public static final String OUTPUT_NAME = "output";
    /** The symbolic (dynamic) first dimension of input and output. */
    public static final String BATCH_DIMENSION = "batch";
    /** IR version 8 (ONNX 1.10): ONNX Runtime 1.23 reads up to 11; nothing here needs more than 3. */
    public static final long IR_VERSION = 8;
    /** Default-domain opset: MatMul, Add, Mul, Relu, Identity and Softmax have their current form in opset 13. */
    public static final long OPSET_VERSION = 13;

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;      // optional int64 ir_version = 1
    private static final int MODEL_PRODUCER_NAME = 2;   // optional string producer_name = 2
    private static final int MODEL_DOC_STRING = 6;      // optional string doc_string = 6
    private static final int MODEL_GRAPH = 7;           // optional GraphProto graph = 7
    private static final int MODEL_OPSET_IMPORT = 8;    // repeated OperatorSetIdProto opset_import = 8
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;          // optional string domain = 1 ("" = ai.onnx)
    private static final int OPSET_VERSION_FIELD = 2;   // optional int64 version = 2
    // GraphProto
    private static final int GRAPH_NODE = 1;            // repeated NodeProto node = 1 (topological order)
    private static final int GRAPH_NAME = 2;            // optional string name = 2
    private static final int GRAPH_INITIALIZER = 5;     // repeated TensorProto initializer = 5
    private static final int GRAPH_INPUT = 11;          // repeated ValueInfoProto input = 11
    private static final int GRAPH_OUTPUT = 12;         // repeated ValueInfoProto output = 12
    // NodeProto
    private static final int NODE_INPUT = 1;            // repeated string input = 1
    private static final int NODE_OUTPUT = 2;           // repeated string output = 2
    private static final int NODE_NAME = 3;             // optional string name = 3
    private static final int NODE_OP_TYPE = 4;         // optional string op_type = 4
    // TensorProto
    private static final int TENSOR_DIMS = 1;           // repeated int64 dims = 1
    private static final int TENSOR_DATA_TYPE = 2;      // optional int32 data_type = 2 (a DataType value)
    private static final int TENSOR_FLOAT_DATA = 4;     // repeated float float_data = 4 [packed = true]
    private static final int TENSOR_NAME = 8;           // optional string name = 8
    private static final int DATA_TYPE_FLOAT = 1;       // TensorProto.DataType.FLOAT
    // ValueInfoProto
    private static final int VALUE_INFO_NAME = 1;       // optional string name = 1
    private static final int VALUE_INFO_TYPE = 2;       // optional TypeProto type = 2
    // TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private static final int TYPE_TENSOR_TYPE = 1;      // TypeProto: Tensor tensor_type = 1 (oneof value)
    private static final int TENSOR_TYPE_ELEM_TYPE = 1; // TypeProto.Tensor: optional int32 elem_type = 1
    private static final int TENSOR_TYPE_SHAPE = 2;     // TypeProto.Tensor: optional TensorShapeProto shape = 2
    private static final int SHAPE_DIM = 1;             // TensorShapeProto: repeated Dimension dim = 1
    private static final int DIM_VALUE = 1;             // Dimension: int64 dim_value = 1 (oneof value)
    private static final int DIM_PARAM = 2;             // Dimension: string dim_param = 2 (oneof value)

    private OnnxGraphBuilder()
    {
    }

    /**
     * Encode {@code model} as a float32 ONNX model.
     *
     * @return the serialized {@code ModelProto}, ready for {@code OrtEnvironment.createSession(byte[], ...)}.
     */
    public static byte[] build(final ModelBundle model)
    {
        final ProtoMessage graph = new ProtoMessage().string(GRAPH_NAME, model.name());
        final List<Layer> layers = model.layers();
        String previous = INPUT_NAME;
        for (int i = 0; i < layers.size(); i++)
        {
            final Layer layer = layers.get(i);
            // Index prefix: node and value names stay unique even if two layers share a name.
            final String prefix = "l" + i + "_" + layer.name();
            final String result = i == layers.size() - 1 ? OUTPUT_NAME : prefix + "_out";
            if (layer instanceof DenseLayer d)
            {
                final String weights = prefix + "_weights";
                final String biases = prefix + "_biases";
                final String product = prefix + "_matmul";
                graph.message(GRAPH_INITIALIZER, tensor(weights, new long[] {d.inputSize(), d.outputSize()},
                    values(d.weightType(), d.weights())));
                graph.message(GRAPH_INITIALIZER, tensor(biases, new long[] {d.outputSize()},
                    values(d.biasType(), d.biases())));
                graph.message(GRAPH_NODE, node(prefix + "_matmul", "MatMul", product, previous, weights));
                graph.message(GRAPH_NODE, node(prefix + "_bias", "Add", result, product, biases));
            }
            else if (layer instanceof BatchNormLayer bn)
            {
                final String scales = prefix + "_scales";
                final String biases = prefix + "_biases";
                final String scaled = prefix + "_scaled";
                graph.message(GRAPH_INITIALIZER, tensor(scales, new long[] {bn.size()},
                    values(bn.scaleType(), bn.scales())));
                graph.message(GRAPH_INITIALIZER, tensor(biases, new long[] {bn.size()},
                    values(bn.biasType(), bn.biases())));
                graph.message(GRAPH_NODE, node(prefix + "_scale", "Mul", scaled, previous, scales));
                graph.message(GRAPH_NODE, node(prefix + "_bias", "Add", result, scaled, biases));
            }
            else if (layer instanceof ReluLayer)
            {
                graph.message(GRAPH_NODE, node(prefix, "Relu", result, previous));
            }
            else if (layer instanceof LinearLayer)
            {
                graph.message(GRAPH_NODE, node(prefix, "Identity", result, previous));
            }
            else if (layer instanceof SoftmaxLayer softmax)
            {
                if (softmax.sliceSize() != softmax.size())
                {
                    throw new IllegalArgumentException("model '" + model.name() + "' layers[" + i + "] '" +
                        layer.name() + "': no ONNX form for a softmax over n_outer " + softmax.nOuter() +
                        " x n_inner " + softmax.nInner() + " slices");
                }
                graph.message(GRAPH_NODE, node(prefix, "Softmax", result, previous));
            }
            else
            {
                throw new IllegalArgumentException("model '" + model.name() + "' layers[" + i + "] '" +
                    layer.name() + "': no ONNX form for layer kind '" + layer.kind() + "'");
            }
            previous = result;
        }
        graph.message(GRAPH_INPUT, batchedFloatTensor(INPUT_NAME, model.input().size()));
        graph.message(GRAPH_OUTPUT, batchedFloatTensor(OUTPUT_NAME, model.output().size()));

        return new ProtoMessage()
            .int64(MODEL_IR_VERSION, IR_VERSION)
            .string(MODEL_PRODUCER_NAME, "l1infer")
            .string(MODEL_DOC_STRING, "float32 peer of " + model)
            .message(MODEL_GRAPH, graph)
            .message(MODEL_OPSET_IMPORT, new ProtoMessage()
                .string(OPSET_DOMAIN, "")
                .int64(OPSET_VERSION_FIELD, OPSET_VERSION))
            .toByteArray();
    }

    /** The float32 values of raw fixed-point numbers, in the same order. */
    static float[] values(final FixedPointType type, final long[] raw)
    {
        final float[] values = new float[raw.length];
        for (int k = 0; k < raw.length; k++)
        {
            values[k] = (float)type.toDouble(raw[k]);
        }
        return values;
    }

    private static ProtoMessage tensor(final String name, final long[] dims, final float[] values)
    {
        return new ProtoMessage()
            .int64s(TENSOR_DIMS, dims)
            .int64(TENSOR_DATA_TYPE, DATA_TYPE_FLOAT)
            .packedFloats(TENSOR_FLOAT_DATA, values)
            .string(TENSOR_NAME, name);
    }

    private static ProtoMessage node(
        final String name, final String opType, final String output, final String... inputs)
    {
        return new ProtoMessage()
            .strings(NODE_INPUT, inputs)
            .string(NODE_OUTPUT, output)
            .string(NODE_NAME, name)
            .string(NODE_OP_TYPE, opType);
    }

    /** A ValueInfoProto for a float tensor [batch, width] with a symbolic batch dimension. */
    private static ProtoMessage batchedFloatTensor(final String name, final int width)
    {
        final ProtoMessage shape = new ProtoMessage()
            .message(SHAPE_DIM, new ProtoMessage().string(DIM_PARAM, BATCH_DIMENSION))
            .message(SHAPE_DIM, new ProtoMessage().int64(DIM_VALUE, width));
        final ProtoMessage tensorType = new ProtoMessage()
            .int64(TENSOR_TYPE_ELEM_TYPE, DATA_TYPE_FLOAT)
            .message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoMessage()
            .string(VALUE_INFO_NAME, name)
            .message(VALUE_INFO_TYPE, new ProtoMessage().message(TYPE_TENSOR_TYPE, tensorType));
    }
}
