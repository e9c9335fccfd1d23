package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.AcceleratorException;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FailingAccelerator;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ActivationTable;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelInput;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.model.ReluLayer;
import io.l1infer.fpga.model.SoftmaxImplementation;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.TemplateGeneration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failover at the driver level, as the daemon does it through the {@link Accelerator} interface: a softmax tagger
 * (hls4ml's 16-64-5 jet-tagging shape, 1.x softmax, ap_int biases, a 40-bit accumulator) streams through the
 * OpenCL accelerator until an injected device error, then the failed batch and the rest run on the CPU engine; the
 * whole stream equals a CPU-only run, bit for bit.
 */
class OpenClFailoverTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 20261201L);

    @Test
    void softmaxTaggerFailsOverToTheCpuEngineWithIdenticalResults()
    {
        final OpenClDevice device = OpenClTestDevices.require();
        final SplittableRandom r = new SplittableRandom(SEED);
        final ModelBundle model = tagger(r);
        final int batch = 16;
        final int batches = 12;
        final int failing = 5;
        final int in = model.input().size();
        final int out = model.output().size();
        final long[][] inputs = new long[batch * batches][in];
        for (final long[] event : inputs)
        {
            for (int f = 0; f < in; f++)
            {
                event[f] = OpenClWideTypesTest.raw(r, model.input().type());
            }
        }
        final long[][] expected = new long[inputs.length][out];
        try (FixedPointEmulator cpu = new FixedPointEmulator(model, batch))
        {
            for (int b = 0; b < batches; b++)
            {
                run(cpu, inputs, expected, b * batch, batch);
            }
        }
        final long[][] actual = new long[inputs.length][out];
        int onOpenCl = 0;
        try (OpenClProgram program = OpenClProgram.fromSource(device, OpenClKernelSource.program("tagger", model), "");
             FixedPointEmulator standby = new FixedPointEmulator(model, batch);
             Accelerator primary = new FailingAccelerator(new OpenClAccelerator(program, "tagger", model, batch, 1,
                 MappedBufferPolicy.PERSISTENT), failing, FailingAccelerator.Stage.AWAIT,
                 FailingAccelerator.Persistence.PERMANENT))
        {
            Accelerator active = primary;
            for (int b = 0; b < batches; b++)
            {
                try
                {
                    run(active, inputs, actual, b * batch, batch);
                    onOpenCl += active == primary ? 1 : 0;
                }
                catch (final AcceleratorException deviceError)
                {
                    active = standby;
                    run(active, inputs, actual, b * batch, batch);
                }
            }
        }
        assertEquals(failing, onOpenCl, "batches computed by OpenCL before the injected error");
        for (int e = 0; e < inputs.length; e++)
        {
            assertArrayEquals(expected[e], actual[e], "event " + e + " (seed " + SEED + ")");
        }
        final long distinct =
            java.util.Arrays.stream(expected).flatMapToLong(java.util.Arrays::stream).distinct().count();
        assertTrue(distinct >= 20, "the stream's probabilities take only " + distinct + " values");
    }

    private static void run(
        final Accelerator acc, final long[][] inputs, final long[][] outputs, final int first, final int n)
    {
        final BatchBuffers buffers = acc.buffers(0);
        for (int b = 0; b < n; b++)
        {
            for (int f = 0; f < inputs[first + b].length; f++)
            {
                buffers.putInputLong(b, f, inputs[first + b][f]);
            }
        }
        acc.infer(0, n);
        for (int b = 0; b < n; b++)
        {
            for (int o = 0; o < outputs[first + b].length; o++)
            {
                outputs[first + b][o] = buffers.getOutputLong(b, o);
            }
        }
    }

    private static ModelBundle tagger(final SplittableRandom r)
    {
        final FixedPointType in = FixedPointType.parse("ap_fixed<16,6>");
        final FixedPointType w = FixedPointType.parse("ap_fixed<8,2,AP_RND_CONV,AP_SAT>");
        final FixedPointType bias = FixedPointType.parse("ap_int<8>");
        final FixedPointType acc = FixedPointType.parse("ap_fixed<40,16>");
        final FixedPointType hidden = FixedPointType.parse("ap_fixed<16,6,AP_RND,AP_SAT_SYM>");
        final FixedPointType relu = FixedPointType.parse("ap_ufixed<15,5,AP_RND_ZERO,AP_SAT>");
        final FixedPointType logits = FixedPointType.parse("ap_fixed<16,6>");
        final FixedPointType table = FixedPointType.parse("ap_fixed<18,8,AP_RND,AP_SAT>");
        final FixedPointType prob = FixedPointType.parse("ap_ufixed<16,0,AP_RND,AP_SAT>");
        final List<Layer> layers = List.of(
            new DenseLayer("fc1", 16, 64, w, OpenClWideTypesTest.raws(r, w, 16 * 64), bias,
                OpenClWideTypesTest.raws(r, bias, 64), acc, hidden),
            new ReluLayer("relu1", 64, relu),
            new DenseLayer("output", 64, 5, w, OpenClWideTypesTest.raws(r, w, 64 * 5), bias,
                OpenClWideTypesTest.raws(r, bias, 5), acc, logits),
            new SoftmaxLayer("softmax", 5, SoftmaxImplementation.STABLE, TemplateGeneration.V1,
                new ActivationTable(table, 1024), new ActivationTable(table, 1024),
                FixedPointType.parse("ap_fixed<18,8>"), FixedPointType.parse("ap_fixed<18,8>"),
                FixedPointType.parse("ap_fixed<16,6,AP_RND,AP_SAT>"), 1.0f, SoftmaxLayer.ACTIV_CONFIG_TABLE_T, 1, 1,
                prob));
        return ModelBundle.of("tagger", "", new ModelInput(16, in, List.of()),
            new ModelOutput(5, prob, List.of(), 1, ""), layers);
    }
}
