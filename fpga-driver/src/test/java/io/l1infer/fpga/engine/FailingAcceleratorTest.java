package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.RandomModelGenerator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault injector runs the real engine until the chosen launch, then fails where and as often as asked. */
class FailingAcceleratorTest
{
    private static final long SEED = 77L;
    private static final ModelBundle MODEL =
        RandomModelGenerator.generate(new int[] {5, 7, 2}, 0.3, FixedPointType.apFixed(16, 6), SEED);

    @Test
    void failsOnceAtLaunchThenRunsNormally()
    {
        try (FailingAccelerator acc = new FailingAccelerator(new FixedPointEmulator(MODEL, 8), 2,
            FailingAccelerator.Stage.LAUNCH, FailingAccelerator.Persistence.ONCE);
             FixedPointEmulator reference = new FixedPointEmulator(MODEL, 8))
        {
            final SplittableRandom r = new SplittableRandom(SEED);
            runAndCompare(acc, reference, r, "batch 0");
            runAndCompare(acc, reference, r, "batch 1");
            final AcceleratorException ex = assertThrows(AcceleratorException.class, () -> acc.launch(0, 4));
            assertTrue(ex.getMessage().contains("launch 2"), ex.getMessage());
            assertTrue(acc.hasFailed());
            runAndCompare(acc, reference, r, "batch 3, after the one-off fault");
            assertEquals(4, acc.launches());
        }
    }

    @Test
    void failsPermanentlyAtAwaitAfterTheBatchRan()
    {
        try (FailingAccelerator acc = new FailingAccelerator(new FixedPointEmulator(MODEL, 8), 1,
            FailingAccelerator.Stage.AWAIT, FailingAccelerator.Persistence.PERMANENT);
             FixedPointEmulator reference = new FixedPointEmulator(MODEL, 8))
        {
            final SplittableRandom r = new SplittableRandom(SEED + 1);
            runAndCompare(acc, reference, r, "batch 0");
            assertFalse(acc.hasFailed());
            acc.launch(0, 3);
            final AcceleratorException atAwait = assertThrows(AcceleratorException.class, () -> acc.await(0));
            assertTrue(atAwait.getMessage().contains("await: injected fault at launch 1"), atAwait.getMessage());
            assertThrows(AcceleratorException.class, () -> acc.launch(0, 3));
        }
    }

    private static void runAndCompare(
        final Accelerator acc, final FixedPointEmulator reference, final SplittableRandom r, final String context)
    {
        final int n = 1 + r.nextInt(8);
        for (int b = 0; b < n; b++)
        {
            for (int f = 0; f < MODEL.input().size(); f++)
            {
                final int raw = r.nextInt(-4000, 4000);
                acc.buffers(0).putInput(b, f, raw);
                reference.buffers(0).putInput(b, f, raw);
            }
        }
        acc.infer(0, n);
        reference.infer(0, n);
        for (int b = 0; b < n; b++)
        {
            for (int o = 0; o < MODEL.output().size(); o++)
            {
                assertEquals(reference.buffers(0).getOutput(b, o), acc.buffers(0).getOutput(b, o),
                    context + ", event " + b + " (seed " + SEED + ")");
            }
        }
    }
}
