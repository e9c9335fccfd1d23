package io.l1infer.daemon;

import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.EffectiveSetting;
import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.AcceleratorProvider;
import io.l1infer.fpga.model.ModelBundle;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.StringJoiner;

/** The accelerator providers on the class path, found by the {@code l1infer.accelerator} value they answer to. */
final class AcceleratorProviders
{
    private AcceleratorProviders()
    {
    }

    /**
     * The provider of that name.
     *
     * @throws IllegalArgumentException naming the setting and the providers there are, when none has the name.
     */
    static AcceleratorProvider find(final String name)
    {
        final StringJoiner known = new StringJoiner(", ");
        for (final AcceleratorProvider provider : ServiceLoader.load(AcceleratorProvider.class))
        {
            if (provider.name().equals(name))
            {
                return provider;
            }
            known.add(provider.name());
        }
        throw new IllegalArgumentException(DaemonSettings.ACCELERATOR.key() + "=" + name + ": no accelerator " +
            "provider of that name on the class path (there are: " + known + ")");
    }

    /** Open the accelerator of {@code provider} with the daemon's effective settings. */
    static Accelerator open(final AcceleratorProvider provider, final DaemonConfig config, final ModelBundle model)
    {
        final Map<String, String> settings = new HashMap<>();
        for (final EffectiveSetting setting : config.effectiveSettings())
        {
            settings.put(setting.setting().key(), setting.text());
        }
        return provider.open(model, config.get(DaemonSettings.ACCELERATOR_MAX_BATCH), settings::get);
    }
}
