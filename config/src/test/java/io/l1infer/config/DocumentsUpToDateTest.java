package io.l1infer.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped documents are generated from the declarations; these tests fail, saying how to fix it, when stale. */
class DocumentsUpToDateTest
{
    // Surefire runs with the module directory as the working directory.
    private static final Path SHIPPED_PROPERTIES = Path.of("l1infer.properties");
    private static final Path README = Path.of("README.md");

    private final CatalogueRenderer renderer = new CatalogueRenderer(DaemonSettings.CATALOGUE);

    @Test
    void shippedPropertiesFileMatchesTheDeclarations() throws IOException
    {
        assertEquals(renderer.renderPropertiesFile(), Files.readString(SHIPPED_PROPERTIES, StandardCharsets.UTF_8),
            "config/l1infer.properties is out of date with DaemonSettings; from the repository root run: " +
            CatalogueRenderer.REGENERATE_COMMANDS);
    }

    @Test
    void readmeTableMatchesTheDeclarations() throws IOException
    {
        final String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertEquals(renderer.replaceTable(readme, README.toString()), readme,
            "config/README.md's settings table is out of date with DaemonSettings; from the repository root run: " +
            CatalogueRenderer.REGENERATE_COMMANDS);
    }

    @Test
    void shippedPropertiesFileSetsEveryKeyAndParsesBackToTheDefaults()
    {
        final Path home = Path.of("/opt/l1infer");
        final DaemonConfig fromFile = DaemonConfig.load(
            SettingsSource.builder(DaemonSettings.CATALOGUE).home(home).file(SHIPPED_PROPERTIES).build());
        final DaemonConfig defaults = DaemonConfig.load(
            SettingsSource.builder(DaemonSettings.CATALOGUE).home(home).build());
        final String fileOrigin = "file " + SHIPPED_PROPERTIES.toAbsolutePath().normalize();
        final List<EffectiveSetting> read = fromFile.effectiveSettings();
        final List<EffectiveSetting> expected = defaults.effectiveSettings();
        assertEquals(expected.size(), read.size());
        for (int i = 0; i < read.size(); i++)
        {
            final String key = expected.get(i).setting().key();
            assertEquals(fileOrigin, read.get(i).origin(), key + " is not set by the shipped file");
            assertEquals(expected.get(i).text(), read.get(i).text(), key);
        }
    }

    @Test
    void renderedDefaultsSurvivePropertiesEscaping() throws IOException
    {
        final String awkwardText = " lead \\ back\tslash # not a comment = : \u00e4";
        final Setting<String> awkward = Setting.text("t.awkward", awkwardText, "Awkward text.");
        final Setting<String> empty = Setting.text("t.empty", "", "Empty text.");
        final SettingCatalogue catalogue = new SettingCatalogue("t.", Set.of(), List.of(awkward, empty));
        final String rendered = new CatalogueRenderer(catalogue).renderPropertiesFile();
        final Properties properties = new Properties();
        properties.load(new StringReader(rendered));
        assertEquals(awkwardText, properties.getProperty("t.awkward"), rendered);
        assertEquals("", properties.getProperty("t.empty"), rendered);
        assertEquals(2, properties.size(), rendered);
        assertTrue(rendered.contains("\n# Awkward text.\n# Allowed: any text\nt.awkward="), rendered);
    }
}
