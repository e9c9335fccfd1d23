package io.l1infer.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsSourceTest
{
    @TempDir
    Path dir;

    @Test
    void eachLayerBeatsTheOnesBelowIt() throws IOException
    {
        final Path file = write("l1infer.ring.size=1024\nl1infer.ingest.stream=7\nl1infer.result.stream=8\n");
        final Properties system = new Properties();
        system.setProperty("l1infer.ring.size", "2048");
        system.setProperty("l1infer.ingest.stream", "9");
        final SettingsSource source = SettingsSource.builder(DaemonSettings.CATALOGUE)
            .file(file)
            .systemProperties(system)
            .override("l1infer.ring.size", "8192")
            .build();
        final String fileOrigin = "file " + file.toAbsolutePath().normalize();

        assertEquals(new RawSetting("l1infer.ring.size", "8192", "override"),
            source.lookup(DaemonSettings.RING_SIZE));
        assertEquals(new RawSetting("l1infer.ingest.stream", "9", "system property"),
            source.lookup(DaemonSettings.INGEST_STREAM));
        assertEquals(new RawSetting("l1infer.result.stream", "8", fileOrigin),
            source.lookup(DaemonSettings.RESULT_STREAM));
        assertEquals(new RawSetting("l1infer.reject.stream", "1002", "default"),
            source.lookup(DaemonSettings.REJECT_STREAM));
    }

    @Test
    void systemPropertiesOutsideThePrefixAndTheHomePropertyAreIgnored()
    {
        final Properties system = new Properties();
        system.setProperty("java.home", "/usr/lib/jvm");
        system.setProperty("aeron.dir", "/somewhere/else");
        system.setProperty("l1infer.home", "/opt/l1infer");
        system.put("l1infer.ring.size", Integer.valueOf(8)); // not a string entry, as Properties allows
        final SettingsSource source =
            SettingsSource.builder(DaemonSettings.CATALOGUE).systemProperties(system).build();
        assertEquals("default", source.lookup(DaemonSettings.AERON_DIR).origin());
        assertEquals("default", source.lookup(DaemonSettings.RING_SIZE).origin());
    }

    @Test
    void unknownSystemPropertyIsRejectedWithASuggestion()
    {
        final Properties system = new Properties();
        system.setProperty("l1infer.rign.size", "1024");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).systemProperties(system).build());
        assertEquals("l1infer.rign.size", ex.key());
        assertEquals("l1infer.rign.size: unknown setting; did you mean l1infer.ring.size? (from system property)",
            ex.getMessage());
    }

    @Test
    void unknownKeysInTheFileAreAllRejectedEvenWithoutThePrefix() throws IOException
    {
        final Path file = write("ring.size=1024\nl1infer.histogram.intreval=5s\nl1infer.zzz=1\n");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).file(file).build());
        final String origin = "(from file " + file.toAbsolutePath().normalize() + ")";
        assertEquals(List.of("l1infer.histogram.intreval", "l1infer.zzz", "ring.size"), ex.keys());
        final String[] lines = ex.getMessage().split("\n");
        assertEquals(3, lines.length, ex.getMessage());
        assertEquals("l1infer.histogram.intreval: unknown setting; did you mean l1infer.histogram.interval? " +
            origin, lines[0]);
        assertEquals("l1infer.zzz: unknown setting (see the declared settings with --print-config) " + origin,
            lines[1]);
        assertEquals("ring.size: unknown setting; did you mean l1infer.ring.size? " + origin, lines[2]);
    }

    @Test
    void homePropertyInTheFileIsRejected() throws IOException
    {
        final Path file = write("l1infer.home=/opt\n");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).file(file).build());
        assertEquals("l1infer.home", ex.key());
        assertTrue(ex.getMessage().contains("only be given as a -D system property"), ex.getMessage());
    }

    @Test
    void unknownOverrideIsRejected()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).overrides(Map.of("l1infer.ring", "8")).build());
        assertTrue(ex.getMessage().startsWith("l1infer.ring: unknown setting"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("(from override)"), ex.getMessage());
    }

    @Test
    void keySetTwiceInTheFileIsRejected() throws IOException
    {
        final Path file = write("l1infer.ring.size=1024\nl1infer.ring.size = 2048\n");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).file(file).build());
        assertEquals("l1infer.ring.size: set more than once in file " + file.toAbsolutePath().normalize(),
            ex.getMessage());
    }

    @Test
    void missingFileIsNamed()
    {
        final Path missing = dir.resolve("nope.properties");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).file(missing).build());
        assertEquals(missing.toAbsolutePath().normalize() + ": config file does not exist", ex.getMessage());
    }

    @Test
    void fileThatIsNotUtf8IsNamed() throws IOException
    {
        final Path file = dir.resolve("latin1.properties");
        Files.write(file, "l1infer.opencl.device=Gr\u00e4fik\n".getBytes(StandardCharsets.ISO_8859_1));
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).file(file).build());
        assertEquals(file.toAbsolutePath().normalize() + ": config file is not valid UTF-8", ex.getMessage());
    }

    @Test
    void malformedEscapeIsNamed() throws IOException
    {
        final Path file = write("l1infer.opencl.device=\\u12\n");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).file(file).build());
        assertTrue(ex.getMessage().startsWith(file.toAbsolutePath().normalize() + ": malformed properties file"),
            ex.getMessage());
    }

    @Test
    void directoryAsFileIsNamed()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> SettingsSource.builder(DaemonSettings.CATALOGUE).file(dir).build());
        assertTrue(ex.getMessage().startsWith(dir.toAbsolutePath().normalize() + ": cannot read config file"),
            ex.getMessage());
    }

    @Test
    void utf8ValuesAndCommentsAreRead() throws IOException
    {
        final Path file = write("# comment\n! another\n\nl1infer.opencl.device = Gr\u00e4fik  \n");
        final SettingsSource source = SettingsSource.builder(DaemonSettings.CATALOGUE).file(file).build();
        assertEquals("Gr\u00e4fik  ", source.lookup(DaemonSettings.OPENCL_DEVICE).text());
    }

    @Test
    void layersAreCopiedWhenBuilt() throws IOException
    {
        final Path file = write("l1infer.ring.size=1024\n");
        final Properties system = new Properties();
        system.setProperty("l1infer.ingest.stream", "9");
        final SettingsSource source =
            SettingsSource.builder(DaemonSettings.CATALOGUE).file(file).systemProperties(system).build();
        Files.writeString(file, "l1infer.ring.size=64\n");
        system.setProperty("l1infer.ingest.stream", "10");
        assertEquals("1024", source.lookup(DaemonSettings.RING_SIZE).text());
        assertEquals("9", source.lookup(DaemonSettings.INGEST_STREAM).text());
    }

    @Test
    void relativePathsResolveAgainstHome()
    {
        final SettingsSource source =
            SettingsSource.builder(DaemonSettings.CATALOGUE).home(Path.of("/opt/l1infer/bin/..")).build();
        assertEquals(Path.of("/opt/l1infer"), source.home());
        assertEquals(Path.of("/opt/l1infer/models/m"), source.resolve(Path.of("models/./m")));
        assertEquals(Path.of("/data/m"), source.resolve(Path.of("/data/m")));
    }

    @Test
    void settingOfAnotherCatalogueIsRefused()
    {
        final SettingsSource source = SettingsSource.builder(DaemonSettings.CATALOGUE).build();
        final Setting<String> stranger = Setting.text("l1infer.ring.size", "", "Same key, different setting.");
        assertThrows(IllegalArgumentException.class, () -> source.lookup(stranger));
    }

    private Path write(final String content) throws IOException
    {
        final Path file = dir.resolve("l1infer.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
