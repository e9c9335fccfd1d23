package io.l1infer.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads settings from a source one at a time, recording each effective value and collecting every bad value so
 * that all of them are reported together.
 */
final class SettingReader
{
    private final SettingsSource source;
    private final Map<Setting<?>, EffectiveSetting> effective = new IdentityHashMap<>();
    private final Map<Setting<?>, String> origins = new IdentityHashMap<>();
    private final List<ConfigException> problems = new ArrayList<>();

    SettingReader(final SettingsSource source)
    {
        this.source = source;
    }

    /**
     * Read a setting; on a bad value record the problem and return the default so reading can go on.
     *
     * @param setting the setting.
     * @param <T>     its value type.
     * @return the value, or the default when the value was bad.
     */
    <T> T read(final Setting<T> setting)
    {
        final RawSetting raw = source.lookup(setting);
        try
        {
            final T value = setting.parse(raw.text());
            record(setting, setting.format(value), raw.origin());
            return value;
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(new ConfigException(setting.key(),
                ex.getMessage() + ", got " + Setting.shown(raw.text().strip()) + " (from " + raw.origin() + ")"));
            record(setting, setting.defaultText(), raw.origin());
            return setting.defaultValue();
        }
    }

    /**
     * Read a path setting and resolve it against the source's home directory.
     *
     * @param setting the setting.
     * @return an absolute path.
     */
    Path readPath(final Setting<Path> setting)
    {
        final Path resolved = source.resolve(read(setting));
        record(setting, resolved.toString(), origins.get(setting));
        return resolved;
    }

    /**
     * Read an optional path setting and resolve it, when present, against the source's home directory.
     *
     * @param setting the setting.
     * @return an absolute path, or empty.
     */
    Optional<Path> readOptionalPath(final Setting<Optional<Path>> setting)
    {
        final Optional<Path> resolved = read(setting).map(source::resolve);
        record(setting, setting.format(resolved), origins.get(setting));
        return resolved;
    }

    /**
     * Record a problem that involves more than one setting; the message starts with the first key.
     *
     * @param key    the key the message starts with.
     * @param detail what is wrong, naming the other keys and the origins of all.
     */
    void crossFieldProblem(final String key, final String detail)
    {
        problems.add(new ConfigException(key, detail));
    }

    /**
     * Where a setting already read came from, for cross-field messages.
     *
     * @param setting a setting already read.
     * @return the origin description.
     */
    String originOf(final Setting<?> setting)
    {
        return origins.get(setting);
    }

    /**
     * Whether any single-setting value was bad, in which case cross-field checks would only add noise.
     *
     * @return true when a problem has been recorded.
     */
    boolean hasProblems()
    {
        return !problems.isEmpty();
    }

    /**
     * Throw every problem found, or check that every catalogue setting was read and return the effective values.
     *
     * @return the effective values in catalogue order.
     * @throws ConfigException listing every problem.
     * @throws IllegalStateException when a declared setting was never read, which is a bug in the config class.
     */
    List<EffectiveSetting> finish()
    {
        if (!problems.isEmpty())
        {
            throw ConfigException.combine(problems);
        }
        final List<EffectiveSetting> ordered = new ArrayList<>();
        for (final Setting<?> setting : source.catalogue().settings())
        {
            final EffectiveSetting value = effective.get(setting);
            if (value == null)
            {
                throw new IllegalStateException(setting.key() + ": declared but never read into the configuration");
            }
            ordered.add(value);
        }
        return Collections.unmodifiableList(ordered);
    }

    private void record(final Setting<?> setting, final String text, final String origin)
    {
        effective.put(setting, new EffectiveSetting(setting, text, origin));
        origins.put(setting, origin);
    }
}
