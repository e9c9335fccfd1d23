package io.l1infer.config;

import io.aeron.driver.ThreadingMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalogue of every daemon setting: key, default, one-line meaning and accepted values, declared once here.
 *
 * <p>Each declaration's doc string is its documentation, so the constants carry no Javadoc of their own.
 * Declaration order is rendering order. To add a setting, declare it here and read it with
 * {@link DaemonConfig#get(Setting)}; then regenerate {@code config/l1infer.properties} and the README table (a test
 * says how when they are stale).
 */
public final class DaemonSettings
{
    /** System property the launchers set to the installation directory; relative paths resolve against it. */
    public static final String HOME_PROPERTY = "l1infer.home";

    /** Prefix of every setting key, and of the system properties read as settings. */
    public static final String PREFIX = "l1infer.";

    private static final Pattern AERON_CHANNEL = Pattern.compile("aeron:(ipc|udp)(\\?\\S*)?");
    private static final String AERON_CHANNEL_RULE = "an Aeron channel URI such as aeron:ipc or " +
        "aeron:udp?endpoint=HOST:PORT";
    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;

    // Must precede every declaration: static initialisers run in textual order.
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    // The declarations below repeat one shape on purpose: a table of settings, each setting written once.

    // Model and accelerator.

    public static final Setting<Path> MODEL_DIR = declare(Setting.path(
        "l1infer.model.dir", "models/muon-pt-thesis",
        "Model bundle directory; relative paths resolve against l1infer.home or the working directory."));
    public static final Setting<String> ACCELERATOR = declare(Setting.matching(
        "l1infer.accelerator", "emulator",
        "Engine that runs the model: the bit-exact CPU emulator, an OpenCL device, or the name an accelerator " +
        "provider on the class path answers to.", Pattern.compile("[a-z][a-z0-9_-]*"),
        "emulator | opencl | a provider name"));
    public static final Setting<Integer> ACCELERATOR_MAX_BATCH = declare(Setting.intInRange(
        "l1infer.accelerator.max.batch", "256",
        "Most events per accelerator call; must not exceed l1infer.ring.size.", 1, 65536));
    public static final Setting<Integer> ACCELERATOR_WARMUP = declare(Setting.intInRange(
        "l1infer.accelerator.warmup", "20000",
        "Synthetic events run through the accelerator (and the fallback), and as many batches through the " +
        "latency recorder, at start, before the daemon reports ready, so the JIT and device compilers are done " +
        "before the first real event; 0 = none.", 0, 10_000_000));
    public static final Setting<Boolean> FAILOVER_ENABLED = declare(Setting.bool(
        "l1infer.failover.enabled", "true",
        "On an accelerator error, re-run the batch on the CPU emulator and stay on it."));
    public static final Setting<Long> ACCELERATOR_TIMEOUT = declare(Setting.duration(
        "l1infer.accelerator.timeout", "100ms",
        "A batch not complete this long after its launch counts as an accelerator failure: the device is " +
        "abandoned (never called again) and its events and all later ones run on the CPU emulator.",
        MS / 10, HOUR));
    public static final Setting<Long> FAILBACK_INTERVAL = declare(Setting.duration(
        "l1infer.failback.interval", "0s",
        "After a failover, probe the accelerator this often with a copy of a recent batch; switch back when it " +
        "answers within l1infer.accelerator.timeout and bit for bit as the CPU emulator; 0s = never.", 0, HOUR));
    public static final Setting<Boolean> ACCELERATOR_REQUIRED = declare(Setting.bool(
        "l1infer.accelerator.required", "true",
        "true: a configured accelerator that is missing or fails to open stops the daemon from starting; " +
        "false: the daemon starts on the CPU emulator instead, degraded (results FALLBACK)."));

    // OpenCL device selection and kernel.

    public static final Setting<String> OPENCL_PLATFORM = declare(Setting.text(
        "l1infer.opencl.platform", "",
        "Substring of the OpenCL platform name to use; empty = any platform."));
    public static final Setting<String> OPENCL_DEVICE = declare(Setting.text(
        "l1infer.opencl.device", "",
        "Substring of the OpenCL device name to use; empty = any device."));
    public static final Setting<String> OPENCL_DEVICE_TYPE = declare(Setting.word(
        "l1infer.opencl.device.type", "all",
        "OpenCL device types to consider.", "all", "cpu", "gpu", "accelerator"));
    public static final Setting<Integer> OPENCL_DEVICE_INDEX = declare(Setting.intInRange(
        "l1infer.opencl.device.index", "0",
        "Index of the device to use among those matching platform, name and type.", 0, 1023));
    public static final Setting<Optional<Path>> OPENCL_BINARY = declare(Setting.optionalPath(
        "l1infer.opencl.binary", "",
        "Precompiled kernel (.xclbin or .awsxclbin); empty = build the generated OpenCL C kernel."));
    public static final Setting<String> OPENCL_KERNEL_NAME = declare(Setting.matching(
        "l1infer.opencl.kernel.name", "kernel_wrapper",
        "Name of the kernel function in the OpenCL program or binary.", C_IDENTIFIER, "a C identifier"));
    public static final Setting<Integer> OPENCL_BUFFER_SETS = declare(Setting.intInRange(
        "l1infer.opencl.buffer.sets", "2",
        "Input/output buffer sets in flight, so one batch is filled while another runs.", 2, 8));

    // Aeron media driver.

    public static final Setting<Path> AERON_DIR = declare(Setting.path(
        "l1infer.aeron.dir", "/dev/shm/l1infer",
        "Aeron directory shared by the media driver and the daemon's client."));
    public static final Setting<Optional<String>> AERON_DIR_GROUP = declare(Setting.optionalMatching(
        "l1infer.aeron.dir.group", "",
        "Group given to the embedded driver's Aeron directory (set-group-ID, so later files inherit it) and files: " +
        "over IPC only its members may publish or read results; empty = the process's group.",
        Pattern.compile("[a-z_][a-z0-9_-]*[$]?"), "a group name, or empty"));
    public static final Setting<Optional<Integer>> AERON_UMASK = declare(Setting.optionalOctalMask(
        "l1infer.aeron.umask", "",
        "File mode creation mask of the daemon process (octal, e.g. 0007: Aeron files 0660, directories 0770), set " +
        "before the embedded driver starts; empty = inherited (systemd's UMask=)."));
    public static final Setting<Boolean> DRIVER_EMBEDDED = declare(Setting.bool(
        "l1infer.driver.embedded", "true",
        "Run the Aeron media driver inside the daemon; false = connect to an external driver at l1infer.aeron.dir."));
    public static final Setting<ThreadingMode> DRIVER_THREADING = declare(Setting.oneOf(
        "l1infer.driver.threading", "invoker",
        "Threading mode of the embedded media driver; invoker: the ingest thread runs the driver (fewest threads).",
        ThreadingMode.class));
    public static final Setting<ConfiguredIdleStrategy> DRIVER_IDLE = declare(Setting.idleStrategy(
        "l1infer.driver.idle", "backoff",
        "Idle strategy of the embedded media driver's threads."));
    public static final Setting<Long> DRIVER_TIMEOUT = declare(Setting.duration(
        "l1infer.driver.timeout", "10s",
        "Aeron client liveness timeout and the client's driver timeout.", 100 * MS, HOUR));
    public static final Setting<Integer> DRIVER_TERM_LENGTH = declare(Setting.byteSize(
        "l1infer.driver.term.length", "16m",
        "Term buffer length of the daemon's publications.", 64 << 10, 1 << 30, true));

    // Streams.

    public static final Setting<String> INGEST_CHANNEL = declare(Setting.matching(
        "l1infer.ingest.channel", "aeron:ipc",
        "Aeron channel incoming events are subscribed on.", AERON_CHANNEL, AERON_CHANNEL_RULE));
    public static final Setting<Integer> INGEST_STREAM = declare(Setting.intInRange(
        "l1infer.ingest.stream", "1001",
        "Aeron stream id of incoming events.", Integer.MIN_VALUE, Integer.MAX_VALUE));
    public static final Setting<String> RESULT_CHANNEL = declare(Setting.matching(
        "l1infer.result.channel", "aeron:ipc",
        "Aeron channel results and rejects are published on.", AERON_CHANNEL, AERON_CHANNEL_RULE));
    public static final Setting<Integer> RESULT_STREAM = declare(Setting.intInRange(
        "l1infer.result.stream", "1002",
        "Aeron stream id of results.", Integer.MIN_VALUE, Integer.MAX_VALUE));
    public static final Setting<Integer> REJECT_STREAM = declare(Setting.intInRange(
        "l1infer.reject.stream", "1002",
        "Aeron stream id of rejects, on the result channel; equal to the result stream by default.",
        Integer.MIN_VALUE, Integer.MAX_VALUE));

    // Threads and the ring.

    public static final Setting<AgentLayout> AGENT_LAYOUT = declare(Setting.oneOf(
        "l1infer.agent.layout", "combined",
        "Ingest and accelerator owner on their own threads (separate) or on one thread (combined, uses " +
        "l1infer.ingest.idle).", AgentLayout.class));
    public static final Setting<ConfiguredIdleStrategy> INGEST_IDLE = declare(Setting.idleStrategy(
        "l1infer.ingest.idle", "yield",
        "Idle strategy of the ingest thread when a poll finds no fragments; yield holds a core, backoff parks."));
    public static final Setting<ConfiguredIdleStrategy> OWNER_IDLE = declare(Setting.idleStrategy(
        "l1infer.owner.idle", "yield",
        "Idle strategy of the accelerator-owner thread when the ring is empty."));
    public static final Setting<Integer> INGEST_FRAGMENT_LIMIT = declare(Setting.intInRange(
        "l1infer.ingest.fragment.limit", "64",
        "Most fragments taken from the ingest subscription per poll.", 1, 1024));
    public static final Setting<Integer> RING_SIZE = declare(Setting.powerOfTwo(
        "l1infer.ring.size", "4096",
        "Slots in the ring between the ingest thread and the accelerator owner.", 2, 1 << 20));
    public static final Setting<Integer> PUBLISH_MAX_RETRIES = declare(Setting.intInRange(
        "l1infer.publish.max.retries", "10000",
        "Most retries of one result publication on BACK_PRESSURED or ADMIN_ACTION before giving up on it.",
        0, 1_000_000_000));

    // Observability.

    public static final Setting<Optional<Path>> HISTOGRAM_LOG = declare(Setting.optionalPath(
        "l1infer.histogram.log", "",
        "HdrHistogram interval log (.hlog) to write latencies to; empty = none."));
    public static final Setting<ShadowKind> SHADOW = declare(Setting.oneOf(
        "l1infer.shadow", "none",
        "Second engine that recomputes the primary accelerator's batches on a thread of its own and compares the " +
        "raw outputs bit for bit; the answers sent are always the primary's.", ShadowKind.class));
    public static final Setting<Integer> SHADOW_EVERY = declare(Setting.intInRange(
        "l1infer.shadow.every", "1",
        "The shadow checks one batch in every this many (1 = every batch).", 1, 1_000_000));
    public static final Setting<Integer> SHADOW_MAX_LAG = declare(Setting.intInRange(
        "l1infer.shadow.max.lag", "64",
        "Records (each up to l1infer.accelerator.max.batch events of one or more batches) waiting for the shadow; " +
        "a batch that finds none free is skipped (and counted), so the primary path never waits for the shadow.",
        1, 65536));
    public static final Setting<Optional<Path>> SHADOW_MISMATCH_LOG = declare(Setting.optionalPath(
        "l1infer.shadow.mismatch.log", "",
        "Text file of the events whose shadow answer differs (ids, raw inputs, both raw outputs, batch size, " +
        "time); read it with 'l1infer-bench mismatches FILE'; empty = none."));
    public static final Setting<Integer> SHADOW_MISMATCH_MAX = declare(Setting.intInRange(
        "l1infer.shadow.mismatch.max", "10000",
        "Most mismatching events written to the mismatch log; later ones are only counted.", 1, 100_000_000));
    public static final Setting<Optional<Path>> ARCHIVE_DIR = declare(Setting.optionalPath(
        "l1infer.archive.dir", "",
        "Record the ingest and result streams with Aeron Archive into this directory (an archive embedded beside " +
        "the embedded driver, which then runs with threads of its own: shared instead of invoker); list them with " +
        "'l1infer-bench recordings', replay with 'l1infer-bench replay'; empty = no recording."));
    public static final Setting<String> ARCHIVE_CONTROL_CHANNEL = declare(Setting.text(
        "l1infer.archive.control.channel", "",
        "Control request channel of an external Aeron Archive to record with instead of the embedded one; empty = " +
        "embedded (needs l1infer.archive.dir)."));
    public static final Setting<Long> HISTOGRAM_INTERVAL = declare(Setting.duration(
        "l1infer.histogram.interval", "10s",
        "Length of each interval in the histogram log.", 100 * MS, HOUR));
    public static final Setting<Long> HISTOGRAM_MAX = declare(Setting.duration(
        "l1infer.histogram.max", "10s",
        "Highest latency the histograms can track.", MS, HOUR));
    public static final Setting<Integer> ERROR_LOG_LENGTH = declare(Setting.byteSize(
        "l1infer.error.log.length", "1m",
        "Bytes of the distinct error log buffer.", 64 << 10, 256 << 20, true));
    public static final Setting<Long> STATUS_INTERVAL = declare(Setting.duration(
        "l1infer.status.interval", "1s",
        "Period of the systemd STATUS= update and the summary log line.", 100 * MS, HOUR));
    public static final Setting<Optional<ListenAddress>> METRICS_LISTEN = declare(Setting.optionalListenAddress(
        "l1infer.metrics.listen", "",
        "Serve the counters and the last interval's latency percentiles as OpenMetrics/Prometheus text at " +
        "http://HOST:PORT/metrics; a bare port binds to loopback only; empty = no endpoint."));
    public static final Setting<Long> WATCHDOG_STALL = declare(Setting.duration(
        "l1infer.watchdog.stall", "2s",
        "An accelerator owner with no progress for longer than this stops the systemd watchdog pings.",
        10 * MS, HOUR));
    public static final Setting<Long> SHUTDOWN_TIMEOUT = declare(Setting.duration(
        "l1infer.shutdown.timeout", "30s",
        "Longest wait at shutdown for every accepted event to be answered before closing anyway.",
        100 * MS, HOUR));

    // Scale-out partition.

    public static final Setting<IntRange> PARTITION_WHEELS = declare(Setting.intRange(
        "l1infer.partition.wheels", "-2..2",
        "Wheels this daemon answers for on an ingest stream shared with other daemons: a muon event whose " +
        "deciding primitive (first usable, else first) lies outside, and unless this daemon covers the whole " +
        "detector any message it cannot place (feature vector, malformed), is ignored and counted.",
        new IntRange(-2, 2)));
    public static final Setting<IntRange> PARTITION_SECTORS = declare(Setting.intRange(
        "l1infer.partition.sectors", "1..12",
        "Sectors this daemon answers for on a shared ingest stream, as l1infer.partition.wheels.",
        new IntRange(1, 12)));

    /** Every setting above, in declaration order. */
    public static final SettingCatalogue CATALOGUE = new SettingCatalogue(PREFIX, Set.of(HOME_PROPERTY), DECLARED);

    private DaemonSettings()
    {
    }

    private static <T> Setting<T> declare(final Setting<T> setting)
    {
        DECLARED.add(setting);
        return setting;
    }
}
