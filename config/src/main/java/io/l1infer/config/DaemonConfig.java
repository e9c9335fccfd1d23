package io.l1infer.config;

import java.util.List;
import java.util.Map;

/**
 * The daemon's validated, immutable configuration: every setting of {@link DaemonSettings} read once, checked on
 * its own and against the others, with relative paths resolved, and read back with {@link #get(Setting)}.
 *
 * <p>Durations are in nanoseconds and sizes in bytes. Build with {@link #load(SettingsSource)}; print with
 * {@link #render()} for {@code --print-config}.
 */
public final class DaemonConfig
{
    private final Map<Setting<?>, Object> values;
    private final List<EffectiveSetting> effectiveSettings;

    private DaemonConfig(final SettingReader in)
    {
        for (final Setting<?> setting : DaemonSettings.CATALOGUE.settings())
        {
            in.read(setting);
        }
        if (!in.hasProblems())
        {
            checkAcrossSettings(in);
        }
        effectiveSettings = in.finish();
        values = in.values();
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

    /**
     * The value of a setting, typed by its declaration: durations in nanoseconds, sizes in bytes, paths absolute.
     *
     * @param setting a setting of {@link DaemonSettings}.
     * @param <T>     its value type.
     * @return the value.
     * @throws IllegalArgumentException when the setting is not one of {@link DaemonSettings}.
     */
    public <T> T get(final Setting<T> setting)
    {
        return SettingReader.cast(setting, values.get(setting));
    }

    /**
     * Whether the daemon records its streams: an embedded archive in a directory, or an external archive.
     *
     * @return true when recording.
     */
    public boolean recording()
    {
        return get(DaemonSettings.ARCHIVE_DIR).isPresent() || !get(DaemonSettings.ARCHIVE_CONTROL_CHANNEL).isEmpty();
    }

    private static void checkAcrossSettings(final SettingReader in)
    {
        final int maxBatch = in.value(DaemonSettings.ACCELERATOR_MAX_BATCH);
        final int ringSize = in.value(DaemonSettings.RING_SIZE);
        if (maxBatch > ringSize)
        {
            in.crossFieldProblem(DaemonSettings.ACCELERATOR_MAX_BATCH.key(),
                "must not exceed " + DaemonSettings.RING_SIZE.key() + " (" + ringSize + "), got " +
                maxBatch + " (from " + in.originOf(DaemonSettings.ACCELERATOR_MAX_BATCH) + "; " +
                DaemonSettings.RING_SIZE.key() + " from " + in.originOf(DaemonSettings.RING_SIZE) + ")");
        }
        if (sameMedium(in.value(DaemonSettings.INGEST_CHANNEL), in.value(DaemonSettings.RESULT_CHANNEL)))
        {
            checkStreamsDiffer(in, DaemonSettings.RESULT_STREAM);
            checkStreamsDiffer(in, DaemonSettings.REJECT_STREAM);
        }
    }

    private static void checkStreamsDiffer(final SettingReader in, final Setting<Integer> outbound)
    {
        final int stream = in.value(outbound);
        if (stream == in.value(DaemonSettings.INGEST_STREAM))
        {
            in.crossFieldProblem(outbound.key(),
                "must differ from " + DaemonSettings.INGEST_STREAM.key() + " while " +
                DaemonSettings.RESULT_CHANNEL.key() + " (" + in.value(DaemonSettings.RESULT_CHANNEL) + ") and " +
                DaemonSettings.INGEST_CHANNEL.key() + " (" + in.value(DaemonSettings.INGEST_CHANNEL) + ") reach " +
                "the same subscribers, or the daemon would ingest its own output; got " + stream + " (from " +
                in.originOf(outbound) + "; " + DaemonSettings.INGEST_STREAM.key() + " from " +
                in.originOf(DaemonSettings.INGEST_STREAM) + ")");
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

    /** The same text as {@link #render()}. */
    @Override
    public String toString()
    {
        return render();
    }
}
