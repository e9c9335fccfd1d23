package io.l1infer.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's validated, immutable configuration: every setting of {@link DaemonSettings} read once, checked on
 * its own and against the others, with relative paths resolved.
 *
 * <p>Durations are in nanoseconds and sizes in bytes. Build with {@link #load(SettingsSource)}; print with
 * {@link #render()} for {@code --print-config}.
 */
public final class DaemonConfig
{
    private final Path modelDir;
    private final String accelerator;
    private final int acceleratorMaxBatch;
    private final boolean failoverEnabled;
    private final long acceleratorTimeoutNs;
    private final long failbackIntervalNs;
    private final boolean acceleratorRequired;
    private final String openClPlatform;
    private final String openClDevice;
    private final OpenClDeviceType openClDeviceType;
    private final int openClDeviceIndex;
    private final Path openClBinary;
    private final String openClKernelName;
    private final int openClBufferSets;
    private final Path aeronDir;
    private final String aeronDirGroup;
    private final String aeronUmask;
    private final boolean driverEmbedded;
    private final DriverThreading driverThreading;
    private final IdleStrategySpec driverIdle;
    private final long driverTimeoutNs;
    private final int driverTermLength;
    private final String ingestChannel;
    private final int ingestStream;
    private final String resultChannel;
    private final int resultStream;
    private final int rejectStream;
    private final IdleStrategySpec ingestIdle;
    private final IdleStrategySpec ownerIdle;
    private final int ingestFragmentLimit;
    private final int ringSize;
    private final int publishMaxRetries;
    private final Path histogramLog;
    private final ShadowKind shadow;
    private final Path archiveDir;
    private final String archiveControlChannel;
    private final int shadowEvery;
    private final int shadowMaxLag;
    private final Path shadowMismatchLog;
    private final int shadowMismatchMax;
    private final long histogramIntervalNs;
    private final long histogramMaxNs;
    private final int errorLogLength;
    private final long statusIntervalNs;
    private final ListenAddress metricsListen;
    private final long watchdogStallNs;
    private final long shutdownTimeoutNs;
    private final AgentLayout agentLayout;
    private final int acceleratorWarmup;
    private final IntRange partitionWheels;
    private final IntRange partitionSectors;
    private final List<EffectiveSetting> effectiveSettings;

    private DaemonConfig(final SettingReader in)
    {
        modelDir = in.readPath(DaemonSettings.MODEL_DIR);
        accelerator = in.read(DaemonSettings.ACCELERATOR);
        acceleratorMaxBatch = in.read(DaemonSettings.ACCELERATOR_MAX_BATCH);
        failoverEnabled = in.read(DaemonSettings.FAILOVER_ENABLED);
        acceleratorTimeoutNs = in.read(DaemonSettings.ACCELERATOR_TIMEOUT);
        failbackIntervalNs = in.read(DaemonSettings.FAILBACK_INTERVAL);
        acceleratorRequired = in.read(DaemonSettings.ACCELERATOR_REQUIRED);
        openClPlatform = in.read(DaemonSettings.OPENCL_PLATFORM);
        openClDevice = in.read(DaemonSettings.OPENCL_DEVICE);
        openClDeviceType = in.read(DaemonSettings.OPENCL_DEVICE_TYPE);
        openClDeviceIndex = in.read(DaemonSettings.OPENCL_DEVICE_INDEX);
        openClBinary = in.readOptionalPath(DaemonSettings.OPENCL_BINARY).orElse(null);
        openClKernelName = in.read(DaemonSettings.OPENCL_KERNEL_NAME);
        openClBufferSets = in.read(DaemonSettings.OPENCL_BUFFER_SETS);
        aeronDir = in.readPath(DaemonSettings.AERON_DIR);
        aeronDirGroup = in.read(DaemonSettings.AERON_DIR_GROUP);
        aeronUmask = in.read(DaemonSettings.AERON_UMASK);
        driverEmbedded = in.read(DaemonSettings.DRIVER_EMBEDDED);
        driverThreading = in.read(DaemonSettings.DRIVER_THREADING);
        driverIdle = in.read(DaemonSettings.DRIVER_IDLE);
        driverTimeoutNs = in.read(DaemonSettings.DRIVER_TIMEOUT);
        driverTermLength = in.read(DaemonSettings.DRIVER_TERM_LENGTH);
        ingestChannel = in.read(DaemonSettings.INGEST_CHANNEL);
        ingestStream = in.read(DaemonSettings.INGEST_STREAM);
        resultChannel = in.read(DaemonSettings.RESULT_CHANNEL);
        resultStream = in.read(DaemonSettings.RESULT_STREAM);
        rejectStream = in.read(DaemonSettings.REJECT_STREAM);
        ingestIdle = in.read(DaemonSettings.INGEST_IDLE);
        ownerIdle = in.read(DaemonSettings.OWNER_IDLE);
        ingestFragmentLimit = in.read(DaemonSettings.INGEST_FRAGMENT_LIMIT);
        ringSize = in.read(DaemonSettings.RING_SIZE);
        publishMaxRetries = in.read(DaemonSettings.PUBLISH_MAX_RETRIES);
        histogramLog = in.readOptionalPath(DaemonSettings.HISTOGRAM_LOG).orElse(null);
        shadow = in.read(DaemonSettings.SHADOW);
        archiveDir = in.readOptionalPath(DaemonSettings.ARCHIVE_DIR).orElse(null);
        archiveControlChannel = in.read(DaemonSettings.ARCHIVE_CONTROL_CHANNEL);
        shadowEvery = in.read(DaemonSettings.SHADOW_EVERY);
        shadowMaxLag = in.read(DaemonSettings.SHADOW_MAX_LAG);
        shadowMismatchLog = in.readOptionalPath(DaemonSettings.SHADOW_MISMATCH_LOG).orElse(null);
        shadowMismatchMax = in.read(DaemonSettings.SHADOW_MISMATCH_MAX);
        histogramIntervalNs = in.read(DaemonSettings.HISTOGRAM_INTERVAL);
        histogramMaxNs = in.read(DaemonSettings.HISTOGRAM_MAX);
        errorLogLength = in.read(DaemonSettings.ERROR_LOG_LENGTH);
        statusIntervalNs = in.read(DaemonSettings.STATUS_INTERVAL);
        metricsListen = in.read(DaemonSettings.METRICS_LISTEN).orElse(null);
        watchdogStallNs = in.read(DaemonSettings.WATCHDOG_STALL);
        shutdownTimeoutNs = in.read(DaemonSettings.SHUTDOWN_TIMEOUT);
        agentLayout = in.read(DaemonSettings.AGENT_LAYOUT);
        acceleratorWarmup = in.read(DaemonSettings.ACCELERATOR_WARMUP);
        partitionWheels = in.read(DaemonSettings.PARTITION_WHEELS);
        partitionSectors = in.read(DaemonSettings.PARTITION_SECTORS);

        if (!in.hasProblems())
        {
            checkAcrossSettings(in);
        }
        effectiveSettings = in.finish();
    }

    /**
     * Read, validate and freeze the configuration.
     *
     * @param source the layered setting texts.
     * @return the configuration.
     * @throws ConfigException listing every bad value, each line starting with its key and naming its origin.
     */
    public static DaemonConfig load(final SettingsSource source)
    {
        return new DaemonConfig(new SettingReader(source));
    }

    private void checkAcrossSettings(final SettingReader in)
    {
        if (acceleratorMaxBatch > ringSize)
        {
            in.crossFieldProblem(DaemonSettings.ACCELERATOR_MAX_BATCH.key(),
                "must not exceed " + DaemonSettings.RING_SIZE.key() + " (" + ringSize + "), got " +
                acceleratorMaxBatch + " (from " + in.originOf(DaemonSettings.ACCELERATOR_MAX_BATCH) + "; " +
                DaemonSettings.RING_SIZE.key() + " from " + in.originOf(DaemonSettings.RING_SIZE) + ")");
        }
        if (sameMedium(ingestChannel, resultChannel))
        {
            checkStreamsDiffer(in, DaemonSettings.RESULT_STREAM, resultStream);
            checkStreamsDiffer(in, DaemonSettings.REJECT_STREAM, rejectStream);
        }
    }

    private void checkStreamsDiffer(final SettingReader in, final Setting<Integer> outbound, final int stream)
    {
        if (stream == ingestStream)
        {
            in.crossFieldProblem(outbound.key(),
                "must differ from " + DaemonSettings.INGEST_STREAM.key() + " while " +
                DaemonSettings.RESULT_CHANNEL.key() + " (" + resultChannel + ") and " +
                DaemonSettings.INGEST_CHANNEL.key() + " (" + ingestChannel + ") reach the same subscribers, " +
                "or the daemon would ingest its own output; got " + stream + " (from " + in.originOf(outbound) +
                "; " + DaemonSettings.INGEST_STREAM.key() + " from " + in.originOf(DaemonSettings.INGEST_STREAM) +
                ")");
        }
    }

    /** IPC channels all share one medium whatever their parameters; UDP channels only when written identically. */
    private static boolean sameMedium(final String a, final String b)
    {
        return a.equals(b) || (a.startsWith("aeron:ipc") && b.startsWith("aeron:ipc"));
    }

    /**
     * Every setting's effective value, for {@code --print-config}: one line per setting in declaration order,
     * {@code key=value    # doc [origin]}, with the comment columns aligned.
     *
     * <p>This is a report, not a properties file: inline {@code #} is not a comment in the properties format.
     *
     * @return the lines, each ending in a newline.
     */
    public String render()
    {
        int width = 0;
        for (final EffectiveSetting value : effectiveSettings)
        {
            width = Math.max(width, value.setting().key().length() + 1 + value.text().length());
        }
        width = Math.min(width, 64);
        final StringBuilder out = new StringBuilder();
        for (final EffectiveSetting value : effectiveSettings)
        {
            final int start = out.length();
            out.append(value.setting().key()).append('=').append(value.text());
            final int pad = Math.max(4, width + 4 - (out.length() - start));
            out.append(" ".repeat(pad))
                .append("# ").append(value.setting().doc())
                .append(" [").append(value.origin()).append("]\n");
        }
        return out.toString();
    }

    /**
     * Every setting's effective value and origin, in declaration order.
     *
     * @return an unmodifiable list with one entry per declared setting.
     */
    public List<EffectiveSetting> effectiveSettings()
    {
        return effectiveSettings;
    }

    /**
     * Model bundle directory.
     *
     * @return an absolute path.
     */
    public Path modelDir()
    {
        return modelDir;
    }

    /**
     * Which engine runs the model: the name of its accelerator provider.
     *
     * @return emulator, opencl or another provider's name.
     */
    public String accelerator()
    {
        return accelerator;
    }

    /**
     * Most events per accelerator call; never above {@link #ringSize()}.
     *
     * @return 1..65536.
     */
    public int acceleratorMaxBatch()
    {
        return acceleratorMaxBatch;
    }

    /**
     * Whether an accelerator error moves processing to the CPU emulator.
     *
     * @return true to fail over.
     */
    public boolean failoverEnabled()
    {
        return failoverEnabled;
    }

    /** {@link DaemonSettings#ACCELERATOR_TIMEOUT}, in nanoseconds. */
    public long acceleratorTimeoutNs()
    {
        return acceleratorTimeoutNs;
    }

    /** {@link DaemonSettings#FAILBACK_INTERVAL}, in nanoseconds; 0 = never. */
    public long failbackIntervalNs()
    {
        return failbackIntervalNs;
    }

    /** {@link DaemonSettings#ACCELERATOR_REQUIRED}. */
    public boolean acceleratorRequired()
    {
        return acceleratorRequired;
    }

    /**
     * Substring of the OpenCL platform name.
     *
     * @return the substring; empty matches any platform.
     */
    public String openClPlatform()
    {
        return openClPlatform;
    }

    /**
     * Substring of the OpenCL device name.
     *
     * @return the substring; empty matches any device.
     */
    public String openClDevice()
    {
        return openClDevice;
    }

    /**
     * OpenCL device types to consider.
     *
     * @return the device type filter.
     */
    public OpenClDeviceType openClDeviceType()
    {
        return openClDeviceType;
    }

    /**
     * Index of the device among the matching ones.
     *
     * @return 0..1023.
     */
    public int openClDeviceIndex()
    {
        return openClDeviceIndex;
    }

    /**
     * Precompiled kernel binary.
     *
     * @return an absolute path, or empty to build the generated OpenCL C kernel.
     */
    public Optional<Path> openClBinary()
    {
        return Optional.ofNullable(openClBinary);
    }

    /**
     * Kernel function name.
     *
     * @return a C identifier.
     */
    public String openClKernelName()
    {
        return openClKernelName;
    }

    /**
     * Input/output buffer sets in flight.
     *
     * @return 2..8.
     */
    public int openClBufferSets()
    {
        return openClBufferSets;
    }

    /**
     * Aeron directory.
     *
     * @return an absolute path.
     */
    public Path aeronDir()
    {
        return aeronDir;
    }

    /**
     * Whether the media driver runs inside the daemon.
     *
     * @return true for an embedded driver.
     */
    public boolean driverEmbedded()
    {
        return driverEmbedded;
    }

    /**
     * Threading mode of the embedded driver.
     *
     * @return the threading mode.
     */
    public DriverThreading driverThreading()
    {
        return driverThreading;
    }

    /**
     * Idle strategy of the embedded driver's threads.
     *
     * @return the spec.
     */
    public IdleStrategySpec driverIdle()
    {
        return driverIdle;
    }

    /**
     * Client liveness and driver timeout.
     *
     * @return nanoseconds.
     */
    public long driverTimeoutNs()
    {
        return driverTimeoutNs;
    }

    /**
     * Term buffer length of the daemon's publications.
     *
     * @return bytes, a power of two between 64 KiB and 1 GiB.
     */
    public int driverTermLength()
    {
        return driverTermLength;
    }

    /**
     * Channel incoming events are subscribed on.
     *
     * @return an Aeron channel URI.
     */
    public String ingestChannel()
    {
        return ingestChannel;
    }

    /**
     * Stream id of incoming events.
     *
     * @return the stream id.
     */
    public int ingestStream()
    {
        return ingestStream;
    }

    /**
     * Channel results and rejects are published on.
     *
     * @return an Aeron channel URI.
     */
    public String resultChannel()
    {
        return resultChannel;
    }

    /**
     * Stream id of results.
     *
     * @return the stream id.
     */
    public int resultStream()
    {
        return resultStream;
    }

    /**
     * Stream id of rejects, on the result channel.
     *
     * @return the stream id; may equal {@link #resultStream()}.
     */
    public int rejectStream()
    {
        return rejectStream;
    }

    /**
     * Idle strategy of the ingest thread.
     *
     * @return the spec.
     */
    public IdleStrategySpec ingestIdle()
    {
        return ingestIdle;
    }

    /**
     * Idle strategy of the accelerator-owner thread.
     *
     * @return the spec.
     */
    public IdleStrategySpec ownerIdle()
    {
        return ownerIdle;
    }

    /**
     * Most fragments per ingest poll.
     *
     * @return 1..1024.
     */
    public int ingestFragmentLimit()
    {
        return ingestFragmentLimit;
    }

    /**
     * Slots in the ring between ingest and the accelerator owner.
     *
     * @return a power of two between 2 and 1048576.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * Most retries of one result publication on back pressure or admin action.
     *
     * @return 0..1000000000.
     */
    public int publishMaxRetries()
    {
        return publishMaxRetries;
    }

    /**
     * HdrHistogram interval log to write.
     *
     * @return an absolute path, or empty for none.
     */
    public Optional<Path> histogramLog()
    {
        return Optional.ofNullable(histogramLog);
    }

    /** {@link DaemonSettings#ARCHIVE_DIR}. */
    public Optional<Path> archiveDir()
    {
        return Optional.ofNullable(archiveDir);
    }

    /** {@link DaemonSettings#ARCHIVE_CONTROL_CHANNEL}; empty for the embedded archive. */
    public String archiveControlChannel()
    {
        return archiveControlChannel;
    }

    /** True when the daemon records its streams (embedded archive in a directory, or an external archive). */
    public boolean recording()
    {
        return archiveDir != null || !archiveControlChannel.isEmpty();
    }

    /** {@link DaemonSettings#SHADOW}. */
    public ShadowKind shadow()
    {
        return shadow;
    }

    /** {@link DaemonSettings#SHADOW_EVERY}. */
    public int shadowEvery()
    {
        return shadowEvery;
    }

    /** {@link DaemonSettings#SHADOW_MAX_LAG}. */
    public int shadowMaxLag()
    {
        return shadowMaxLag;
    }

    /** {@link DaemonSettings#SHADOW_MISMATCH_LOG}. */
    public Optional<Path> shadowMismatchLog()
    {
        return Optional.ofNullable(shadowMismatchLog);
    }

    /** {@link DaemonSettings#SHADOW_MISMATCH_MAX}. */
    public int shadowMismatchMax()
    {
        return shadowMismatchMax;
    }

    /**
     * Length of each histogram log interval.
     *
     * @return nanoseconds.
     */
    public long histogramIntervalNs()
    {
        return histogramIntervalNs;
    }

    /**
     * Highest latency the histograms can track.
     *
     * @return nanoseconds.
     */
    public long histogramMaxNs()
    {
        return histogramMaxNs;
    }

    /**
     * Bytes of the distinct error log buffer.
     *
     * @return a power of two between 64 KiB and 256 MiB.
     */
    public int errorLogLength()
    {
        return errorLogLength;
    }

    /**
     * Period of the systemd status update and summary line.
     *
     * @return nanoseconds.
     */
    public long statusIntervalNs()
    {
        return statusIntervalNs;
    }

    /**
     * Longest owner stall before watchdog pings stop.
     *
     * @return nanoseconds.
     */
    public long watchdogStallNs()
    {
        return watchdogStallNs;
    }

    /**
     * Longest wait at shutdown for the ring to drain.
     *
     * @return nanoseconds.
     */
    public long shutdownTimeoutNs()
    {
        return shutdownTimeoutNs;
    }

    /**
     * Threads of the ingest agent and the accelerator owner.
     *
     * @return the layout.
     */
    public AgentLayout agentLayout()
    {
        return agentLayout;
    }

    /**
     * Synthetic events run through the accelerator at start.
     *
     * @return events, 0 for none.
     */
    public int acceleratorWarmup()
    {
        return acceleratorWarmup;
    }

    /**
     * Detector wheels this instance handles.
     *
     * @return a range within -2..2.
     */
    public IntRange partitionWheels()
    {
        return partitionWheels;
    }

    /**
     * Detector sectors this instance handles.
     *
     * @return a range within 1..12.
     */
    public IntRange partitionSectors()
    {
        return partitionSectors;
    }

    /**
     * Where the metrics endpoint listens.
     *
     * @return the address, or empty when there is no endpoint.
     */
    public Optional<ListenAddress> metricsListen()
    {
        return Optional.ofNullable(metricsListen);
    }

    /**
     * Group of the embedded driver's Aeron directory and files.
     *
     * @return the group name, or empty for the process's group.
     */
    public Optional<String> aeronDirGroup()
    {
        return aeronDirGroup.isEmpty() ? Optional.empty() : Optional.of(aeronDirGroup);
    }

    /**
     * File mode creation mask to set before the embedded driver starts.
     *
     * @return the mask (such as 07 for 0007), or empty to keep the inherited one.
     */
    public java.util.OptionalInt aeronUmask()
    {
        return aeronUmask.isEmpty() ? java.util.OptionalInt.empty() :
            java.util.OptionalInt.of(Integer.parseInt(aeronUmask, 8));
    }

    /** The same text as {@link #render()}. */
    @Override
    public String toString()
    {
        return render();
    }
}
