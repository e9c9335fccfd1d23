package io.l1infer.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The layers a setting's text can come from, highest priority first: explicit overrides (command-line flags,
 * tests), Java system properties under the catalogue prefix, a properties file, and the declared default.
 *
 * <p>Every key in every layer is checked against the catalogue when the source is built, so a misspelt key fails
 * at start instead of silently leaving the default in force. All layers are copied at build time: later changes
 * to system properties or the file do not leak into a running configuration.
 */
public final class SettingsSource
{
    /** Origin description of the default layer. */
    public static final String DEFAULT_ORIGIN = "default";
    /** Origin description of the system property layer. */
    public static final String SYSTEM_PROPERTY_ORIGIN = "system property";
    /** Origin description of the override layer. */
    public static final String OVERRIDE_ORIGIN = "override";

    private final SettingCatalogue catalogue;
    private final Map<String, String> overrides;
    private final Map<String, String> systemProperties;
    private final Map<String, String> fileProperties;
    private final Path file;
    private final String fileOrigin;
    private final Path home;

    private SettingsSource(final Builder builder, final Map<String, String> fileProperties)
    {
        this.catalogue = builder.catalogue;
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(builder.overrides));
        this.systemProperties = Collections.unmodifiableMap(new TreeMap<>(builder.systemProperties));
        this.fileProperties = Collections.unmodifiableMap(fileProperties);
        this.file = builder.file;
        this.fileOrigin = builder.file == null ? null : fileOrigin(builder.file);
        this.home = builder.home;
    }

    /**
     * The source a daemon start uses: the daemon's catalogue, this JVM's system properties, an optional file and
     * the command line's overrides; relative paths resolve against the system property
     * {@value DaemonSettings#HOME_PROPERTY} when set, else the working directory.
     *
     * @param configFile the {@code --config} file, or null for none.
     * @param overrides  keys set explicitly on the command line; may be empty.
     * @return the validated source.
     * @throws ConfigException naming every unknown key or an unreadable file.
     */
    public static SettingsSource fromEnvironment(final Path configFile, final Map<String, String> overrides)
    {
        final Properties system = System.getProperties();
        final String homeText = system.getProperty(DaemonSettings.HOME_PROPERTY);
        final Builder builder = builder(DaemonSettings.CATALOGUE)
            .systemProperties(system)
            .overrides(overrides)
            .file(configFile);
        if (homeText != null && !homeText.isBlank())
        {
            builder.home(Path.of(homeText.strip()));
        }
        return builder.build();
    }

    /**
     * Start building a source; with nothing added, every setting takes its default.
     *
     * @param catalogue the declared settings keys are checked against.
     * @return a builder.
     */
    public static Builder builder(final SettingCatalogue catalogue)
    {
        return new Builder(catalogue);
    }

    /**
     * The text of a setting from the highest layer that sets it.
     *
     * @param setting a setting of this source's catalogue.
     * @return the text and its origin.
     * @throws IllegalArgumentException when the setting is not in the catalogue.
     */
    public RawSetting lookup(final Setting<?> setting)
    {
        final String key = setting.key();
        if (catalogue.find(key).orElse(null) != setting)
        {
            throw new IllegalArgumentException(key + ": not a setting of this source's catalogue");
        }
        String text = overrides.get(key);
        if (text != null)
        {
            return new RawSetting(key, text, OVERRIDE_ORIGIN);
        }
        text = systemProperties.get(key);
        if (text != null)
        {
            return new RawSetting(key, text, SYSTEM_PROPERTY_ORIGIN);
        }
        text = fileProperties.get(key);
        if (text != null)
        {
            return new RawSetting(key, text, fileOrigin);
        }
        return new RawSetting(key, setting.defaultText(), DEFAULT_ORIGIN);
    }

    /**
     * The catalogue keys were checked against.
     *
     * @return the catalogue.
     */
    public SettingCatalogue catalogue()
    {
        return catalogue;
    }

    /**
     * The properties file layer, if any.
     *
     * @return the file as given.
     */
    public Optional<Path> file()
    {
        return Optional.ofNullable(file);
    }

    /**
     * The absolute, normalised directory relative paths in settings resolve against.
     *
     * @return the home directory.
     */
    public Path home()
    {
        return home;
    }

    /**
     * Resolve a path from a setting: absolute paths are kept, relative ones resolve against {@link #home()}.
     *
     * @param path the path as written.
     * @return an absolute, normalised path.
     */
    public Path resolve(final Path path)
    {
        return home.resolve(path).normalize();
    }

    private static String fileOrigin(final Path file)
    {
        return "file " + file.toAbsolutePath().normalize();
    }

    /** Collects the layers of a {@link SettingsSource} and validates them in {@link #build()}. */
    public static final class Builder
    {
        private final SettingCatalogue catalogue;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new TreeMap<>();
        private Path file;
        private Path home = Path.of("").toAbsolutePath().normalize();

        private Builder(final SettingCatalogue catalogue)
        {
            this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        }

        /**
         * Add explicit overrides, the highest layer; later calls win over earlier ones for the same key.
         *
         * @param values full keys to text.
         * @return this builder.
         */
        public Builder overrides(final Map<String, String> values)
        {
            for (final Map.Entry<String, String> entry : values.entrySet())
            {
                overrides.put(
                    Objects.requireNonNull(entry.getKey(), "override key"),
                    Objects.requireNonNull(entry.getValue(), () -> "override value of " + entry.getKey()));
            }
            return this;
        }

        /**
         * Add one explicit override.
         *
         * @param key  full key.
         * @param text value text.
         * @return this builder.
         */
        public Builder override(final String key, final String text)
        {
            return overrides(Map.of(key, text));
        }

        /**
         * Take the system property layer from a snapshot of properties; only string entries whose keys start with
         * the catalogue prefix are kept, and reserved keys are skipped.
         *
         * @param properties such as {@code System.getProperties()}.
         * @return this builder.
         */
        public Builder systemProperties(final Properties properties)
        {
            systemProperties.clear();
            for (final String name : properties.stringPropertyNames())
            {
                if (name.startsWith(catalogue.prefix()) && !catalogue.isReserved(name))
                {
                    systemProperties.put(name, properties.getProperty(name));
                }
            }
            return this;
        }

        /**
         * Read a properties file (UTF-8) as the layer below system properties.
         *
         * @param configFile the file, or null for none.
         * @return this builder.
         */
        public Builder file(final Path configFile)
        {
            this.file = configFile;
            return this;
        }

        /**
         * Set the directory relative paths in settings resolve against.
         *
         * @param directory the directory; made absolute against the working directory.
         * @return this builder.
         */
        public Builder home(final Path directory)
        {
            this.home = directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Read the file and check every key of every layer against the catalogue.
         *
         * @return the source.
         * @throws ConfigException naming every unknown key, or the file when it cannot be read.
         */
        public SettingsSource build()
        {
            final List<ConfigException> problems = new ArrayList<>();
            final Map<String, String> fileProperties = file == null ? new LinkedHashMap<>() : readFile(file);
            for (final String key : overrides.keySet())
            {
                checkKey(key, OVERRIDE_ORIGIN, problems);
            }
            for (final String key : systemProperties.keySet())
            {
                checkKey(key, SYSTEM_PROPERTY_ORIGIN, problems);
            }
            for (final String key : fileProperties.keySet())
            {
                checkKey(key, fileOrigin(file), problems);
            }
            if (!problems.isEmpty())
            {
                throw ConfigException.combine(problems);
            }
            return new SettingsSource(this, fileProperties);
        }

        private void checkKey(final String key, final String origin, final List<ConfigException> problems)
        {
            if (catalogue.contains(key))
            {
                return;
            }
            final String reason = catalogue.isReserved(key) ?
                "not a setting; it may only be given as a -D system property" : catalogue.unknownKeyReason(key);
            problems.add(new ConfigException(key, reason + " (from " + origin + ")"));
        }

        private static Map<String, String> readFile(final Path configFile)
        {
            final String name = configFile.toAbsolutePath().normalize().toString();
            final DuplicateRecordingProperties properties = new DuplicateRecordingProperties();
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            catch (final NoSuchFileException ex)
            {
                throw new ConfigException(name, "config file does not exist");
            }
            catch (final CharacterCodingException ex)
            {
                throw new ConfigException(name, "config file is not valid UTF-8");
            }
            catch (final IOException ex)
            {
                throw new ConfigException(name, "cannot read config file: " + ex);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(name, "malformed properties file: " + ex.getMessage());
            }
            if (!properties.duplicates.isEmpty())
            {
                final List<ConfigException> problems = new ArrayList<>();
                for (final String key : properties.duplicates)
                {
                    problems.add(new ConfigException(key, "set more than once in file " + name));
                }
                throw ConfigException.combine(problems);
            }
            final Map<String, String> values = new TreeMap<>();
            for (final String key : properties.stringPropertyNames())
            {
                values.put(key, properties.getProperty(key));
            }
            return values;
        }
    }

    /** Properties that remember keys loaded twice, which plain Properties would silently let the last one win. */
    private static final class DuplicateRecordingProperties extends Properties
    {
        private final List<String> duplicates = new ArrayList<>();

        @Override
        public synchronized Object put(final Object key, final Object value)
        {
            final Object previous = super.put(key, value);
            if (previous != null && !duplicates.contains(key.toString()))
            {
                duplicates.add(key.toString());
            }
            return previous;
        }
    }
}
