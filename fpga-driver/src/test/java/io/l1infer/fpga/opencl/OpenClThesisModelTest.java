package io.l1infer.fpga.opencl;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.model.ModelBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generated kernel on PoCL reproduces every line of the hls4ml C simulation of the thesis model, at several
 * batch sizes, with two buffer sets in flight (set 1 is filled while set 0 runs), under both mapping policies.
 */
class OpenClThesisModelTest
{
    private static ModelBundle model;
    private static ThesisReferenceData data;
    private static OpenClProgram program;

    @BeforeAll
    static void build()
    {
        final OpenClDevice device = OpenClTestDevices.require();
        model = ModelBundle.load(ProjectPaths.thesisModel());
        data = ThesisReferenceData.load();
        program = OpenClProgram.fromSource(device,
            OpenClKernelSource.program(OpenClKernelSource.DEFAULT_KERNEL_NAME, model), "");
    }

    @AfterAll
    static void release()
    {
        if (program != null)
        {
            program.close();
        }
    }

    @ParameterizedTest
    @EnumSource(MappedBufferPolicy.class)
    void everyLineBitExactAtEveryBatchSizeWithTwoSetsInFlight(final MappedBufferPolicy policy)
    {
        for (final int batch : new int[] {1, 3, 16, 64, 129, 256, 1000})
        {
            try (OpenClAccelerator accelerator = new OpenClAccelerator(program,
                OpenClKernelSource.DEFAULT_KERNEL_NAME, model, batch, 2, policy))
            {
                runAll(accelerator, batch, policy + ", batch size " + batch);
            }
        }
    }

    @Test
    void oneSetSynchronousCallsAlsoMatch()
    {
        try (OpenClAccelerator accelerator = new OpenClAccelerator(program,
            OpenClKernelSource.DEFAULT_KERNEL_NAME, model, 100, 1, MappedBufferPolicy.PERSISTENT))
        {
            final BatchBuffers buf = accelerator.buffers(0);
            for (int first = 0; first < data.size(); first += 100)
            {
                fill(buf, first, 100);
                accelerator.infer(0, 100);
                check(buf, first, 100, "one set, batch 100");
            }
        }
    }

    /**
     * Pipelined: launch batch k on set k % 2, then fill batch k+1 into the other set while it runs, then await
     * batch k and check it.
     */
    private static void runAll(final OpenClAccelerator accelerator, final int batch, final String context)
    {
        final int sets = accelerator.bufferSetCount();
        final int batches = (data.size() + batch - 1) / batch;
        fill(accelerator.buffers(0), 0, Math.min(batch, data.size()));
        accelerator.launch(0, Math.min(batch, data.size()));
        for (int k = 0; k < batches; k++)
        {
            final int first = k * batch;
            final int n = Math.min(batch, data.size() - first);
            final int set = k % sets;
            if (k + 1 < batches)
            {
                final int nextFirst = first + batch;
                final int nextN = Math.min(batch, data.size() - nextFirst);
                final int nextSet = (k + 1) % sets;
                fill(accelerator.buffers(nextSet), nextFirst, nextN);
                accelerator.launch(nextSet, nextN);
            }
            accelerator.await(set);
            check(accelerator.buffers(set), first, n, context);
        }
    }

    private static void fill(final BatchBuffers buf, final int first, final int n)
    {
        for (int b = 0; b < n; b++)
        {
            for (int f = 0; f < 27; f++)
            {
                buf.putInput(b, f, data.inputs[first + b][f]);
            }
        }
    }

    private static void check(final BatchBuffers buf, final int first, final int n, final String context)
    {
        for (int b = 0; b < n; b++)
        {
            final int line = first + b + 1;
            assertEquals(data.expected[first + b], buf.getOutput(b, 0), () -> context + ", line " + line);
        }
    }
}
