package io.l1infer.daemon;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.l1infer.config.AcceleratorKind;
import io.l1infer.config.AgentLayout;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.opencl.OpenClAccelerator;
import io.l1infer.fpga.opencl.OpenClDeviceSelector;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * The assembled daemon: Aeron ingest, a Disruptor ring, the single accelerator owner and the result stream, each
 * thread an Agrona agent. {@link #close()} stops intake, answers every accepted event, then closes in reverse
 * order of creation; it is idempotent.
 */
public final class L1inferDaemon implements AutoCloseable
{
    private final DaemonConfig config;
    private final DaemonErrorLog errorLog;
    private final ModelBundle model;
    private final Accelerator primary;
    private final Accelerator fallback;
    private final AeronConnection connection;
    private final DaemonCounters counters;
    private final Subscription subscription;
    private final ExclusivePublication resultPublication;
    private final ExclusivePublication rejectPublication;
    private final PartitionFilter partitionFilter;
    private final RingBuffer<RingEvent> ring;
    private final Sequence consumed = new Sequence();
    private final SingleWriterRecorder latency;
    private final SegmentIngestAgent ingestAgent;
    private final AcceleratorOwner owner;
    private final LatencyMonitorAgent monitor;
    private final LatencyGauges latencyGauges;
    private final MetricsEndpoint metrics;
    private final SystemdNotifier notifier = SystemdNotifier.fromEnvironment();
    private final AgentRunner ingestRunner;
    private final AgentRunner ownerRunner;
    private final AgentRunner monitorRunner;
    private volatile boolean closed;
    private volatile Runnable clientClosedListener = () -> { };
    private boolean drained;

    private L1inferDaemon(final DaemonConfig config, final Function<ModelBundle, Accelerator> acceleratorFactory)
    {
        this.config = config;
        DaemonErrorLog log = null;
        AeronConnection conn = null;
        LatencyGauges gauges = null;
        MetricsEndpoint endpoint = null;
        Accelerator prim = null;
        Accelerator fall = null;
        try
        {
            model = ModelBundle.load(config.modelDir());
            prim = acceleratorFactory != null ? acceleratorFactory.apply(model) : openAccelerator(config, model);
            fall = config.failoverEnabled() && !(prim instanceof FixedPointEmulator) ?
                new FixedPointEmulator(model, prim.maxBatchSize()) : null;
            primary = prim;
            fallback = fall;
            AcceleratorWarmup.run(primary, config.acceleratorWarmup(), 1);
            if (fallback != null)
            {
                AcceleratorWarmup.run(fallback, config.acceleratorWarmup(), 2);
            }

            final java.nio.file.Path dir = config.aeronDir();
            final DeferredErrorHandler aeronErrors = new DeferredErrorHandler();
            conn = new AeronConnection(config, aeronErrors, this::onAeronClientClosed);
            connection = conn;
            log = new DaemonErrorLog(dir, config.errorLogLength());
            errorLog = log;
            aeronErrors.forwardTo(log);
            final Aeron aeron = conn.aeron();
            counters = new DaemonCounters(aeron);
            errorLog.countWith(counters.errors);

            subscription = ConfiguredStreams.subscription(aeron, DaemonSettings.INGEST_CHANNEL,
                config.ingestChannel(), config.ingestStream());
            resultPublication = ConfiguredStreams.publication(aeron, DaemonSettings.RESULT_CHANNEL,
                config.resultChannel(), config.resultStream());
            rejectPublication = config.rejectStream() == config.resultStream() ? resultPublication :
                ConfiguredStreams.publication(aeron, DaemonSettings.RESULT_CHANNEL, config.resultChannel(),
                config.rejectStream());
            partitionFilter = new PartitionFilter(config.partitionWheels(), config.partitionSectors());

            final int inputSize = model.input().size();
            ring = RingBuffer.createSingleProducer(() -> new RingEvent(inputSize), config.ringSize());
            ring.addGatingSequences(consumed);
            latency = new SingleWriterRecorder(config.histogramMaxNs(), 3);

            ingestAgent = new SegmentIngestAgent(subscription, ring, new RequestTranslator(model), partitionFilter,
                counters, conn.driverInvoker(), conn.clientInvoker(), errorLog, config.ingestFragmentLimit());
            final ResultPublisher publisher = new ResultPublisher(resultPublication, rejectPublication,
                model.output(), config.publishMaxRetries(), counters, errorLog);
            owner = new AcceleratorOwner(ring, consumed, primary, fallback, config.acceleratorMaxBatch(), publisher,
                latency, config.histogramMaxNs(), counters, errorLog);
            monitor = new LatencyMonitorAgent(latency, config.histogramIntervalNs(), config.histogramMaxNs(),
                config.histogramLog().orElse(null));

            gauges = new LatencyGauges(aeron, monitor);
            latencyGauges = gauges;
            final ServiceStatusAgent status = new ServiceStatusAgent(notifier, counters, monitor, owner,
                config.watchdogStallNs(), config.statusIntervalNs());
            monitorRunner = new AgentRunner(new SleepingMillisIdleStrategy(50), errorLog, counters.errors,
                new CompositeAgent(monitor, gauges, status));
            endpoint = config.metricsListen().map((address) ->
                new MetricsEndpoint(address, aeron.countersReader(), aeron.clientId())).orElse(null);
            metrics = endpoint;
            if (config.agentLayout() == AgentLayout.COMBINED)
            {
                // One busy thread: each duty cycle polls the ingest stream into the ring, then drains the ring.
                ownerRunner = null;
                ingestRunner = new AgentRunner(IdleStrategies.of(config.ingestIdle()), errorLog, counters.errors,
                    new CompositeAgent(ingestAgent, owner));
            }
            else
            {
                ownerRunner = new AgentRunner(IdleStrategies.of(config.ownerIdle()), errorLog, counters.errors, owner);
                ingestRunner = new AgentRunner(IdleStrategies.of(config.ingestIdle()), errorLog, counters.errors,
                    ingestAgent);
            }
            AgentRunner.startOnThread(monitorRunner);
            if (ownerRunner != null)
            {
                AgentRunner.startOnThread(ownerRunner);
            }
            AgentRunner.startOnThread(ingestRunner);
            // Ready only now: the accelerator is loaded and the ingest subscription is up.
            notifier.ready();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(endpoint, gauges, conn, log, fall, prim);
            throw ex;
        }
    }

    /**
     * Start a daemon with the configured accelerator.
     *
     * @throws RuntimeException with a message naming what failed (model, accelerator, Aeron).
     */
    public static L1inferDaemon launch(final DaemonConfig config)
    {
        return new L1inferDaemon(config, null);
    }

    /**
     * Start a daemon whose primary accelerator comes from {@code acceleratorFactory} (for fault-injection and
     * slow-device tests, and embedding); failover still goes to the CPU emulator.
     */
    public static L1inferDaemon launch(
        final DaemonConfig config, final Function<ModelBundle, Accelerator> acceleratorFactory)
    {
        return new L1inferDaemon(config, acceleratorFactory);
    }

    static Accelerator openAccelerator(final DaemonConfig config, final ModelBundle model)
    {
        if (config.accelerator() == AcceleratorKind.EMULATOR)
        {
            return new FixedPointEmulator(model, config.acceleratorMaxBatch());
        }
        final OpenClDeviceSelector selector = new OpenClDeviceSelector(config.openClPlatform(),
            config.openClDevice(), OpenClDeviceSelector.DeviceTypeFilter.valueOf(config.openClDeviceType().name()),
            config.openClDeviceIndex());
        return OpenClAccelerator.open(model, selector, config.openClBinary().orElse(null),
            config.openClKernelName(), config.acceleratorMaxBatch(), config.openClBufferSets());
    }

    /**
     * Print the distinct errors a daemon recorded in its error log in {@code aeronDir}; returns how many.
     *
     * @throws IllegalStateException when there is no error log there.
     */
    public static int printErrorLog(final java.nio.file.Path aeronDir, final PrintStream out)
    {
        final java.nio.file.Path file = aeronDir.resolve(DaemonErrorLog.FILE_NAME);
        if (!java.nio.file.Files.isRegularFile(file))
        {
            throw new IllegalStateException("no l1infer error log at " + file);
        }
        return DaemonErrorLog.print(file, out);
    }

    /**
     * Run {@code listener} once the Aeron client closed by itself (its media driver went away): the daemon has
     * stopped its agents by then and can only be closed; the launcher ends the process so systemd restarts it.
     */
    public void onAeronClientClosed(final Runnable listener)
    {
        clientClosedListener = listener;
    }

    /**
     * On the client conductor's thread, before the client unmaps the counters file: stop every thread that
     * touches counters or buffers. A normal close gets here too, with everything already stopped.
     */
    private void onAeronClientClosed()
    {
        if (closed || errorLog == null)
        {
            return;
        }
        errorLog.onError(new IllegalStateException("the Aeron client closed itself (media driver gone or timed " +
            "out); stopping the daemon"));
        errorLog.countWith(null);
        CloseHelper.quietClose(metrics);
        final Thread current = Thread.currentThread();
        for (final AgentRunner runner : new AgentRunner[]{ ingestRunner, ownerRunner, monitorRunner })
        {
            // With the invoker driver the conductor runs on the ingest thread, which cannot close itself.
            if (runner != null && runner.thread() != current)
            {
                CloseHelper.quietClose(runner);
            }
        }
        ServiceLog.error("l1infer: the Aeron client closed itself (media driver gone or timed out); stopping");
        clientClosedListener.run();
    }

    /** The model the daemon serves. */
    public ModelBundle model()
    {
        return model;
    }

    /** The Aeron directory clients connect to. */
    public String aeronDirectory()
    {
        return connection.directory();
    }

    /** Where the metrics endpoint listens (the real port when 0 was configured); empty when it is off. */
    public java.util.Optional<java.net.InetSocketAddress> metricsAddress()
    {
        return java.util.Optional.ofNullable(metrics).map(MetricsEndpoint::address);
    }

    /** The configuration the daemon runs with. */
    public DaemonConfig config()
    {
        return config;
    }

    /** True once an accelerator failure moved processing to the CPU emulator. */
    public boolean hasFailedOver()
    {
        return owner.hasFailedOver();
    }

    /** One line describing the running daemon, for the startup log. */
    public String describe()
    {
        return "l1infer daemon: model " + model + "; accelerator " + primary.description() +
            (fallback != null ? " (failover to the CPU emulator)" : "") + "; ingest " + config.ingestChannel() +
            " stream " + config.ingestStream() + ", results " + config.resultChannel() + " stream " +
            config.resultStream() + "; threads " + config.agentLayout().name().toLowerCase(Locale.ROOT) +
            "; partition " + partitionFilter + "; aeron dir " + aeronDirectory() + (config.driverEmbedded() ?
            " (embedded driver, " + config.driverThreading().name().toLowerCase(Locale.ROOT) + ")" : " (external driver)") +
            (metrics != null ? "; metrics http://" + metrics.address().getAddress().getHostAddress() + ":" +
            metrics.address().getPort() + "/metrics" : "");
    }

    /**
     * Stop intake, wait (up to l1infer.shutdown.timeout) until every accepted event is answered, and stop the
     * agents; returns whether the ring drained. Idempotent; {@link #close()} calls it.
     */
    public boolean drainAndStop()
    {
        if (ingestRunner.isClosed())
        {
            return drained;
        }
        notifier.stopping();
        ingestAgent.stopIntake();
        final long deadline = System.nanoTime() + config.shutdownTimeoutNs();
        while (!owner.isDrained() && System.nanoTime() - deadline < 0)
        {
            sleepQuietly();
        }
        drained = owner.isDrained();
        if (!drained)
        {
            errorLog.onError(new IllegalStateException("shutdown timeout: " +
                (ring.getCursor() - consumed.get()) + " accepted events left unanswered"));
        }
        CloseHelper.closeAll(ownerRunner, ingestRunner, monitorRunner);
        return drained;
    }

    private static void sleepQuietly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Every latency the owner recorded (ingest to publish, ns); complete once stopped. */
    public Histogram latencyHistogram()
    {
        return monitor.total();
    }

    /** Percentiles of the daemon-side latency and the counters, for the shutdown report. */
    public String report()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final Histogram h = monitor.total();
        out.printf(Locale.ROOT, "l1infer daemon-side latency, ingest to publish (us), %d events:%n",
            h.getTotalCount());
        if (h.getTotalCount() > 0)
        {
            out.printf(Locale.ROOT, "  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  p99.99 %.1f  max %.1f%n",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3);
        }
        out.println("counters:");
        out.print(counters.summary());
        out.println("error log: " + errorLog.file());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        drainAndStop();
        CloseHelper.closeAll(metrics, latencyGauges, counters, rejectPublication == resultPublication ? null : rejectPublication,
            resultPublication, subscription, connection, errorLog, fallback, primary);
    }

    /**
     * Aeron driver and client errors: to stderr while the error log (which lives in the Aeron directory the driver
     * creates) is not yet open, then into the error log and its counter.
     */
    private static final class DeferredErrorHandler implements org.agrona.ErrorHandler
    {
        private volatile org.agrona.ErrorHandler target;

        void forwardTo(final org.agrona.ErrorHandler errorLog)
        {
            target = errorLog;
        }

        @Override
        public void onError(final Throwable throwable)
        {
            final org.agrona.ErrorHandler log = target;
            if (log != null)
            {
                log.onError(throwable);
            }
            else
            {
                ServiceLog.error("l1infer: " + throwable);
            }
        }
    }
}
