package io.l1infer.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads settings from a source one at a time, keeping each value with its canonical text and origin and collecting
 * every bad value so that all of them are reported together.
 */
final class SettingReader
{
    private final SettingsSource source;
    private final Map<Setting<?>, Object> values = new IdentityHashMap<>();
    private final Map<Setting<?>, EffectiveSetting> effective = new IdentityHashMap<>();
    private final List<ConfigException> problems = new ArrayList<>();

    SettingReader(final SettingsSource source)
    {
        this.source = source;
    }

    /**
     * Read a setting, with relative paths resolved against the source's home directory; on a bad value record the
     * problem and keep the default so reading can go on.
     *
     * @param setting the setting.
     * @param <T>     its value type.
     */
    <T> void read(final Setting<T> setting)
    {
        final RawSetting raw = source.lookup(setting);
        T value;
        String text;
        try
        {
            value = setting.resolve(setting.parse(raw.text()), source::resolve);
            text = setting.format(value);
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(new ConfigException(setting.key(),
                ex.getMessage() + ", got " + Setting.shown(raw.text().strip()) + " (from " + raw.origin() + ")"));
            value = setting.defaultValue();
            text = setting.defaultText();
        }
        values.put(setting, value);
        effective.put(setting, new EffectiveSetting(setting, text, raw.origin()));
    }

    /**
     * The value of a setting already read, for checks across settings.
     *
     * @param setting a setting already read.
     * @param <T>     its value type.
     * @return the value.
     */
    <T> T value(final Setting<T> setting)
    {
        return cast(setting, values.get(setting));
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
        return effective.get(setting).origin();
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
     * Throw every problem found, or return the effective values in catalogue order.
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

    /**
     * Every value read, by setting identity.
     *
     * @return an unmodifiable view.
     */
    Map<Setting<?>, Object> values()
    {
        return Collections.unmodifiableMap(values);
    }

    /** Values are stored under their own setting, so the cast is checked by construction. */
    @SuppressWarnings("unchecked")
    static <T> T cast(final Setting<T> setting, final Object value)
    {
        if (value == null)
        {
            throw new IllegalArgumentException(setting.key() + ": not a setting of this configuration");
        }
        return (T)value;
    }
}
