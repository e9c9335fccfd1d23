package io.l1infer.daemon;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.util.SplittableRandom;

/**
 * Runs seeded synthetic inputs through an accelerator before the daemon reports ready, in the batch sizes it will
 * see (one event, small and full batches), so the JIT has compiled every path and an OpenCL device has built its
 * kernel: the first real events then do not pay for compilation (a cold start otherwise stalls them for up to a
 * second).
 */
final class AcceleratorWarmup
{
    private AcceleratorWarmup()
    {
    }

    static void run(final Accelerator accelerator, final int events, final long seed)
    {
        if (events <= 0)
        {
            return;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final FixedPointType type = accelerator.model().input().type();
        final int inputSize = accelerator.model().input().size();
        final int max = accelerator.maxBatchSize();
        final int[] sizes = {1, 1, 2, 3, Math.min(16, max), Math.min(64, max), max};
        // Values near zero with about half of them zero, like real features and ReLU outputs, so that no branch
        // is left cold.
        final long span = Math.min(type.maxRaw(), 4096);
        int done = 0;
        int round = 0;
        while (done < events)
        {
            final int n = Math.min(sizes[round++ % sizes.length], events - done);
            final BatchBuffers buffers = accelerator.buffers(0);
            for (int b = 0; b < n; b++)
            {
                for (int f = 0; f < inputSize; f++)
                {
                    final long raw = random.nextBoolean() ? 0 : random.nextLong(Math.max(type.minRaw(), -span), span + 1);
                    buffers.putInput(b, f, (int)raw);
                }
            }
            accelerator.infer(0, n);
            done += n;
        }
    }
}
