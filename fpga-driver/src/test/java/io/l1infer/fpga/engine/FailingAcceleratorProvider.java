package io.l1infer.fpga.engine;

import io.l1infer.fpga.model.ModelBundle;

import java.util.Locale;
import java.util.function.Function;

/**
 * {@code l1infer.accelerator=failing} (test code only): a {@link FailingAccelerator} around the CPU engine, so that a
 * real daemon process started with the test classes on its class path injects a device fault. The fault comes from
 * the environment variable {@value #FAULT_VARIABLE}, {@code STAGE,PERSISTENCE,LAUNCH} such as {@code HANG,ONCE,500};
 * the moment a launch hangs is printed as {@value #HUNG_LINE}{@code <System.nanoTime()>}, a clock that every process
 * of the host shares (CLOCK_MONOTONIC), so a test can time the failover from another process.
 */
public final class FailingAcceleratorProvider implements AcceleratorProvider
{
    /** The provider's name. */
    public static final String NAME = "failing";
    /** Where the fault is described. */
    public static final String FAULT_VARIABLE = "L1INFER_FAILING_ACCELERATOR";
    /** Start of the line that reports the hang. */
    public static final String HUNG_LINE = "FailingAccelerator: hung at nanoTime ";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Accelerator open(final ModelBundle model, final int maxBatch, final Function<String, String> settings)
    {
        final String fault = System.getenv(FAULT_VARIABLE);
        if (fault == null)
        {
            throw new AcceleratorException(FAULT_VARIABLE + " is not set (STAGE,PERSISTENCE,LAUNCH)");
        }
        final String[] parts = fault.split(",");
        if (parts.length != 3)
        {
            throw new AcceleratorException(FAULT_VARIABLE + "=" + fault + ": expected STAGE,PERSISTENCE,LAUNCH");
        }
        final FixedPointEmulator engine = new FixedPointEmulator(model, maxBatch);
        final FailingAccelerator device = new FailingAccelerator(engine, Long.parseLong(parts[2].trim()),
            FailingAccelerator.Stage.valueOf(parts[0].trim().toUpperCase(Locale.ROOT)),
            FailingAccelerator.Persistence.valueOf(parts[1].trim().toUpperCase(Locale.ROOT)));
        if (device.stage() == FailingAccelerator.Stage.HANG)
        {
            reportHang(device);
        }
        return warmupUncounted(device, engine);
    }

    /** {@code device} around {@code engine}, except that synchronous infer calls (warm-up) skip the fault count. */
    public static Accelerator warmupUncounted(final FailingAccelerator device, final Accelerator engine)
    {
        return new WarmupUncounted(device, engine);
    }

    /**
     * The daemon warms its accelerator up with synchronous {@code infer} calls, the owner thread only launches and
     * polls: warm-up batches go straight to the engine, so launch numbers count the owner's batches from the first.
     */
    private static final class WarmupUncounted extends ForwardingAccelerator
    {
        private final Accelerator engine;

        WarmupUncounted(final FailingAccelerator device, final Accelerator engine)
        {
            super(device);
            this.engine = engine;
        }

        @Override
        public void infer(final int set, final int batchSize)
        {
            engine.infer(set, batchSize);
        }
    }

    private static void reportHang(final FailingAccelerator device)
    {
        final Thread reporter = new Thread(() ->
        {
            try
            {
                while (device.hungAtNs() == 0)
                {
                    Thread.sleep(1);
                }
                System.out.println(HUNG_LINE + device.hungAtNs());
                System.out.flush();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "failing-accelerator-hang-report");
        reporter.setDaemon(true);
        reporter.start();
    }
}
