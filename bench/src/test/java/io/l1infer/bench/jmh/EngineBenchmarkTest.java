package io.l1infer.bench.jmh;

import io.l1infer.bench.BenchPaths;
import io.l1infer.bench.FloatForwardPass;
import io.l1infer.bench.ThesisReference;
import io.l1infer.fpga.engine.ReferenceEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The benchmark's operation, called directly (no JMH): it feeds the right events and reads every output, so its
 * checksum equals one computed from the reference data or an independent engine.
 */
class EngineBenchmarkTest
{
    private static ThesisReference reference;

    @BeforeAll
    static void pointAtTheProject()
    {
        System.setProperty(BenchmarkModels.HOME_PROPERTY, BenchPaths.root().toString());
        reference = ThesisReference.load();
    }

    @AfterAll
    static void clearHome()
    {
        System.clearProperty(BenchmarkModels.HOME_PROPERTY);
    }

    @Test
    void realInputsQuantizeToTheReferenceRawInputs()
    {
        final double[][] features = BenchmarkModels.realInputs();
        assertEquals(14_248, features.length);
        final FixedPointType inType = reference.model.input().type();
        for (int e = 0; e < ThesisReference.EVENTS; e++)
        {
            for (int f = 0; f < ThesisReference.FEATURES; f++)
            {
                assertEquals(reference.rawInputs[e][f], inType.fromDouble(features[e][f]),
                    "event " + e + ", feature " + f);
            }
        }
    }

    @Test
    void emulatorBatchesOfTheThesisModelSumTheExpectedOutputs()
    {
        for (final int batch : new int[] {1, 16, 64, 256})
        {
            final EngineBenchmark bench = open(BenchmarkModels.THESIS, batch, EngineBenchmark.EMULATOR);
            try
            {
                for (int first = 0; first + batch <= ThesisReference.EVENTS; first += batch)
                {
                    long expected = 0;
                    for (int b = 0; b < batch; b++)
                    {
                        expected += reference.expectedRawOutputs[first + b];
                    }
                    assertEquals(expected, bench.inferBatch(), "batch " + batch + ", events from " + first);
                }
            }
            finally
            {
                bench.close();
            }
        }
    }

    @Test
    void onnxBatchesOfTheThesisModelSumTheFloatOutputs()
    {
        final FloatForwardPass pass = new FloatForwardPass(reference.model);
        final int batch = 64;
        final EngineBenchmark bench = open(BenchmarkModels.THESIS, batch, EngineBenchmark.ONNX);
        try
        {
            for (int first = 0; first + batch <= 256; first += batch)
            {
                double expected = 0;
                for (int b = 0; b < batch; b++)
                {
                    expected += pass.apply(reference.quantizedInputs(first + b))[0];
                }
                assertEquals(expected, Double.longBitsToDouble(bench.inferBatch()), 1e-4 * batch,
                    "events from " + first);
            }
        }
        finally
        {
            bench.close();
        }
    }

    @Test
    void randomModelRunsOnTheSameFeaturesInBothEngines()
    {
        final ModelBundle model = BenchmarkModels.model(BenchmarkModels.RANDOM);
        assertEquals("random-27-35-20-25-40-20-15-1-seed1", model.name());
        final ReferenceEmulator exact = new ReferenceEmulator(model);
        final FloatForwardPass pass = new FloatForwardPass(model);
        final int batch = 16;
        final EngineBenchmark emulator = open(BenchmarkModels.RANDOM, batch, EngineBenchmark.EMULATOR);
        final EngineBenchmark onnx = open(BenchmarkModels.RANDOM, batch, EngineBenchmark.ONNX);
        try
        {
            for (int first = 0; first < 4 * batch; first += batch)
            {
                long exactSum = 0;
                double floatSum = 0;
                for (int b = 0; b < batch; b++)
                {
                    exactSum += exact.infer(reference.rawInputs[first + b])[0];
                    floatSum += pass.apply(reference.quantizedInputs(first + b))[0];
                }
                assertEquals(exactSum, emulator.inferBatch(), "events from " + first);
                assertEquals(floatSum, Double.longBitsToDouble(onnx.inferBatch()), 1e-4 * batch,
                    "events from " + first);
            }
        }
        finally
        {
            emulator.close();
            onnx.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BenchmarkModels.TAGGER, BenchmarkModels.WIDE})
    void seededModelsRunTheirSeededInputsInBothEngines(final String name)
    {
        final ModelBundle model = BenchmarkModels.model(name);
        final double[][] features = BenchmarkModels.inputs(name);
        assertEquals(SyntheticModels.EVENTS, features.length, name);
        assertEquals(model.input().size(), features[0].length, name);
        final FixedPointType inType = model.input().type();
        final ReferenceEmulator exact = new ReferenceEmulator(model);
        final FloatForwardPass pass = new FloatForwardPass(model);
        final int outputs = model.output().size();
        for (final int batch : new int[] {1, 256})
        {
            final EngineBenchmark emulator = open(name, batch, EngineBenchmark.EMULATOR);
            final EngineBenchmark onnx = open(name, batch, EngineBenchmark.ONNX);
            try
            {
                for (int first = 0; first < 4 * batch; first += batch)
                {
                    long exactSum = 0;
                    double floatSum = 0;
                    for (int b = 0; b < batch; b++)
                    {
                        final int[] raw = new int[features[first + b].length];
                        final double[] quantized = new double[raw.length];
                        for (int f = 0; f < raw.length; f++)
                        {
                            raw[f] = (int)inType.fromDouble(features[first + b][f]);
                            quantized[f] = inType.toDouble(raw[f]);
                        }
                        final int[] rawOut = exact.infer(raw);
                        final double[] floatOut = pass.apply(quantized);
                        for (int o = 0; o < outputs; o++)
                        {
                            exactSum += rawOut[o];
                            floatSum += floatOut[o];
                        }
                    }
                    final String where = name + " batch " + batch + ", events from " + first + " (input seed " +
                        SyntheticModels.SEED + ")";
                    assertEquals(exactSum, emulator.inferBatch(), where);
                    assertEquals(floatSum, Double.longBitsToDouble(onnx.inferBatch()), 1e-4 * batch, where);
                }
            }
            finally
            {
                emulator.close();
                onnx.close();
            }
        }
    }

    @Test
    void taggerEndsInAnHls4mlSoftmaxThatOnnxRuntimeNormalises()
    {
        final ModelBundle model = BenchmarkModels.model(BenchmarkModels.TAGGER);
        final SoftmaxLayer softmax =
            assertInstanceOf(SoftmaxLayer.class, model.layers().get(model.layers().size() - 1));
        assertEquals(5, softmax.size());
        assertEquals(TemplateGeneration.V1, softmax.generation());
        final int batch = 16;
        final EngineBenchmark onnx = open(BenchmarkModels.TAGGER, batch, EngineBenchmark.ONNX);
        try
        {
            // Five probabilities per event sum to 1 in float32: the graph's last node is a real softmax.
            assertEquals(batch, Double.longBitsToDouble(onnx.inferBatch()), 1e-4 * batch);
        }
        finally
        {
            onnx.close();
        }
    }

    @Test
    void walksThroughAllEventsAndWrapsAround()
    {
        final int batch = 256;
        final int events = reference.features.length;
        final EngineBenchmark bench = open(BenchmarkModels.THESIS, batch, EngineBenchmark.EMULATOR);
        try
        {
            final long first = bench.inferBatch();
            for (int k = 1; k < events / batch; k++)
            {
                bench.inferBatch();
            }
            assertEquals(first, bench.inferBatch(), "after " + events / batch + " batches it starts again");
        }
        finally
        {
            bench.close();
        }
    }

    @Test
    void rejectsUnknownModelAndEngine()
    {
        assertEquals("unknown benchmark model 'nope' (expected thesis, random-27-35-20-25-40-20-15-1, " +
            "tagger-16-64-32-32-5 or random-252-15-1)",
            assertThrows(IllegalArgumentException.class, () -> open("nope", 1, EngineBenchmark.ONNX)).getMessage());
        assertEquals("unknown engine 'gpu' (expected emulator or onnx)",
            assertThrows(IllegalArgumentException.class, () -> open(BenchmarkModels.THESIS, 1, "gpu")).getMessage());
    }

    private static EngineBenchmark open(final String model, final int batch, final String engine)
    {
        final EngineBenchmark bench = new EngineBenchmark();
        bench.model = model;
        bench.batch = batch;
        bench.engine = engine;
        bench.open();
        return bench;
    }
}
