package io.l1infer.daemon;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.l1infer.config.AgentLayout;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.ShadowKind;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.AcceleratorProvider;
import io.l1infer.fpga.engine.EmulatorProvider;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

import static io.l1infer.config.DaemonSettings.ACCELERATOR;
import static io.l1infer.config.DaemonSettings.ACCELERATOR_MAX_BATCH;
import static io.l1infer.config.DaemonSettings.ACCELERATOR_REQUIRED;
import static io.l1infer.config.DaemonSettings.ACCELERATOR_TIMEOUT;
import static io.l1infer.config.DaemonSettings.ACCELERATOR_WARMUP;
import static io.l1infer.config.DaemonSettings.AERON_DIR;
import static io.l1infer.config.DaemonSettings.AGENT_LAYOUT;
import static io.l1infer.config.DaemonSettings.DRIVER_EMBEDDED;
import static io.l1infer.config.DaemonSettings.ERROR_LOG_LENGTH;
import static io.l1infer.config.DaemonSettings.FAILBACK_INTERVAL;
import static io.l1infer.config.DaemonSettings.FAILOVER_ENABLED;
import static io.l1infer.config.DaemonSettings.HISTOGRAM_INTERVAL;
import static io.l1infer.config.DaemonSettings.HISTOGRAM_LOG;
import static io.l1infer.config.DaemonSettings.HISTOGRAM_MAX;
import static io.l1infer.config.DaemonSettings.INGEST_CHANNEL;
import static io.l1infer.config.DaemonSettings.INGEST_FRAGMENT_LIMIT;
import static io.l1infer.config.DaemonSettings.INGEST_IDLE;
import static io.l1infer.config.DaemonSettings.INGEST_STREAM;
import static io.l1infer.config.DaemonSettings.METRICS_LISTEN;
import static io.l1infer.config.DaemonSettings.MODEL_DIR;
import static io.l1infer.config.DaemonSettings.OWNER_IDLE;
import static io.l1infer.config.DaemonSettings.PARTITION_SECTORS;
import static io.l1infer.config.DaemonSettings.PARTITION_WHEELS;
import static io.l1infer.config.DaemonSettings.PUBLISH_MAX_RETRIES;
import static io.l1infer.config.DaemonSettings.REJECT_STREAM;
import static io.l1infer.config.DaemonSettings.RESULT_CHANNEL;
import static io.l1infer.config.DaemonSettings.RESULT_STREAM;
import static io.l1infer.config.DaemonSettings.RING_SIZE;
import static io.l1infer.config.DaemonSettings.SHADOW;
import static io.l1infer.config.DaemonSettings.SHADOW_EVERY;
import static io.l1infer.config.DaemonSettings.SHADOW_MAX_LAG;
import static io.l1infer.config.DaemonSettings.SHADOW_MISMATCH_LOG;
import static io.l1infer.config.DaemonSettings.SHADOW_MISMATCH_MAX;
import static io.l1infer.config.DaemonSettings.SHUTDOWN_TIMEOUT;
import static io.l1infer.config.DaemonSettings.STATUS_INTERVAL;
import static io.l1infer.config.DaemonSettings.WATCHDOG_STALL;

/**
 * The assembled daemon: Aeron ingest, a Disruptor ring, the single accelerator owner and the result stream, each
 * thread an Agrona agent. {@link #close()} stops intake, answers every accepted event, then closes in reverse
 * order of creation; it is idempotent.
 */
public final class L1inferDaemon implements AutoCloseable
{
    private final DaemonConfig config;
    /** The daemon's one source of monotonic time, handed to every agent (tests may pass their own). */
    private final NanoClock nanoClock;
    /** The daemon's one source of wall-clock time, handed to every agent (tests may pass their own). */
    private final EpochClock epochClock;
    private final DaemonErrorLog errorLog;
    private final ModelBundle model;
    private static final long ABANDONED_CLOSE_WAIT_MS = 1000;
    private static final long RECORDING_CATCH_UP_MS = 5000;

    private final DriverLossDetector driverLoss;
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
    private final BatchLatencyRecorder latency;
    private final SegmentIngestAgent ingestAgent;
    private final AcceleratorOwner owner;
    private final LatencyMonitorAgent monitor;
    private final LatencyGauges latencyGauges;
    private final MetricsEndpoint metrics;
    private final SystemdNotifier notifier = SystemdNotifier.fromEnvironment();
    private final AgentRunner ingestRunner;
    private final AgentRunner ownerRunner;
    private final AgentRunner monitorRunner;
    /** Null without a shadow engine. */
    private final ShadowChecker shadow;
    /** Null when the streams are not recorded. */
    private final StreamRecorder recorder;
    private final AgentRunner shadowRunner;
    private volatile boolean closed;
    private volatile Runnable clientClosedListener = () -> { };
    private boolean drained;

    private L1inferDaemon(
        final DaemonConfig config,
        final Function<ModelBundle, Accelerator> acceleratorFactory,
        final NanoClock nanoClock,
        final EpochClock epochClock)
    {
        this.config = config;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        DaemonErrorLog log = null;
        RuntimeException startFailure = null;
        StreamRecorder rec = null;
        AeronConnection conn = null;
        LatencyGauges gauges = null;
        MetricsEndpoint endpoint = null;
        Accelerator prim = null;
        Accelerator fall = null;
        try
        {
            model = ModelBundle.load(config.get(MODEL_DIR));
            String degraded = null;
            // An unknown name is a configuration error, never a missing device: it stops the start either way.
            final AcceleratorProvider provider = acceleratorFactory != null ? null :
                AcceleratorProviders.find(config.get(ACCELERATOR));
            try
            {
                prim = acceleratorFactory != null ? acceleratorFactory.apply(model) :
                    AcceleratorProviders.open(provider, config, model);
            }
            catch (final RuntimeException ex)
            {
                if (config.get(ACCELERATOR_REQUIRED) || EmulatorProvider.NAME.equals(config.get(ACCELERATOR)))
                {
                    throw new IllegalStateException("accelerator " + config.get(ACCELERATOR) + " could not be " +
                        "opened and " + DaemonSettings.ACCELERATOR_REQUIRED.key() + "=true: " + ex.getMessage() +
                        " (" + DaemonSettings.ACCELERATOR_REQUIRED.key() + "=false starts on the CPU emulator " +
                        "instead)", ex);
                }
                degraded = "accelerator " + config.get(ACCELERATOR) + " could not be opened (" + ex.getMessage() +
                    "); running on the CPU emulator (" + DaemonSettings.ACCELERATOR_REQUIRED.key() + "=false)";
                System.err.println("l1infer: " + degraded);
                startFailure = ex;
                prim = new FixedPointEmulator(model, config.get(ACCELERATOR_MAX_BATCH));
            }
            fall = config.get(FAILOVER_ENABLED) && !(prim instanceof FixedPointEmulator) ?
                new FixedPointEmulator(model, prim.maxBatchSize()) : null;
            primary = prim;
            fallback = fall;
            AcceleratorWarmup.run(primary, config.get(ACCELERATOR_WARMUP), 1);
            BatchLatencyRecorder.warmUp(config.get(ACCELERATOR_WARMUP), epochClock);
            if (fallback != null)
            {
                AcceleratorWarmup.run(fallback, config.get(ACCELERATOR_WARMUP), 2);
            }

            final java.nio.file.Path dir = config.get(AERON_DIR);
            final DeferredErrorHandler aeronErrors = new DeferredErrorHandler();
            driverLoss = new DriverLossDetector(aeronErrors);
            conn = new AeronConnection(config, driverLoss, this::onAeronClientClosed);
            connection = conn;
            log = new DaemonErrorLog(dir, config.get(ERROR_LOG_LENGTH), epochClock);
            errorLog = log;
            aeronErrors.forwardTo(log);
            final Aeron aeron = conn.aeron();
            counters = new DaemonCounters(aeron);
            errorLog.countWith(counters.errors);
            if (startFailure != null)
            {
                counters.acceleratorOpenFailures.incrementRelease();
                errorLog.onError(startFailure);
            }

            subscription = ConfiguredStreams.subscription(aeron, DaemonSettings.INGEST_CHANNEL,
                config.get(INGEST_CHANNEL), config.get(INGEST_STREAM));
            resultPublication = ConfiguredStreams.publication(aeron, DaemonSettings.RESULT_CHANNEL,
                config.get(RESULT_CHANNEL), config.get(RESULT_STREAM));
            rejectPublication = config.get(REJECT_STREAM).equals(config.get(RESULT_STREAM)) ? resultPublication :
                ConfiguredStreams.publication(aeron, DaemonSettings.RESULT_CHANNEL, config.get(RESULT_CHANNEL),
                config.get(REJECT_STREAM));
            ModelWireLimits.check(model, resultPublication.maxPayloadLength());
            rec = config.recording() ?
                StreamRecorder.start(config, conn.directory(), model.name(), prim.description(), errorLog, epochClock) :
                null;
            recorder = rec;
            partitionFilter = new PartitionFilter(config.get(PARTITION_WHEELS), config.get(PARTITION_SECTORS));

            final int inputSize = model.input().size();
            final boolean wideInputs = ModelWireLimits.isWide(model.input().type());
            ring = RingEvent.newRing(inputSize, wideInputs, config.get(RING_SIZE));
            ring.addGatingSequences(consumed);
            latency = new BatchLatencyRecorder(config.get(HISTOGRAM_MAX), epochClock);

            ingestAgent = new SegmentIngestAgent(new SegmentIngestAgent.Context()
                .subscription(subscription)
                .ring(ring)
                .translator(new RequestTranslator(model))
                .partitionFilter(partitionFilter)
                .counters(counters)
                .connection(conn)
                .errorHandler(errorLog)
                .clock(nanoClock)
                .fragmentLimit(config.get(INGEST_FRAGMENT_LIMIT))
                .maxRequestLength(ModelWireLimits.MAX_REQUEST_LENGTH));
            final ResultPublisher publisher = new ResultPublisher(resultPublication, rejectPublication,
                model.output(), config.get(PUBLISH_MAX_RETRIES), counters, errorLog);
            shadow = config.get(SHADOW) == ShadowKind.NONE ? null : shadowChecker(config, model, primary, counters,
                errorLog, epochClock);
            shadowRunner = shadow == null ? null :
                new AgentRunner(new SleepingMillisIdleStrategy(ShadowChecker.IDLE_SLEEP_MS), errorLog, counters.errors,
                    shadow);
            owner = new AcceleratorOwner(new AcceleratorOwner.Context()
                .ring(ring)
                .consumed(consumed)
                .primary(primary)
                .fallback(fallback)
                .maxBatch(config.get(ACCELERATOR_MAX_BATCH))
                .publisher(publisher)
                .latency(latency)
                .highestTrackableNs(config.get(HISTOGRAM_MAX))
                .counters(counters)
                .errorHandler(errorLog)
                .timeoutNs(config.get(ACCELERATOR_TIMEOUT))
                .failbackIntervalNs(config.get(FAILBACK_INTERVAL))
                .clock(nanoClock)
                .startDegradedReason(degraded)
                .shadow(shadow));
            monitor = new LatencyMonitorAgent(new LatencyMonitorAgent.Context()
                .recorder(latency)
                .intervalNs(config.get(HISTOGRAM_INTERVAL))
                .highestTrackableNs(config.get(HISTOGRAM_MAX))
                .logFile(config.get(HISTOGRAM_LOG).orElse(null))
                .logFailures(counters.histogramLogWriteFailures)
                .errorHandler(errorLog)
                .clock(nanoClock)
                .epochClock(epochClock));

            gauges = new LatencyGauges(aeron, monitor);
            latencyGauges = gauges;
            final ServiceStatusAgent status = new ServiceStatusAgent(new ServiceStatusAgent.Context()
                .notifier(notifier)
                .counters(counters)
                .monitor(monitor)
                .owner(owner)
                .stallNs(config.get(WATCHDOG_STALL))
                .statusIntervalNs(config.get(STATUS_INTERVAL))
                .clock(nanoClock));
            monitorRunner = new AgentRunner(new SleepingMillisIdleStrategy(50), errorLog, counters.errors,
                new CompositeAgent(monitor, gauges, status));
            endpoint = config.get(METRICS_LISTEN).map((address) ->
                new MetricsEndpoint(address, aeron.countersReader(), aeron.clientId())).orElse(null);
            metrics = endpoint;
            if (config.get(AGENT_LAYOUT) == AgentLayout.COMBINED)
            {
                // One busy thread: each duty cycle polls the ingest stream into the ring, then drains the ring.
                ownerRunner = null;
                ingestRunner = new AgentRunner(config.get(INGEST_IDLE).newStrategy(), errorLog, counters.errors,
                    new CompositeAgent(ingestAgent, owner));
            }
            else
            {
                ownerRunner = new AgentRunner(config.get(OWNER_IDLE).newStrategy(), errorLog, counters.errors, owner);
                ingestRunner = new AgentRunner(config.get(INGEST_IDLE).newStrategy(), errorLog, counters.errors,
                    ingestAgent);
            }
            AgentRunner.startOnThread(monitorRunner);
            if (shadowRunner != null)
            {
                AgentRunner.startOnThread(shadowRunner);
            }
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
            CloseHelper.quietCloseAll(endpoint, gauges, rec, conn, log, fall, prim);
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
        return new L1inferDaemon(config, null, SystemNanoClock.INSTANCE, SystemEpochClock.INSTANCE);
    }

    /**
     * Start a daemon whose primary accelerator comes from {@code acceleratorFactory} (for fault-injection and
     * slow-device tests, and embedding); failover still goes to the CPU emulator.
     */
    public static L1inferDaemon launch(
        final DaemonConfig config, final Function<ModelBundle, Accelerator> acceleratorFactory)
    {
        return new L1inferDaemon(config, acceleratorFactory, SystemNanoClock.INSTANCE, SystemEpochClock.INSTANCE);
    }

    /**
     * As {@link #launch(DaemonConfig, Function)} with the daemon's clocks given: every agent reads time from these,
     * so a test controls it.
     */
    static L1inferDaemon launch(
        final DaemonConfig config,
        final Function<ModelBundle, Accelerator> acceleratorFactory,
        final NanoClock nanoClock,
        final EpochClock epochClock)
    {
        return new L1inferDaemon(config, acceleratorFactory, nanoClock, epochClock);
    }

    /** The shadow engine (its own accelerator instance, warmed up) and its optional mismatch log. */
    private static ShadowChecker shadowChecker(
        final DaemonConfig config,
        final ModelBundle model,
        final Accelerator primary,
        final DaemonCounters counters,
        final DaemonErrorLog errorLog,
        final EpochClock epochClock)
    {
        final Accelerator engine = config.get(SHADOW) == ShadowKind.EMULATOR ?
            new FixedPointEmulator(model, primary.maxBatchSize()) :
            AcceleratorProviders.open(AcceleratorProviders.find(OpenClProvider.NAME), config, model);
        try
        {
            AcceleratorWarmup.run(engine, config.get(ACCELERATOR_WARMUP), 3);
            ShadowChecker.MismatchLog log = null;
            if (config.get(SHADOW_MISMATCH_LOG).isPresent())
            {
                log = new ShadowChecker.MismatchLog(new RetryingLogFile(config.get(SHADOW_MISMATCH_LOG).get(),
                    DaemonSettings.SHADOW_MISMATCH_LOG.key(), ShadowChecker.MismatchLog.header(model.name(),
                    primary.description(), engine.description()), counters.mismatchLogWriteFailures, errorLog),
                    config.get(SHADOW_MISMATCH_MAX), counters.shadowMismatchesNotLogged);
            }
            return new ShadowChecker(new ShadowChecker.Context()
                .engine(engine)
                .maxBatch(Math.min(config.get(ACCELERATOR_MAX_BATCH), primary.maxBatchSize()))
                .maxLag(config.get(SHADOW_MAX_LAG))
                .every(config.get(SHADOW_EVERY))
                .counters(counters.shadow)
                .mismatchLog(log)
                .clock(epochClock));
        }
        catch (final RuntimeException ex)
        {
            engine.close();
            throw ex;
        }
    }

    /** The shadow engine's counts as one line, {@code SHADOW checked=N matched=N mismatched=M skipped=K}. */
    public String shadowSummary()
    {
        return shadowSummary(counters.shadow.eventsChecked().get(), counters.shadow.eventsMatched().get(),
            counters.shadow.eventsMismatched().get(), counters.shadow.batchesSkipped().get());
    }

    /**
     * The bench's end-of-run shadow line from the four counts (events checked, matched, mismatched; batches skipped).
     */
    public static String shadowSummary(final long checked, final long matched, final long mismatched,
        final long skipped)
    {
        return new ShadowCounts(checked, matched, mismatched, skipped).summary();
    }

    /** True when the daemon runs a shadow engine. */
    public boolean hasShadow()
    {
        return shadow != null;
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
        for (final AgentRunner runner : new AgentRunner[]{ ingestRunner, ownerRunner, shadowRunner, monitorRunner })
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

    /** Why the daemon runs on the CPU emulator instead of its configured device, or null when it does not. */
    public String degradedReason()
    {
        return owner.degradedReason();
    }

    /** One line describing the running daemon, for the startup log. */
    public String describe()
    {
        return "l1infer daemon: model " + model + "; accelerator " + primary.description() +
            (fallback != null ? " (failover to the CPU emulator)" : "") + "; ingest " + config.get(INGEST_CHANNEL) +
            " stream " + config.get(INGEST_STREAM) + ", results " + config.get(RESULT_CHANNEL) + " stream " +
            config.get(RESULT_STREAM) + "; threads " + config.get(AGENT_LAYOUT).name().toLowerCase(Locale.ROOT) +
            "; partition " + partitionFilter + "; aeron dir " + aeronDirectory() + (config.get(DRIVER_EMBEDDED) ?
            " (embedded driver, " + AeronConnection.effectiveThreading(config).name().toLowerCase(Locale.ROOT) + ")" :
            " (external driver)") + (metrics != null ? "; metrics http://" +
                metrics.address().getAddress().getHostAddress() + ":" +
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
        final long deadline = nanoClock.nanoTime() + config.get(SHUTDOWN_TIMEOUT);
        while (!owner.isDrained() && nanoClock.nanoTime() - deadline < 0)
        {
            sleepQuietly();
        }
        while (shadow != null && !shadow.isIdle() && nanoClock.nanoTime() - deadline < 0)
        {
            sleepQuietly();
        }
        drained = owner.isDrained();
        if (!drained)
        {
            errorLog.onError(new IllegalStateException("shutdown timeout: " +
                (ring.getCursor() - consumed.get()) + " accepted events left unanswered"));
        }
        CloseHelper.closeAll(ownerRunner, ingestRunner, shadowRunner, monitorRunner);
        owner.reportFailover();
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

    /**
     * Why the daemon lost its media driver (a driver timeout, or the Aeron client closed under it), or null while
     * it has one. Only an external driver can be lost this way: an embedded one lives and dies with the daemon.
     */
    public String driverLossCause()
    {
        final Throwable timeout = driverLoss.cause();
        if (timeout != null)
        {
            return timeout.getMessage();
        }
        return connection.aeron().isClosed() && !closed ? "the Aeron client was closed (media driver gone)" : null;
    }

    /**
     * Stop without draining after the media driver was lost: nothing can be published any more, so waiting for the
     * ring to drain would only delay the restart that brings the daemon back. Idempotent.
     */
    public void closeAfterDriverLoss()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        stopAgents();
        // The Aeron client closed itself with the driver: its counters, publications and subscription are gone.
        CloseHelper.quietCloseAll(errorLog, fallback, owner.hasAbandonedPrimary() ? null : primary);
    }

    private void stopAgents()
    {
        CloseHelper.quietCloseAll(ownerRunner, ingestRunner, shadowRunner, monitorRunner);
    }

    /** One line per counter (value and label), as the shutdown report prints them; readable while running. */
    public String counterSummary()
    {
        return counters.summary();
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
        if (shadow != null)
        {
            out.println("shadow thread: " + shadow.scheduling() + ", waking every " + ShadowChecker.IDLE_SLEEP_MS +
                " ms when idle");
            out.println(shadowSummary());
        }
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
        if (recorder != null)
        {
            recorder.awaitRecorded(resultPublication, connection.aeron().countersReader(), RECORDING_CATCH_UP_MS);
        }
        CloseHelper.closeAll(metrics, latencyGauges, recorder, counters,
            rejectPublication == resultPublication ? null : rejectPublication, resultPublication, subscription,
            connection, errorLog, fallback, owner.hasAbandonedPrimary() ? null : primary);
        if (owner.hasAbandonedPrimary())
        {
            closeAbandoned(primary);
        }
    }

    /**
     * Close a device abandoned after a batch timeout on a thread of its own, waiting a bounded time: a hung device
     * may block in its driver for ever, and shutdown must still finish.
     */
    private static void closeAbandoned(final Accelerator device)
    {
        final Thread closer = new Thread(device::close, "l1infer-abandoned-accelerator-close");
        closer.setDaemon(true);
        closer.start();
        try
        {
            closer.join(ABANDONED_CLOSE_WAIT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive())
        {
            System.err.println("l1infer: the abandoned accelerator did not close within " +
                ABANDONED_CLOSE_WAIT_MS + " ms; left to the process exit");
        }
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
