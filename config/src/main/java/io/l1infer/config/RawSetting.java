package io.l1infer.config;

/**
 * The text a setting takes from the highest-priority layer that sets it, and a description of that layer.
 *
 * @param key    the full key.
 * @param text   the raw text, not yet trimmed or parsed.
 * @param origin where it came from, such as {@code "default"}, {@code "system property"}, {@code "override"} or
 *               {@code "file /etc/l1infer/l1infer.properties"}.
 */
public record RawSetting(String key, String text, String origin)
{
}
