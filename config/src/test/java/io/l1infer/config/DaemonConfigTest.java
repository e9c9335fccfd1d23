package io.l1infer.config;

import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonConfigTest
{
    private static final Path HOME = Path.of("/opt/l1infer");

    @TempDir
    Path dir;

    @Test
    void defaultsLoad()
    {
        final DaemonConfig config = load(SettingsSource.builder(DaemonSettings.CATALOGUE).home(HOME));
        assertEquals(HOME.resolve("models/muon-pt-thesis"), config.get(DaemonSettings.MODEL_DIR));
        assertEquals("emulator", config.get(DaemonSettings.ACCELERATOR));
        assertEquals(0L, config.get(DaemonSettings.FAILBACK_INTERVAL));
        assertEquals(256, config.get(DaemonSettings.ACCELERATOR_MAX_BATCH));
        assertTrue(config.get(DaemonSettings.FAILOVER_ENABLED));
        assertEquals("", config.get(DaemonSettings.OPENCL_PLATFORM));
        assertEquals("", config.get(DaemonSettings.OPENCL_DEVICE));
        assertEquals("all", config.get(DaemonSettings.OPENCL_DEVICE_TYPE));
        assertEquals(0, config.get(DaemonSettings.OPENCL_DEVICE_INDEX));
        assertEquals(Optional.empty(), config.get(DaemonSettings.OPENCL_BINARY));
        assertEquals("kernel_wrapper", config.get(DaemonSettings.OPENCL_KERNEL_NAME));
        assertEquals(2, config.get(DaemonSettings.OPENCL_BUFFER_SETS));
        assertEquals(Path.of("/dev/shm/l1infer"), config.get(DaemonSettings.AERON_DIR));
        assertTrue(config.get(DaemonSettings.DRIVER_EMBEDDED));
        assertEquals(ThreadingMode.INVOKER, config.get(DaemonSettings.DRIVER_THREADING));
        assertEquals(AgentLayout.COMBINED, config.get(DaemonSettings.AGENT_LAYOUT));
        assertEquals("backoff", config.get(DaemonSettings.DRIVER_IDLE).toString());
        assertEquals(10_000_000_000L, config.get(DaemonSettings.DRIVER_TIMEOUT));
        assertEquals(16 << 20, config.get(DaemonSettings.DRIVER_TERM_LENGTH));
        assertEquals("aeron:ipc", config.get(DaemonSettings.INGEST_CHANNEL));
        assertEquals(1001, config.get(DaemonSettings.INGEST_STREAM));
        assertEquals("aeron:ipc", config.get(DaemonSettings.RESULT_CHANNEL));
        assertEquals(1002, config.get(DaemonSettings.RESULT_STREAM));
        assertEquals(1002, config.get(DaemonSettings.REJECT_STREAM));
        assertEquals(ConfiguredIdleStrategy.parse("yield"), config.get(DaemonSettings.INGEST_IDLE));
        assertEquals(ConfiguredIdleStrategy.parse("yield"), config.get(DaemonSettings.OWNER_IDLE));
        assertEquals(Optional.empty(), config.get(DaemonSettings.AERON_DIR_GROUP));
        assertEquals(Optional.empty(), config.get(DaemonSettings.AERON_UMASK));
        assertFalse(config.recording());
        assertEquals(64, config.get(DaemonSettings.INGEST_FRAGMENT_LIMIT));
        assertEquals(4096, config.get(DaemonSettings.RING_SIZE));
        assertEquals(10_000, config.get(DaemonSettings.PUBLISH_MAX_RETRIES));
        assertEquals(Optional.empty(), config.get(DaemonSettings.HISTOGRAM_LOG));
        assertEquals(10_000_000_000L, config.get(DaemonSettings.HISTOGRAM_INTERVAL));
        assertEquals(10_000_000_000L, config.get(DaemonSettings.HISTOGRAM_MAX));
        assertEquals(1 << 20, config.get(DaemonSettings.ERROR_LOG_LENGTH));
        assertEquals(1_000_000_000L, config.get(DaemonSettings.STATUS_INTERVAL));
        assertEquals(2_000_000_000L, config.get(DaemonSettings.WATCHDOG_STALL));
        assertEquals(new IntRange(-2, 2), config.get(DaemonSettings.PARTITION_WHEELS));
        assertEquals(new IntRange(1, 12), config.get(DaemonSettings.PARTITION_SECTORS));
        for (final EffectiveSetting value : config.effectiveSettings())
        {
            assertEquals("default", value.origin(), value.setting().key());
        }
    }

    @Test
    void fileOverridesDefault() throws IOException
    {
        final Path file = write(
            "l1infer.accelerator=opencl\n" +
            "l1infer.opencl.binary=kernels/mlp.xclbin\n" +
            "l1infer.histogram.log=/var/log/l1infer/latency.hlog\n" +
            "l1infer.ingest.idle=backoff:100:10:1us:100us\n" +
            "l1infer.owner.idle=busy-spin\n" +
            "l1infer.partition.sectors=3..4\n" +
            "l1infer.driver.term.length=64k\n" +
            "l1infer.status.interval=250ms\n");
        final DaemonConfig config = load(SettingsSource.builder(DaemonSettings.CATALOGUE).home(HOME).file(file));
        assertEquals("opencl", config.get(DaemonSettings.ACCELERATOR));
        assertEquals(Optional.of(HOME.resolve("kernels/mlp.xclbin")), config.get(DaemonSettings.OPENCL_BINARY));
        assertEquals(Optional.of(Path.of("/var/log/l1infer/latency.hlog")), config.get(DaemonSettings.HISTOGRAM_LOG));
        assertEquals("backoff:100:10:1us:100us", config.get(DaemonSettings.INGEST_IDLE).toString());
        assertInstanceOf(BackoffIdleStrategy.class, config.get(DaemonSettings.INGEST_IDLE).newStrategy());
        assertInstanceOf(BusySpinIdleStrategy.class, config.get(DaemonSettings.OWNER_IDLE).newStrategy());
        assertEquals(new IntRange(3, 4), config.get(DaemonSettings.PARTITION_SECTORS));
        assertEquals(64 << 10, config.get(DaemonSettings.DRIVER_TERM_LENGTH));
        assertEquals(250_000_000L, config.get(DaemonSettings.STATUS_INTERVAL));
        assertEquals("file " + file.toAbsolutePath().normalize(), originOf(config, "l1infer.accelerator"));
        assertEquals("default", originOf(config, "l1infer.ring.size"));
    }

    @Test
    void systemPropertyOverridesFile() throws IOException
    {
        final Path file = write("l1infer.ring.size=1024\n");
        final Properties system = new Properties();
        system.setProperty("l1infer.ring.size", "2048");
        final DaemonConfig config = load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .file(file).systemProperties(system));
        assertEquals(2048, config.get(DaemonSettings.RING_SIZE));
        assertEquals("system property", originOf(config, "l1infer.ring.size"));
    }

    @Test
    void explicitOverrideBeatsAll() throws IOException
    {
        final Path file = write("l1infer.ring.size=1024\n");
        final Properties system = new Properties();
        system.setProperty("l1infer.ring.size", "2048");
        final DaemonConfig config = load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .file(file).systemProperties(system).overrides(Map.of("l1infer.ring.size", "8192")));
        assertEquals(8192, config.get(DaemonSettings.RING_SIZE));
        assertEquals("override", originOf(config, "l1infer.ring.size"));
    }

    @Test
    void loadFromEnvironmentReadsThisJvmsSystemPropertiesAndHome() throws IOException
    {
        final Path file = write("l1infer.ring.size=1024\nl1infer.ingest.stream=5\n");
        final String[] keys = { "l1infer.ring.size", DaemonSettings.HOME_PROPERTY };
        final String[] saved = { System.getProperty(keys[0]), System.getProperty(keys[1]) };
        System.setProperty(keys[0], "2048");
        System.setProperty(keys[1], dir.toString());
        try
        {
            final DaemonConfig config = DaemonConfig.load(
                SettingsSource.fromEnvironment(file, Map.of("l1infer.ingest.stream", "6")));
            assertEquals(2048, config.get(DaemonSettings.RING_SIZE));
            assertEquals(6, config.get(DaemonSettings.INGEST_STREAM));
            assertEquals(dir.toAbsolutePath().normalize().resolve("models/muon-pt-thesis"),
                config.get(DaemonSettings.MODEL_DIR));
        }
        finally
        {
            for (int i = 0; i < keys.length; i++)
            {
                if (saved[i] == null)
                {
                    System.clearProperty(keys[i]);
                }
                else
                {
                    System.setProperty(keys[i], saved[i]);
                }
            }
        }
    }

    /** One bad value of each kind of setting; the message must name the key, the value, the rule and the layer. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "l1infer.model.dir            ; ''             ; must be a non-empty path",
        "l1infer.accelerator          ; Open CL        ; must be emulator | opencl | a provider name",
        "l1infer.accelerator.max.batch; 0              ; must be an integer between 1 and 65536",
        "l1infer.failover.enabled     ; yes            ; must be true or false",
        "l1infer.opencl.device.type   ; dsp            ; must be one of all | cpu | gpu | accelerator",
        "l1infer.opencl.kernel.name   ; my-kernel      ; must be a C identifier",
        "l1infer.opencl.buffer.sets   ; 9              ; must be an integer between 2 and 8",
        "l1infer.driver.threading     ; single         ; must be one of invoker | shared | shared-network | dedicated",
        "l1infer.driver.idle          ; spinning       ; must be one of busy-spin | noop | yield | backoff",
        "l1infer.driver.timeout       ; 10             ; must be a whole number with a unit",
        "l1infer.driver.timeout       ; 50ms           ; must be a duration between 100ms and 1h",
        "l1infer.driver.term.length   ; 100k           ; must be a power of two between 64k and 1g bytes",
        "l1infer.ingest.channel       ; udp://h:1      ; must be an Aeron channel URI",
        "l1infer.ingest.stream        ; 1e3            ; must be an integer",
        "l1infer.owner.idle           ; sleep:5s       ; must have 1ns <= DURATION <= 1s in sleep:DURATION",
        "l1infer.ingest.fragment.limit; 2000           ; must be an integer between 1 and 1024",
        "l1infer.ring.size            ; 1000           ; must be a power of two between 2 and 1048576",
        "l1infer.publish.max.retries  ; -1             ; must be an integer between 0 and 1000000000",
        "l1infer.histogram.max        ; 1h1m           ; must be a whole number with a unit",
        "l1infer.partition.wheels     ; -3..3          ; must be FROM..TO with -2 <= FROM <= TO <= 2",
        "l1infer.partition.sectors    ; 12..1          ; must have FROM <= TO in FROM..TO",
    })
    void badValueNamesKeyValueRuleAndSource(final String key, final String value, final String rule)
        throws IOException
    {
        final String shown = value.isEmpty() ? "an empty value" : value;
        final Path file = write(key + "=" + value + "\n");
        assertBadValue(SettingsSource.builder(DaemonSettings.CATALOGUE).file(file), key, rule, shown,
            "(from file " + file.toAbsolutePath().normalize() + ")");

        final Properties system = new Properties();
        system.setProperty(key, value);
        assertBadValue(SettingsSource.builder(DaemonSettings.CATALOGUE).systemProperties(system), key, rule, shown,
            "(from system property)");

        assertBadValue(SettingsSource.builder(DaemonSettings.CATALOGUE).override(key, value), key, rule, shown,
            "(from override)");
    }

    @Test
    void ringSizeMessageMatchesTheDocumentedExample() throws IOException
    {
        final Path file = write("l1infer.ring.size=1000\n");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> load(SettingsSource.builder(DaemonSettings.CATALOGUE).file(file)));
        assertEquals("l1infer.ring.size: must be a power of two between 2 and 1048576, got 1000 (from file " +
            file.toAbsolutePath().normalize() + ")", ex.getMessage());
    }

    @Test
    void everyBadValueIsReportedAtOnceInDeclarationOrder() throws IOException
    {
        final Path file = write("l1infer.ring.size=1000\nl1infer.accelerator=FPGA\n");
        final Properties system = new Properties();
        system.setProperty("l1infer.watchdog.stall", "forever");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> load(SettingsSource.builder(DaemonSettings.CATALOGUE).file(file).systemProperties(system)));
        assertEquals(List.of("l1infer.accelerator", "l1infer.ring.size", "l1infer.watchdog.stall"), ex.keys());
        final String[] lines = ex.getMessage().split("\n");
        assertEquals(3, lines.length, ex.getMessage());
        for (int i = 0; i < lines.length; i++)
        {
            assertTrue(lines[i].startsWith(ex.keys().get(i) + ": "), lines[i]);
        }
    }

    @Test
    void batchLargerThanRingIsRejectedNamingBothKeysAndOrigins()
    {
        final Properties system = new Properties();
        system.setProperty("l1infer.ring.size", "128");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> load(SettingsSource.builder(DaemonSettings.CATALOGUE).systemProperties(system)));
        assertEquals("l1infer.accelerator.max.batch: must not exceed l1infer.ring.size (128), got 256 " +
            "(from default; l1infer.ring.size from system property)", ex.getMessage());

        final DaemonConfig equal = load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .override("l1infer.ring.size", "256"));
        assertEquals(256, equal.get(DaemonSettings.ACCELERATOR_MAX_BATCH));
    }

    @Test
    void resultOrRejectStreamEqualToIngestOnTheSameChannelIsRejected()
    {
        final ConfigException result = assertThrows(ConfigException.class,
            () -> load(SettingsSource.builder(DaemonSettings.CATALOGUE).override("l1infer.ingest.stream", "1002")));
        assertEquals(List.of("l1infer.result.stream", "l1infer.reject.stream"), result.keys());
        assertTrue(result.getMessage().startsWith("l1infer.result.stream: must differ from l1infer.ingest.stream"),
            result.getMessage());

        final ConfigException ipcVariants = assertThrows(ConfigException.class,
            () -> load(SettingsSource.builder(DaemonSettings.CATALOGUE).overrides(Map.of(
                "l1infer.result.channel", "aeron:ipc?term-length=64k",
                "l1infer.reject.stream", "1001"))));
        assertEquals(List.of("l1infer.reject.stream"), ipcVariants.keys());

        final DaemonConfig separateChannels = load(SettingsSource.builder(DaemonSettings.CATALOGUE).overrides(Map.of(
            "l1infer.ingest.channel", "aeron:udp?endpoint=localhost:40123",
            "l1infer.ingest.stream", "1002")));
        assertEquals(1002, separateChannels.get(DaemonSettings.INGEST_STREAM));
    }

    @Test
    void crossFieldChecksWaitUntilEverySingleValueIsGood()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> load(SettingsSource.builder(DaemonSettings.CATALOGUE).overrides(Map.of(
                "l1infer.ring.size", "128",
                "l1infer.accelerator", "FPGA"))));
        assertEquals(List.of("l1infer.accelerator"), ex.keys());
    }

    @Test
    void renderListsEveryKeyExactlyOnceInDeclarationOrder()
    {
        final DaemonConfig config = load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .home(HOME).override("l1infer.opencl.device", "Alveo U250"));
        final String[] lines = config.render().split("\n");
        final List<Setting<?>> declared = DaemonSettings.CATALOGUE.settings();
        assertEquals(declared.size(), lines.length, config.render());
        for (int i = 0; i < lines.length; i++)
        {
            final Setting<?> setting = declared.get(i);
            assertTrue(lines[i].startsWith(setting.key() + "="), lines[i]);
            assertTrue(lines[i].contains("    # " + setting.doc() + " ["), lines[i]);
        }
        final List<String> keys = new ArrayList<>();
        for (final String line : lines)
        {
            keys.add(line.substring(0, line.indexOf('=')));
        }
        assertEquals(keys.size(), keys.stream().distinct().count(), config.render());

        assertTrue(config.render().contains("l1infer.model.dir=/opt/l1infer/models/muon-pt-thesis "),
            config.render());
        assertTrue(lineOf(config, "l1infer.opencl.device").startsWith("l1infer.opencl.device=Alveo U250 "));
        assertTrue(lineOf(config, "l1infer.opencl.device").endsWith("[override]"));
        assertTrue(lineOf(config, "l1infer.ring.size").endsWith("[default]"));
    }

    @Test
    void renderShowsCanonicalValuesThatLoadBackToTheSameConfig()
    {
        final DaemonConfig first = load(SettingsSource.builder(DaemonSettings.CATALOGUE).home(HOME).overrides(Map.of(
            "l1infer.driver.timeout", "1500ms",
            "l1infer.histogram.max", "60s",
            "l1infer.driver.term.length", "65536",
            "l1infer.owner.idle", "backoff:10:5:1000:1000000",
            "l1infer.partition.sectors", " 4 ")));
        assertEquals("1m", textOf(first, "l1infer.histogram.max"));
        assertEquals("64k", textOf(first, "l1infer.driver.term.length"));
        assertEquals("backoff", textOf(first, "l1infer.owner.idle"));
        assertEquals("4..4", textOf(first, "l1infer.partition.sectors"));

        final SettingsSource.Builder again = SettingsSource.builder(DaemonSettings.CATALOGUE).home(Path.of("/else"));
        for (final EffectiveSetting value : first.effectiveSettings())
        {
            again.override(value.setting().key(), value.text());
        }
        final DaemonConfig second = load(again);
        for (int i = 0; i < first.effectiveSettings().size(); i++)
        {
            assertEquals(first.effectiveSettings().get(i).text(), second.effectiveSettings().get(i).text());
        }
        assertEquals(first.get(DaemonSettings.MODEL_DIR), second.get(DaemonSettings.MODEL_DIR));
        assertEquals(first.get(DaemonSettings.OWNER_IDLE), second.get(DaemonSettings.OWNER_IDLE));
    }

    private static void assertBadValue(
        final SettingsSource.Builder builder,
        final String key,
        final String rule,
        final String shown,
        final String origin)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> load(builder), key + " " + origin);
        final String message = ex.getMessage();
        assertEquals(key, ex.key(), message);
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith(key + ": " + rule), message);
        assertTrue(message.endsWith(", got " + shown + " " + origin), message);
    }

    private static DaemonConfig load(final SettingsSource.Builder builder)
    {
        return DaemonConfig.load(builder.build());
    }

    private static String originOf(final DaemonConfig config, final String key)
    {
        return find(config, key).origin();
    }

    private static String textOf(final DaemonConfig config, final String key)
    {
        return find(config, key).text();
    }

    private static EffectiveSetting find(final DaemonConfig config, final String key)
    {
        return config.effectiveSettings().stream()
            .filter((value) -> value.setting().key().equals(key))
            .findFirst()
            .orElseThrow();
    }

    private static String lineOf(final DaemonConfig config, final String key)
    {
        for (final String line : config.render().split("\n"))
        {
            if (line.startsWith(key + "="))
            {
                return line;
            }
        }
        throw new AssertionError(key + " not rendered");
    }

    private Path write(final String content) throws IOException
    {
        final Path file = dir.resolve("l1infer.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
