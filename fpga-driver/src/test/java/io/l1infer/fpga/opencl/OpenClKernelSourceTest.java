package io.l1infer.fpga.opencl;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.RandomModelGenerator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated source: hls4ml's signature, one statement per non-zero weight, clear refusals. No OpenCL needed. */
class OpenClKernelSourceTest
{
    @Test
    void thesisKernelHasHls4mlSignatureAndOneTermPerNonZeroWeight()
    {
        final ModelBundle model = ModelBundle.load(ProjectPaths.thesisModel());
        final String source = OpenClKernelSource.program(OpenClKernelSource.DEFAULT_KERNEL_NAME, model);
        assertTrue(source.contains("__kernel void kernel_wrapper(const uint batchsize, __global const short " +
            "*restrict in, __global int *restrict out)"), "ap_fixed<16,6> in as short, ap_fixed<17,2> out as int");
        int nonZero = 0;
        for (final Layer layer : model.layers())
        {
            if (layer instanceof DenseLayer d)
            {
                for (final long w : d.weights())
                {
                    nonZero += w != 0 ? 1 : 0;
                }
            }
        }
        assertEquals(nonZero, count(source, "\\n    a\\d+_\\d+ \\+= "),
            "accumulate statements (wrapping accumulators)");
        assertTrue(nonZero < 8000 / 2, "the thesis model is 75% pruned: " + nonZero);
    }

    @Test
    void saturatingAccumulatorConvertsEveryProductInInputOrder()
    {
        final FixedPointType in = FixedPointType.parse("ap_fixed<10,4>");
        final FixedPointType sat = FixedPointType.parse("ap_fixed<12,4,AP_RND,AP_SAT>");
        final long[] w = {3, 0, -5, 7, 0, 0}; // 3 inputs x 2 outputs, input-major
        final DenseLayer d = new DenseLayer("d", 3, 2, in, w, in, new long[] {1, -1}, sat, sat);
        final ModelBundle model = ModelBundle.of("m", "", new ModelInput(3, in, List.of()),
            new ModelOutput(2, sat, List.of(), 1, ""), List.of(d));
        final String source = OpenClKernelSource.program("k", model);
        final List<String> steps = Pattern.compile(
            "\\n    (a1_\\d+) = \\(int\\)l1_saturate_scaled\\(\\(long\\)\\(\\(int\\)" +
            "\\(\\1 \\+ \\(int\\)l1_saturate\\(l1_round_half_up\\(\\(long\\)\\(\\(int\\)\\(\\(long\\)(v0_\\d+) \\* " +
            "\\(?(-?\\d+)L").matcher(source).results()
            .map(r -> r.group(1) + "+=" + r.group(2) + "*" + r.group(3)).toList();
        assertEquals(List.of("a1_0+=v0_0*3", "a1_0+=v0_1*-5", "a1_1+=v0_1*7"), steps, source);
    }

    @Test
    void elementTypesFollowTheM_axiLayout()
    {
        assertEquals("uchar", OpenClKernelSource.elementType(FixedPointType.parse("ap_ufixed<8,3>")));
        assertEquals("char", OpenClKernelSource.elementType(FixedPointType.parse("ap_fixed<8,3>")));
        assertEquals("short", OpenClKernelSource.elementType(FixedPointType.parse("ap_fixed<9,3>")));
        assertEquals("ushort", OpenClKernelSource.elementType(FixedPointType.parse("ap_ufixed<16,3>")));
        assertEquals("int", OpenClKernelSource.elementType(FixedPointType.parse("ap_fixed<17,2>")));
        assertEquals("uint", OpenClKernelSource.elementType(FixedPointType.parse("ap_ufixed<31,2>")));
    }

    @Test
    void severalModelsShareOnePreludeInOneProgram()
    {
        final FixedPointType t = FixedPointType.apFixed(16, 6);
        final Map<String, ModelBundle> models = new LinkedHashMap<>();
        models.put("first", RandomModelGenerator.generate(new int[] {3, 4, 1}, 0.0, t, 1));
        models.put("second", RandomModelGenerator.generate(new int[] {5, 2}, 0.0, t, 2));
        final String source = OpenClKernelSource.program(models);
        assertEquals(1, count(source, "static inline long l1_floor_shift"));
        assertTrue(source.indexOf("__kernel void first(") < source.indexOf("__kernel void second("));
    }

    @Test
    void refusesBadNamesAndTooWideBatchNorm()
    {
        final FixedPointType t = FixedPointType.apFixed(16, 6);
        final ModelBundle small = RandomModelGenerator.generate(new int[] {2, 1}, 0.0, t, 3);
        final IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
            () -> OpenClKernelSource.program("9lives", small));
        assertEquals("kernel name '9lives' is not a C identifier", name.getMessage());

        // x*scale has 124 fraction bits, the bias 31 integer bits: the exact sum needs 155 bits
        final FixedPointType fine = FixedPointType.parse("ap_fixed<32,-30>");
        final FixedPointType coarse = FixedPointType.parse("ap_fixed<32,30>");
        final BatchNormLayer bn = new BatchNormLayer("bn_wide", 1, fine, new long[] {5}, coarse, new long[] {1}, t);
        final ModelBundle model = ModelBundle.of("m", "", new ModelInput(1, fine, List.of()),
            new ModelOutput(1, t, List.of(), 1, ""), List.of(bn));
        final IllegalArgumentException tooWide = assertThrows(IllegalArgumentException.class,
            () -> OpenClKernelSource.program("k", model));
        assertEquals("layer 'bn_wide': exact x*scale+bias is a ap_fixed<155,31>, wider than the 128 bits the " +
            "OpenCL kernel holds", tooWide.getMessage());
        assertTrue(tooWide.getMessage().startsWith("layer 'bn_wide'"),
            tooWide.getMessage());
    }

    private static int count(final String text, final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find())
        {
            n++;
        }
        return n;
    }
}
