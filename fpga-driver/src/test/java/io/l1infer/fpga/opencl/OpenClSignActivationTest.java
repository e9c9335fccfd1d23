package io.l1infer.fpga.opencl;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.SignActivationLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import io.l1infer.fpga.model.UnaryLutLayer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * binary_tanh, ternary_tanh and (every fourth model) unary_lut in the generated kernel: seeded dense + activation
 * models over every template
 * generation, data types that wrap or saturate when doubled (ternary), results that cannot hold -1 or +1
 * ({@code ap_uint<1>}, one-bit and unsigned types), OpenCL on PoCL equal to the CPU engine event by event.
 */
class OpenClSignActivationTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261201L);

    @Test
    void generatedKernelsEqualTheCpuEngine()
    {
        final OpenClDevice device = OpenClTestDevices.require();
        final SplittableRandom r = new SplittableRandom(SEED);
        final Map<String, ModelBundle> models = new LinkedHashMap<>();
        for (int m = 0; m < 24; m++)
        {
            models.put("sign_" + m, model(r, m));
        }
        int compared = 0;
        try (OpenClProgram program = OpenClProgram.fromSource(device, OpenClKernelSource.program(models), ""))
        {
            for (final Map.Entry<String, ModelBundle> e : models.entrySet())
            {
                compared += OpenClRandomModelsTest.compare(program, e.getKey(), e.getValue(), r,
                    e.getKey() + " (seed " + SEED + ")");
            }
        }
        assertTrue(compared >= 24 * 40, "compared only " + compared + " events");
    }

    private static ModelBundle model(final SplittableRandom r, final int m)
    {
        final FixedPointType in = FixedPointType.of(true, 8 + r.nextInt(9), 2 + r.nextInt(5), Quantization.AP_TRN,
            Overflow.AP_WRAP);
        final boolean signed = r.nextInt(4) != 0;
        final Overflow o = Overflow.values()[r.nextInt(Overflow.values().length)];
        final FixedPointType mid = FixedPointType.of(signed, 3 + r.nextInt(10), r.nextInt(4), Quantization.AP_TRN,
            !signed && o == Overflow.AP_WRAP_SM ? Overflow.AP_WRAP : o);
        final FixedPointType res = m % 4 == 0 ? FixedPointType.apInt(false, 1) : m % 4 == 1 ?
            FixedPointType.apInt(true, 2) : FixedPointType.of(r.nextBoolean(), 1 + r.nextInt(6), r.nextInt(3),
            Quantization.AP_TRN, r.nextBoolean() ? Overflow.AP_WRAP : Overflow.AP_SAT);
        final int nIn = 2 + r.nextInt(5);
        final int n = 2 + r.nextInt(6);
        final FixedPointType w = FixedPointType.parse("ap_fixed<8,2>");
        final long[] weights = new long[nIn * n];
        for (int k = 0; k < weights.length; k++)
        {
            weights[k] = r.nextLong(w.minRaw(), w.maxRaw() + 1);
        }
        final TemplateGeneration g = TemplateGeneration.values()[m % TemplateGeneration.values().length];
        final FixedPointType table = FixedPointType.parse("ap_fixed<12,4,AP_RND,AP_SAT>");
        final long[] t = new long[1 << mid.width()];
        for (int i = 0; i < t.length; i++)
        {
            t[i] = r.nextLong(table.minRaw(), table.maxRaw() + 1);
        }
        return ModelBundle.of("sign", "", new ModelInput(nIn, in, List.of()), new ModelOutput(n, res, List.of(), 1.0,
            ""), List.of(new DenseLayer("fc", nIn, n, w, weights, in, new long[n],
                FixedPointType.parse("ap_fixed<24,10>"), mid), m % 4 == 3 ?
                new UnaryLutLayer("act", n, table, t, res) :
                new SignActivationLayer("act", (m / 4) % 2 == 1, g, n, res)));
    }
}
