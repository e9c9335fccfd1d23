package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.model.DenseLayer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a dense layer as {@code nnet::dense_compressed} with the COO weights hls4ml's CompressedWeightVariable
 * builds: the non-zeros plus the first zeros in C order padding the count to a multiple of the reuse factor, sorted
 * by column then row, each printed {@code {row, col, value}}; indices as wide as {@code int(log2(max_idx) + 1)}.
 */
final class Hls4mlCompressedWriter
{
    private final Hls4mlProjectWriter writer;
    private final SplittableRandom random;

    Hls4mlCompressedWriter(final Hls4mlProjectWriter writer, final SplittableRandom random)
    {
        this.writer = writer;
        this.random = random;
    }

    /**
     * Integer weight fields (the binary and ternary products) are refused, and hls4ml needs a non-zero; every
     * accumulator is imported exactly (a saturating one with the template's order).
     */
    static boolean applies(final DenseLayer d)
    {
        boolean nonzero = false;
        for (final long w : d.weights())
        {
            nonzero |= w != 0;
        }
        return nonzero && !d.weightType().isInteger();
    }

    String call(
        final DenseLayer d, final int index, final String targs, final String in, final String out, final String accum)
    {
        int nonzero = 0;
        for (final long w : d.weights())
        {
            nonzero += w != 0 ? 1 : 0;
        }
        final int zeros = d.weights().length - nonzero;
        int rf = 1 + random.nextInt(4);
        int pad = (rf - nonzero % rf) % rf;
        if (pad > zeros)
        {
            rf = 1;
            pad = 0;
        }
        final List<long[]> entries = new ArrayList<>();
        int extra = pad;
        for (int i = 0; i < d.inputSize(); i++)
        {
            for (int j = 0; j < d.outputSize(); j++)
            {
                final long w = d.weight(i, j);
                if (w != 0 || extra > 0)
                {
                    extra -= w == 0 ? 1 : 0;
                    entries.add(new long[] {j, i, w});
                }
            }
        }
        entries.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        long maxIndex = 0;
        for (final long[] e : entries)
        {
            maxIndex = Math.max(maxIndex, Math.max(e[0], e[1]));
        }
        final int indexBits = maxIndex > 0 ? 64 - Long.numberOfLeadingZeros(maxIndex) : 32;
        final String indexType = "ap_uint<" + indexBits + ">";
        final String type = "compressed_weight" + index + "_t";
        writer.typedefText("layer" + index + "_index", indexType);
        writer.typedefText(type, "struct " + type + " {" + indexType + " row_index;" + indexType + " col_index;" +
            writer.spelling(d.weightType()) + " weight; }");
        final List<String> formatted = new ArrayList<>();
        for (final long[] e : entries)
        {
            formatted.add("{" + e[1] + ", " + e[0] + ", " + writer.weightDecimal(e[2], d.weightType()) + "}");
        }
        writer.entries("w" + index, type, formatted, "load_compressed_weights_from_txt");
        writer.array("b" + index, "bias" + index + "_t", d.biases(), d.biasType());
        writer.config("struct config" + index + " : nnet::dense_config {\n" +
            "    static const unsigned n_in = " + d.inputSize() + ";\n" +
            "    static const unsigned n_out = " + d.outputSize() + ";\n" +
            "    static const unsigned io_type = nnet::io_parallel;\n" +
            "    static const unsigned reuse_factor = " + rf + ";\n" +
            "    static const unsigned n_zeros = " + zeros + ";\n" +
            "    static const unsigned n_nonzeros = " + entries.size() + ";\n" +
            "    static const unsigned multiplier_limit = DIV_ROUNDUP(n_in * n_out, reuse_factor) - " +
            "n_zeros / reuse_factor;\n" +
            "    static const bool store_weights_in_bram = false;\n" +
            "    typedef " + accum + " accum_t;\n" +
            "    typedef bias" + index + "_t bias_t;\n" +
            "    typedef " + type + " weight_t;\n" +
            "    typedef layer" + index + "_index index_t;\n" +
            // hls4ml 1.x's dense config template always declares a kernel; without it the project reads as 0.8.
            (writer.style() == Hls4mlProjectWriter.Style.V1_3_0 ? "    template<class data_T, class res_T, class " +
            "CONFIG_T>\n    using kernel = nnet::DenseLatency<data_T, res_T, CONFIG_T>;\n" : "") +
            // hls4ml's own mult<x_T, y_T> does not compile here: the template passes the struct's weight field.
            "    template<class x_T, class y_T>\n" +
            "    using product = nnet::product::mult<x_T, decltype(y_T::weight)>;\n};\n");
        return "nnet::dense_compressed" + targs + "config" + index + ">(" + in + ", " + out + ", w" + index + ", b" +
            index + ");";
    }
}
