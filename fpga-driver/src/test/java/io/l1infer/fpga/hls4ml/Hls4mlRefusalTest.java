package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelLoadException;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every construct the importer does not support is refused whole, naming the file, line, layer and what is. */
class Hls4mlRefusalTest
{
    private static final FixedPointType T = FixedPointType.parse("ap_fixed<16,6>");

    @TempDir
    Path dir;

    private Path firmware;

    @BeforeEach
    void writeProject()
    {
        final ModelBundle model = ModelBundle.of("m", "", new ModelInput(3, T, List.of()),
            new ModelOutput(2, T, List.of(), 1.0, ""), List.of(
            new DenseLayer("fc1", 3, 2, T, new long[] {1, 2, 3, 4, 5, 6}, T, new long[] {7, 8}, T, T),
            new BatchNormLayer("bn1", 2, T, new long[] {1024, 2048}, T, new long[] {0, 1}, T),
            new ReluLayer("relu1", 2, T)));
        Hls4mlProjectWriter.write(model, dir, Hls4mlProjectWriter.Style.V1_3_0, Hls4mlProjectWriter.Values.EXACT,
            true, 7);
        firmware = dir.resolve("firmware");
        assertEquals(3, Hls4mlImporter.importProject(dir).layers().size(), "the unchanged project imports");
    }

    @Test
    void ioStream() throws IOException
    {
        replace("myproject.cpp", "input_t input_1[N_INPUT_1_1]", "hls::stream<input_t> &input_1");
        refused("firmware/myproject.cpp:7", "is an hls::stream: io_stream projects are not supported " +
            "(supported: io_parallel)");
    }

    @Test
    void ioStreamInAConfig() throws IOException
    {
        replace("parameters.h", "static const unsigned io_type = nnet::io_parallel;\n    static const unsigned " +
            "strategy", "static const unsigned io_type = nnet::io_stream;\n    static const unsigned strategy");
        refused("firmware/parameters.h:", "layer 'fc1': io_type nnet::io_stream is not supported (supported: " +
            "nnet::io_parallel)");
    }

    @Test
    void convolution() throws IOException
    {
        replace("myproject.cpp", "nnet::dense<", "nnet::conv_1d_cl<");
        refused("firmware/myproject.cpp:", "layer 'fc1': layer function nnet::conv_1d_cl is not supported " +
            "(convolution; supported: nnet::dense");
    }

    @Test
    void pooling() throws IOException
    {
        replace("myproject.cpp", "nnet::relu<", "nnet::pooling1d_cl<");
        refused("firmware/myproject.cpp:", "layer 'relu1': layer function nnet::pooling1d_cl is not supported " +
            "(pooling; supported:");
    }

    @Test
    void recurrent() throws IOException
    {
        replace("myproject.cpp", "nnet::relu<", "nnet::lstm_stack<");
        refused("firmware/myproject.cpp:", "layer function nnet::lstm_stack is not supported (recurrent;");
    }

    @Test
    void merge() throws IOException
    {
        replace("myproject.cpp", "nnet::relu<", "nnet::concatenate1d<");
        refused("firmware/myproject.cpp:", "layer function nnet::concatenate1d is not supported (merge;");
    }

    @Test
    void aSecondInputIsAMergeModel() throws IOException
    {
        replace("myproject.cpp", "input_t input_1[N_INPUT_1_1],", "input_t input_1[N_INPUT_1_1], input_t input_2[3],");
        refused("firmware/myproject.cpp:7",
            "the top function has 2 input and 1 output arrays (supported: exactly one " +
            "of each");
    }

    @Test
    void aBranch() throws IOException
    {
        replace("myproject.cpp", "(layer3_out, layer4_out);", "(layer2_out, layer4_out);");
        refused("firmware/myproject.cpp:", "layer 'relu1': reads 'layer2_out' but the previous layer wrote " +
            "'layer3_out': only a chain of layers is supported");
    }

    @Test
    void customLayer() throws IOException
    {
        replace("myproject.cpp", "nnet::relu<", "myproject::my_custom_activation<");
        refused("firmware/myproject.cpp:", "layer 'relu1': 'myproject::my_custom_activation' is not an hls4ml " +
            "nnet:: layer function: custom layers are not supported (supported: nnet::dense");
    }

    @Test
    void aStatementThatIsNoLayer() throws IOException
    {
        replace("myproject.cpp", "    // hls-fpga-machine-learning insert layers\n",
            "    // hls-fpga-machine-learning insert layers\n    layer2_out[0] = 1;\n");
        refused("firmware/myproject.cpp:", "statement 'layer2_out[0] = 1;' is not an hls4ml layer call");
    }

    @Test
    void anUnparsableTypedef() throws IOException
    {
        replace("defines.h", "typedef ap_uint<1> layer2_index;", "typedef ap_fixed<16,6> ;");
        refused("firmware/defines.h:", "cannot parse typedef 'typedef ap_fixed<16,6>;'");
    }

    @Test
    void anUnsupportedType() throws IOException
    {
        final String defines = Files.readString(firmware.resolve("defines.h"));
        final String line = defines.lines().filter(l -> l.endsWith(" weight2_t;")).findFirst().orElseThrow();
        replace("defines.h", line, "typedef float weight2_t;");
        refused("firmware/defines.h:", "layer 'fc1': type 'float' is not supported: unparsable fixed-point type");
    }

    @Test
    void aMissingWeightFile() throws IOException
    {
        Files.delete(firmware.resolve("weights/b2.txt"));
        refused("firmware/myproject.cpp:", "missing weight file firmware/weights/b2.txt for array b2");
    }

    @Test
    void aWeightCountThatDisagreesWithTheConfig() throws IOException
    {
        Files.writeString(firmware.resolve("weights/w2.txt"), "0.5, 0.25, 0, 1, 2");
        refused("firmware/weights/w2.txt:1", "layer 'fc1': weight count disagrees: firmware/weights/w2.txt has 5 " +
            "values for 'w2' (declared size 6) but config2 n_in*n_out = 6");
    }

    @Test
    void aValueThatIsNoNumber() throws IOException
    {
        Files.writeString(firmware.resolve("weights/b2.txt"), "0.5, nan");
        refused("firmware/weights/b2.txt:1", "layer 'fc1': value #1 'nan' of 'b2' is not a finite decimal");
    }

    @Test
    void aProductOtherThanThePlainOne() throws IOException
    {
        replace("parameters.h", "nnet::product::mult<x_T, y_T>;\n};\n\nstruct config3",
            "nnet::product::weight_exponential<x_T, y_T>;\n};\n\nstruct config3");
        refused("firmware/parameters.h:", "layer 'fc1': product 'nnet::product::weight_exponential<x_T,y_T>' is " +
            "not supported (supported: nnet::product::mult, the plain product, weight_binary and weight_ternary; " +
            "not both_binary, data_binary or weight_exponential)");
    }

    @Test
    void theResourceStrategyWithASaturatingAccumulator() throws IOException
    {
        final String p = Files.readString(firmware.resolve("parameters.h"));
        final String accum = p.lines().filter(l -> l.contains(" accum_t;")).findFirst().orElseThrow();
        replace("parameters.h", accum, "    typedef ap_fixed<16,6,AP_TRN,AP_SAT> accum_t;");
        replace("parameters.h", "nnet::DenseLatency<", "nnet::DenseResource_rf_leq_nin<");
        refused("firmware/parameters.h:", "layer 'fc1': the resource strategy sums the products in another order " +
            "than dense_latency, which matters for the AP_SAT accumulator");
    }

    @Test
    void perFilterBatchNorm() throws IOException
    {
        replace("parameters.h", "static const unsigned n_filt = -1;", "static const unsigned n_filt = 4;");
        refused("firmware/parameters.h:", "layer 'bn1': n_filt 4: per-filter batch normalisation of a convolution " +
            "output is not supported (supported: n_filt = -1");
    }

    @Test
    void aMissingConfig() throws IOException
    {
        replace("parameters.h", "struct relu_config4 ", "struct relu_config9 ");
        refused("firmware/myproject.cpp:", "layer 'relu1': config struct 'relu_config4' is not defined in " +
            "parameters.h");
    }

    @Test
    void noTopFunctionSource() throws IOException
    {
        Files.delete(firmware.resolve("myproject.cpp"));
        refused("firmware: ", "expected exactly one top-function source <project>.cpp beside defines.h, found none");
    }

    @Test
    void anApIntResultFromAnInputWithNegativeIntegerBits()
    {
        final FixedPointType small = FixedPointType.parse("ap_fixed<10,-2>");
        final FixedPointType apInt = FixedPointType.parse("ap_int<8>");
        final ModelBundle model = ModelBundle.of("m", "", new ModelInput(3, T, List.of()),
            new ModelOutput(2, apInt, List.of(), 1.0, ""), List.of(
            new DenseLayer("fc1", 3, 2, T, new long[] {1, 2, 3, 4, 5, 6}, T, new long[] {7, 8}, T, small),
            new ReluMaxLayer("relu1", 2, 6, apInt)));
        Hls4mlProjectWriter.write(model, dir, Hls4mlProjectWriter.Style.V1_3_0, Hls4mlProjectWriter.Values.EXACT,
            true, 7);
        refused("firmware/myproject.cpp:", "layer 'relu1': relu6 assigns its ap_fixed<10,-2> input to the " +
            "result type ap_int<8>: ap_types' to_ap_int_base leaves an ap_int uninitialised for a source with " +
            "negative integer bits");
    }

    private void replace(final String file, final String from, final String to) throws IOException
    {
        replace(firmware, file, from, to);
    }

    /** Replace text in a project file, which must contain it. */
    static void replace(final Path firmware, final String file, final String from, final String to) throws IOException
    {
        final Path path = firmware.resolve(file);
        final String text = Files.readString(path);
        assertTrue(text.contains(from), file + " lacks '" + from + "':\n" + text);
        Files.writeString(path, text.replace(from, to));
    }

    private void refused(final String where, final String what)
    {
        refused(dir, where, what);
    }

    /** The project at {@code dir} is refused with a message that starts with its path and {@code where}. */
    static void refused(final Path dir, final String where, final String what)
    {
        final ModelLoadException ex = assertThrows(ModelLoadException.class, () -> Hls4mlImporter.importProject(dir));
        final String message = ex.getMessage();
        assertTrue(message.startsWith("hls4ml project " + dir.toAbsolutePath().normalize() + ": " + where), message);
        assertTrue(message.contains(what), message);
    }
}
