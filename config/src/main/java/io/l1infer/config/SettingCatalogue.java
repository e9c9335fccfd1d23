package io.l1infer.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered set of settings a program declares, with the key prefix they share and the few keys under that
 * prefix that are not settings (such as {@code l1infer.home}, set by the launchers).
 *
 * <p>Order is declaration order and is the order of every rendering, so related settings stay together.
 */
public final class SettingCatalogue
{
    private final String prefix;
    private final Set<String> reservedKeys;
    private final Map<String, Setting<?>> byKey;
    private final List<Setting<?>> settings;

    /**
     * Build a catalogue.
     *
     * @param prefix       the prefix every key starts with, such as {@code "l1infer."}.
     * @param reservedKeys keys under the prefix that are not settings and must not be reported as unknown.
     * @param settings     the settings in declaration order.
     * @throws IllegalArgumentException when a key is declared twice, lacks the prefix, or is reserved.
     */
    public SettingCatalogue(final String prefix, final Set<String> reservedKeys, final List<Setting<?>> settings)
    {
        this.prefix = prefix;
        this.reservedKeys = Set.copyOf(reservedKeys);
        final Map<String, Setting<?>> map = new LinkedHashMap<>();
        for (final Setting<?> setting : settings)
        {
            final String key = setting.key();
            if (!key.startsWith(prefix))
            {
                throw new IllegalArgumentException(key + ": declared key does not start with " + prefix);
            }
            if (this.reservedKeys.contains(key))
            {
                throw new IllegalArgumentException(key + ": declared key is reserved for other use");
            }
            if (map.put(key, setting) != null)
            {
                throw new IllegalArgumentException(key + ": declared twice");
            }
        }
        this.byKey = Collections.unmodifiableMap(map);
        this.settings = List.copyOf(settings);
    }

    /**
     * The prefix every key starts with.
     *
     * @return such as {@code "l1infer."}.
     */
    public String prefix()
    {
        return prefix;
    }

    /**
     * The settings in declaration order.
     *
     * @return an unmodifiable list.
     */
    public List<Setting<?>> settings()
    {
        return settings;
    }

    /**
     * Find a setting by key.
     *
     * @param key the full key.
     * @return the setting, or empty when none is declared with that key.
     */
    public Optional<Setting<?>> find(final String key)
    {
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * Whether a key names a declared setting.
     *
     * @param key the full key.
     * @return true when declared.
     */
    public boolean contains(final String key)
    {
        return byKey.containsKey(key);
    }

    /**
     * Whether a key under the prefix is reserved for something other than a setting.
     *
     * @param key the full key.
     * @return true when reserved.
     */
    public boolean isReserved(final String key)
    {
        return reservedKeys.contains(key);
    }

    /**
     * Explain why a key is unknown, suggesting the declared key it most likely meant.
     *
     * @param key the unknown key.
     * @return a reason phrase such as {@code "unknown setting; did you mean l1infer.ring.size?"}.
     */
    public String unknownKeyReason(final String key)
    {
        if (byKey.containsKey(prefix + key))
        {
            return "unknown setting; did you mean " + prefix + key + "?";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : byKey.keySet())
        {
            final int distance = editDistance(key, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(2, key.length() / 8))
        {
            return "unknown setting; did you mean " + best + "?";
        }
        return "unknown setting (see the declared settings with --print-config)";
    }

    private static int editDistance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
