package io.l1infer.daemon;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.fixedpoint.FixedPointType;

import java.util.SplittableRandom;

/**
 * Runs seeded synthetic inputs through an accelerator before the daemon reports ready, in the batch sizes it will
 * see (single events and every batch size up to the maximum), so the JIT has compiled every path and an OpenCL device
 * has built its kernel: the first real events then do not pay for compilation (a cold start otherwise stalls them
 * for up to a second).
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
        // Half of the events as single-event batches: the single-event path is a separate method tree that the
        // JIT only compiles fully (C2, with the Vector API intrinsified, so no vector objects are allocated) after
        // thousands of calls. The other half walks through the batch sizes with a stride coprime to every vector
        // width, so each tail of a partly filled vector has been profiled and no real batch meets a cold branch
        // (which would deoptimise into the interpreter, where vector operations allocate).
        final int singles = events / 2;
        // Values near zero with about half of them zero, like real features and ReLU outputs, so that no branch
        // is left cold.
        // A 64-bit unsigned type's maxRaw reads -1 as a signed long.
        final long span = type.isUnsigned64() ? 4096 : Math.min(type.maxRaw(), 4096);
        int done = 0;
        int round = 0;
        while (done < events)
        {
            final int size = max < 2 ? 1 : 2 + (int)((round++ * 37L) % (max - 1));
            final int n = done < singles ? 1 : Math.min(size, events - done);
            final BatchBuffers buffers = accelerator.buffers(0);
            for (int b = 0; b < n; b++)
            {
                for (int f = 0; f < inputSize; f++)
                {
                    final long raw = random.nextBoolean() ? 0 :
                        random.nextLong(Math.max(type.minRaw(), -span), span + 1);
                    buffers.putInputLong(b, f, raw);
                }
            }
            accelerator.infer(0, n);
            done += n;
        }
    }
}
