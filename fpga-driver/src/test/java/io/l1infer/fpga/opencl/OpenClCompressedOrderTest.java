package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.CompressedOrderModels;
import io.l1infer.fpga.model.ModelBundle;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dense_compressed's order with accumulators that saturate mid-sum ({@link CompressedOrderModels}, random entry
 * orders and reuse factors) in the generated kernel on PoCL, equal to the CPU engine event by event (which
 * {@code engine.CompressedDenseMatchesReferenceTest} checks against the template's loops).
 */
class OpenClCompressedOrderTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261202L);
    private static final int MODELS = 30;

    @Test
    void generatedKernelsSumInTheTemplatesOrder()
    {
        final OpenClDevice device = OpenClTestDevices.require();
        final SplittableRandom seeds = new SplittableRandom(SEED);
        final Map<String, ModelBundle> models = new LinkedHashMap<>();
        final Map<String, String> contexts = new LinkedHashMap<>();
        for (int k = 0; k < MODELS; k++)
        {
            final long modelSeed = seeds.nextLong();
            final SplittableRandom r = new SplittableRandom(modelSeed);
            models.put("compressed_" + k, CompressedOrderModels.withRandomOrders(CompressedOrderModels.random(r), r));
            contexts.put("compressed_" + k, "model seed " + modelSeed + ", run seed " + SEED);
        }
        final String source = OpenClKernelSource.program(models);
        assertTrue(source.contains("dense_compressed order"), "the kernels sum in the compressed order");
        final SplittableRandom r = new SplittableRandom(SEED ^ 0x636f);
        int compared = 0;
        try (OpenClProgram program = OpenClProgram.fromSource(device, source, ""))
        {
            for (final Map.Entry<String, ModelBundle> e : models.entrySet())
            {
                compared += OpenClWideTypesTest.compareLong(program, e.getKey(), e.getValue(), r,
                    contexts.get(e.getKey()));
            }
        }
        assertTrue(compared >= MODELS * 20, "compared only " + compared + " events");
    }
}
